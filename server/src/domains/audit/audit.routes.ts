import { ZJob } from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf } from '../../platform/http/context';
import { presentJob } from '../../platform/jobs/jobs.presenter';
import { enqueueJob } from '../../platform/jobs/jobs.service';
import { auditPolicies } from './audit.policy';

const ZAuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

/** The audit trail: read it (admin) and verify its chain as a job. */
export function auditRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/audit',
    {
      config: { policy: auditPolicies.read },
      schema: {
        tags: ['audit'],
        querystring: z.object({
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(100).optional(),
          beforeSeq: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(ZAuditEntry) }) },
      },
    },
    async (request) => {
      const q = request.query;
      let query = ctx.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(q.limit);
      if (q.entityType) query = query.where('entity_type', '=', q.entityType);
      if (q.entityId) query = query.where('entity_id', '=', q.entityId);
      if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
      const rows = await query.execute();
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actorKind: r.actor_kind,
          actorId: r.actor_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before ?? null,
          after: r.after ?? null,
          reason: r.reason,
        })),
      };
    },
  );

  app.post(
    '/api/audit/verify',
    {
      config: { policy: auditPolicies.verify },
      schema: { tags: ['audit'], description: 'Starts an audit.verify job.', response: { 202: ZJob } },
    },
    async (request, reply) => {
      const job = await enqueueJob({
        database: ctx.database,
        actor: actorOf(request),
        kind: 'audit.verify',
        params: {},
      });
      ctx.pokeJobs();
      return reply.status(202).send(presentJob(job));
    },
  );
}
