import type { Database } from '../../db/database';
import type { Actor } from '../actor';
import { AppError, notFound } from '../errors';
import { authorize } from '../policy';
import { getJobKind } from './job-kinds';
import * as repo from './jobs.repo';

/** Enqueues a job after checking the kind's policy and parameters. */
export async function enqueueJob(options: {
  database: Database;
  actor: Actor;
  kind: string;
  params: unknown;
}) {
  const kind = getJobKind(options.kind);
  if (!kind)
    throw new AppError('bad_request', `Unknown job kind "${options.kind}".`, [
      { path: ['kind'], message: 'unknown' },
    ]);
  authorize(kind.policy, options.actor);
  const parsed = kind.params.safeParse(options.params);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      'The job parameters are not valid.',
      parsed.error.issues.map((i) => ({
        path: ['params', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: i.message,
      })),
    );
  }
  return repo.insertJob(options.database.db, {
    kind: options.kind,
    params: parsed.data,
    createdByKind: options.actor.kind,
    createdBy: options.actor.kind === 'system' ? null : options.actor.id,
  });
}

/** Admins see every job; anyone else only the jobs they started. */
function ownerFilter(actor: Actor): string | null {
  return actor.role === 'admin' ? null : actor.id;
}

export async function listJobsFor(options: { database: Database; actor: Actor; limit: number }) {
  return repo.listJobs(options.database.db, { createdBy: ownerFilter(options.actor), limit: options.limit });
}

export async function getJobFor(options: { database: Database; actor: Actor; id: string }) {
  const job = await repo.findJob(options.database.db, options.id);
  const owner = ownerFilter(options.actor);
  if (!job || (owner !== null && job.created_by !== owner)) throw notFound('Job');
  return job;
}

export async function cancelJobFor(options: { database: Database; actor: Actor; id: string }) {
  const job = await getJobFor(options);
  if (!(await repo.cancelJob(options.database.db, job.id))) {
    throw new AppError('conflict', `Job ${job.id} has already ended (${job.status}).`);
  }
  return getJobFor(options);
}
