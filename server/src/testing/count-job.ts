import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database';
import type { JobKind } from '../platform/jobs/job-kinds';
import { definePolicy } from '../platform/policy';

/**
 * A job kind for the job-system tests only: writes the numbers 1..n to a table in chunks,
 * each chunk in one transaction with its checkpoint. If a run is ever repeated or a chunk
 * lost, the table shows it.
 */
export const countJob: JobKind<
  { n: number; chunk: number; delayMs: number },
  { next: number },
  { count: number; sum: number }
> = {
  kind: 'test.count',
  policy: definePolicy({ name: 'test.count', allow: ['admin'], scope: 'none' }),
  params: z.object({
    n: z.number().int().positive(),
    chunk: z.number().int().positive(),
    delayMs: z.number().int().min(0),
  }),
  async run(ctx) {
    const { db } = ctx.database;
    let next = ctx.checkpoint?.next ?? 1;
    const worker = process.env.TEST_WORKER_NAME ?? 'parent';
    while (next <= ctx.params.n) {
      const last = Math.min(ctx.params.n, next + ctx.params.chunk - 1);
      await db.transaction().execute(async (trx) => {
        await sql`INSERT INTO test_job_output (job_id, worker, n)
                  SELECT ${ctx.jobId}::uuid, ${worker}, g FROM generate_series(${next}::int, ${last}::int) g`.execute(
          trx,
        );
        await ctx.saveProgress(trx, { done: last, total: ctx.params.n, checkpoint: { next: last + 1 } });
      });
      next = last + 1;
      // Child worker processes report each committed chunk, so a test can kill one mid-job.
      if (process.env.TEST_WORKER_NAME) process.stdout.write(`chunk ${last}\n`);
      if (ctx.params.delayMs > 0) await new Promise((r) => setTimeout(r, ctx.params.delayMs));
    }
    const totals = await sql<{ count: number; sum: number }>`
      SELECT count(*)::int AS count, coalesce(sum(n), 0)::int AS sum FROM test_job_output WHERE job_id = ${ctx.jobId}::uuid`.execute(
      db,
    );
    return totals.rows[0]!;
  },
};

export async function createCountJobTable(database: Database): Promise<void> {
  await database.execScript(
    'CREATE TABLE IF NOT EXISTS test_job_output (job_id uuid NOT NULL, worker text NOT NULL, n int NOT NULL)',
  );
}
