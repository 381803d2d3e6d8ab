import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

export type JobRow = Awaited<ReturnType<typeof findJob>>;

export async function insertJob(
  db: Kysely<DB> | Transaction<DB>,
  values: { kind: string; params: unknown; createdByKind: string; createdBy: string | null },
) {
  return db
    .insertInto('job')
    .values({
      kind: values.kind,
      params: JSON.stringify(values.params ?? {}),
      created_by_kind: values.createdByKind,
      created_by: values.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findJob(db: Kysely<DB>, id: string) {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobs(db: Kysely<DB>, options: { createdBy: string | null; limit: number }) {
  let query = db.selectFrom('job').selectAll().orderBy('created_at', 'desc').limit(options.limit);
  if (options.createdBy !== null) query = query.where('created_by', '=', options.createdBy);
  return query.execute();
}

/**
 * Claims the oldest queued job of the given kinds, or a running one whose worker stopped
 * heart-beating. SKIP LOCKED makes two processes claiming at once take different jobs.
 */
export async function claimJob(
  db: Kysely<DB>,
  options: {
    workerId: string;
    kinds: readonly string[];
    staleAfterSeconds: number;
    jobId?: string | undefined;
  },
) {
  if (options.kinds.length === 0) return undefined;
  const result = await sql<NonNullable<JobRow>>`
    UPDATE job SET
      status = 'running',
      locked_by = ${options.workerId},
      heartbeat_at = now(),
      attempts = attempts + 1,
      started_at = coalesce(started_at, now()),
      run_started_at = now(),
      run_started_done = progress_done
    WHERE id = (
      SELECT id FROM job
      WHERE kind = ANY(${options.kinds as string[]}::text[])
        AND (${options.jobId ?? null}::uuid IS NULL OR id = ${options.jobId ?? null}::uuid)
        AND (status = 'queued'
             OR (status = 'running'
                 AND heartbeat_at < now() - make_interval(secs => ${options.staleAfterSeconds})))
      ORDER BY created_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db);
  return result.rows[0];
}

/** Returns false when the job is no longer ours (taken over or cancelled). */
export async function saveJobProgress(
  db: Kysely<DB> | Transaction<DB>,
  options: {
    id: string;
    workerId: string;
    done: number;
    total: number | null | undefined;
    /** Absent: progress only, the checkpoint stays (a report from inside a long transaction). */
    checkpoint?: unknown;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({
      progress_done: options.done,
      ...(options.total === undefined ? {} : { progress_total: options.total }),
      ...('checkpoint' in options ? { checkpoint: JSON.stringify(options.checkpoint ?? null) } : {}),
      heartbeat_at: sql`now()`,
    })
    .where('id', '=', options.id)
    .where('locked_by', '=', options.workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function heartbeatJob(db: Kysely<DB>, id: string, workerId: string): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({ heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishJob(
  db: Kysely<DB>,
  options: { id: string; workerId: string; status: 'succeeded' | 'failed'; result?: unknown; error?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({
      status: options.status,
      result: options.result === undefined ? null : JSON.stringify(options.result),
      error: options.error ?? null,
      finished_at: sql`now()`,
      locked_by: null,
    })
    .where('id', '=', options.id)
    .where('locked_by', '=', options.workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Hands a job back to the queue on graceful shutdown, so another process resumes it at once. */
export async function releaseJob(db: Kysely<DB>, id: string, workerId: string): Promise<void> {
  await db
    .updateTable('job')
    .set({ status: 'queued', locked_by: null, heartbeat_at: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
}

export async function cancelJob(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({ status: 'cancelled', locked_by: null, finished_at: sql`now()` })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
