import type { Command } from 'commander';
import type { Database } from '../db/database';
import type { AuditContext } from './audit/audit';
import type { AppContext, ZodApp } from './http/context';
import type { JobKind } from './jobs/job-kinds';

/**
 * What a domain plugs into the platform. Listed once in domains/modules.ts; buildApp(),
 * the job runner, the seed and the route matrix test all read that list.
 */
export interface DomainModule {
  name: string;
  routes?: (app: ZodApp, ctx: AppContext) => void;
  jobs?: JobKind[];
  /** Reference data every installation needs (gazetteer, checklists); idempotent. */
  seedReference?: (options: { database: Database; audit: AuditContext }) => Promise<void>;
  /** Adds the domain's `mlob` sub-commands (e.g. `mlob labs …`). */
  cli?: (program: Command) => void;
  /** Synthetic demo data for `npm start`; idempotent; never real personal data. */
  seedDemo?: (options: {
    database: Database;
    audit: AuditContext;
    log: (line: string) => void;
  }) => Promise<void>;
}
