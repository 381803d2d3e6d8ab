import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../../config';
import type { Database } from '../../db/database';
import type { Actor } from '../actor';
import type { AuditContext } from '../audit/audit';
import { AppError } from '../errors';
import './fastify-types';

/** What every domain's routes receive from buildApp(). */
export interface AppContext {
  database: Database;
  config: AppConfig;
  /** Wakes this process's job runner after a job is enqueued. */
  pokeJobs(): void;
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The signed-in actor; routes whose policy is not public can rely on it. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.actor;
}

export function auditContextOf(request: FastifyRequest): AuditContext {
  return { actor: actorOf(request), requestId: request.id };
}
