import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isInBackground } from '../../db/background';
import { type Database, openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { countJob, createCountJobTable } from '../../testing/count-job';
import { createTestDatabase, ENGINES } from '../../testing/test-database';
import { SYSTEM_ACTOR } from '../actor';
import { registerJobKind } from './job-kinds';
import { JobRunner } from './job-runner';
import { presentJob } from './jobs.presenter';
import { findJob } from './jobs.repo';
import { enqueueJob } from './jobs.service';

registerJobKind(countJob);
/**
 * Saves a checkpoint, then reports progress outside any transaction, and says what the row held
 * and whether it ran as background work (on PGlite, requests go before its queries).
 */
registerJobKind({
  kind: 'test.report',
  policy: countJob.policy,
  params: z.object({}),
  async run(ctx) {
    await ctx.database.db
      .transaction()
      .execute((trx) => ctx.saveProgress(trx, { done: 1, total: 9, checkpoint: { step: 1 } }));
    await ctx.reportProgress({ done: 7, total: 9 });
    const row = await findJob(ctx.database.db, ctx.jobId);
    return {
      done: row?.progress_done,
      total: row?.progress_total,
      checkpoint: row?.checkpoint,
      isBackground: isInBackground(),
    };
  },
});
const CHILD = new URL('../../testing/job-worker-child.ts', import.meta.url).pathname;

function startChild(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function outputRows(database: Database, jobId: string) {
  const result = await sql<{
    n: number;
    worker: string;
  }>`SELECT n, worker FROM test_job_output WHERE job_id = ${jobId}::uuid ORDER BY n`.execute(database.db);
  return result.rows;
}

describe.each(ENGINES)('jobs on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await createCountJobTable(database);
  });
  afterAll(async () => database?.close());

  it('runs a job to the end with persisted progress and result', async () => {
    const job = await enqueueJob({
      database,
      actor: SYSTEM_ACTOR,
      kind: 'test.count',
      params: { n: 95, chunk: 10, delayMs: 0 },
    });
    expect(presentJob(job).status).toBe('queued');
    await new JobRunner({ database }).drain();
    const done = (await findJob(database.db, job.id))!;
    expect(presentJob(done)).toMatchObject({
      status: 'succeeded',
      done: 95,
      total: 95,
      result: { count: 95, sum: (95 * 96) / 2 },
    });
  });

  it('shows reported progress at once and keeps the saved checkpoint', async () => {
    const job = await enqueueJob({ database, actor: SYSTEM_ACTOR, kind: 'test.report', params: {} });
    await new JobRunner({ database }).drain();
    const done = (await findJob(database.db, job.id))!;
    expect(done.result).toEqual({ done: 7, total: 9, checkpoint: { step: 1 }, isBackground: true });
    expect(isInBackground()).toBe(false);
  });

  it('rejects bad parameters with the field named', async () => {
    await expect(
      enqueueJob({
        database,
        actor: SYSTEM_ACTOR,
        kind: 'test.count',
        params: { n: -1, chunk: 1, delayMs: 0 },
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ path: ['params', 'n'] })],
    });
  });

  it('resumes an abandoned job from its checkpoint when its worker stops heart-beating', async () => {
    const job = await enqueueJob({
      database,
      actor: SYSTEM_ACTOR,
      kind: 'test.count',
      params: { n: 60, chunk: 10, delayMs: 0 },
    });
    // A worker "dies" after its third chunk: it claimed the job, saved progress, then vanished.
    await sql`UPDATE job SET status = 'running', locked_by = 'dead-worker', heartbeat_at = now() - interval '1 hour',
              progress_done = 30, progress_total = 60, checkpoint = '{"next": 31}' WHERE id = ${job.id}::uuid`.execute(
      database.db,
    );
    await sql`INSERT INTO test_job_output (job_id, worker, n) SELECT ${job.id}::uuid, 'dead-worker', g FROM generate_series(1, 30) g`.execute(
      database.db,
    );
    await new JobRunner({ database, staleAfterSeconds: 1 }).drain();
    const done = (await findJob(database.db, job.id))!;
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, progress_done: 60 });
    expect((await outputRows(database, job.id)).map((r) => r.n)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
  });

  it('stops a job that another process has taken over, without writing its chunk', async () => {
    const job = await enqueueJob({
      database,
      actor: SYSTEM_ACTOR,
      kind: 'test.count',
      params: { n: 100, chunk: 10, delayMs: 100 },
    });
    const runner = new JobRunner({ database });
    const claimed = runner.runOne({ jobId: job.id });
    await waitFor(async () => ((await findJob(database.db, job.id))?.progress_done ?? 0) >= 10);
    await sql`UPDATE job SET locked_by = 'someone-else' WHERE id = ${job.id}::uuid`.execute(database.db);
    await claimed;
    const rows = await outputRows(database, job.id);
    const row = (await findJob(database.db, job.id))!;
    // The first runner stopped at its next chunk: that chunk rolled back with its failed checkpoint.
    expect(row).toMatchObject({ status: 'running', locked_by: 'someone-else' });
    expect(row.progress_done).toBeLessThan(100);
    expect(rows.length).toBe(row.progress_done);
  });
});

describe('a worker process killed mid-job (PGlite data folder)', () => {
  it('resumes to the same result as an uninterrupted run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-jobkill-'));
    let database = await openDatabase({ dataDir: dir });
    await migrate(database);
    await createCountJobTable(database);
    const job = await enqueueJob({
      database,
      actor: SYSTEM_ACTOR,
      kind: 'test.count',
      params: { n: 1000, chunk: 20, delayMs: 10 },
    });
    await database.close();

    // PGlite is single-process: the child owns the folder while it runs.
    const child = await startChild({
      TEST_PGLITE_DIR: dir,
      TEST_WORKER_FOREVER: '1',
      TEST_WORKER_NAME: 'child',
    });
    // Killed after its fifth committed chunk, wherever it is in the sixth.
    await new Promise<void>((resolve) => {
      let chunks = 0;
      child.stdout?.on('data', (data: Buffer) => {
        chunks += data
          .toString()
          .split('\n')
          .filter((line) => line.startsWith('chunk')).length;
        if (chunks >= 5) resolve();
      });
    });
    child.kill('SIGKILL');
    await exited(child);

    database = await openDatabase({ dataDir: dir });
    try {
      const interrupted = (await findJob(database.db, job.id))!;
      expect(interrupted.status).toBe('running');
      expect(interrupted.progress_done).toBeGreaterThan(0);
      expect(interrupted.progress_done).toBeLessThan(1000);
      await new JobRunner({ database, staleAfterSeconds: 0 }).drain();
      const done = (await findJob(database.db, job.id))!;
      expect(done.status).toBe('succeeded');
      expect(done.result).toEqual({ count: 1000, sum: (1000 * 1001) / 2 });
      const rows = await outputRows(database, job.id);
      expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      expect(new Set(rows.map((r) => r.worker))).toEqual(new Set(['child', 'parent']));
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(ENGINES.includes('postgres'))('several worker processes on one PostgreSQL', () => {
  let database: Database & { url?: string };
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await createCountJobTable(database);
  });
  afterAll(async () => database?.close());

  it('never run the same job twice', async () => {
    const jobs = [];
    for (let i = 0; i < 40; i += 1) {
      jobs.push(
        await enqueueJob({
          database,
          actor: SYSTEM_ACTOR,
          kind: 'test.count',
          params: { n: 10, chunk: 5, delayMs: 5 },
        }),
      );
    }
    const workers = await Promise.all([
      startChild({ TEST_DATABASE_URL: database.url!, TEST_WORKER_NAME: 'w1' }),
      startChild({ TEST_DATABASE_URL: database.url!, TEST_WORKER_NAME: 'w2' }),
    ]);
    await Promise.all(workers.map(exited));
    const perJob = await sql<{ job_id: string; rows: number; workers: number }>`
      SELECT job_id, count(*)::int AS rows, count(DISTINCT worker)::int AS workers FROM test_job_output GROUP BY job_id`.execute(
      database.db,
    );
    expect(perJob.rows).toHaveLength(40);
    for (const row of perJob.rows) expect(row).toMatchObject({ rows: 10, workers: 1 });
    const statuses = await database.db
      .selectFrom('job')
      .select(['status', 'attempts'])
      .where(
        'id',
        'in',
        jobs.map((j) => j.id),
      )
      .execute();
    expect(statuses.every((s) => s.status === 'succeeded' && s.attempts === 1)).toBe(true);
    const byWorker = await sql<{ worker: string }>`SELECT DISTINCT worker FROM test_job_output`.execute(
      database.db,
    );
    expect(byWorker.rows.map((r) => r.worker).sort()).toEqual(['w1', 'w2']);
  });

  it('lets a second process take over the job of a killed one, to the same result', async () => {
    const job = await enqueueJob({
      database,
      actor: SYSTEM_ACTOR,
      kind: 'test.count',
      params: { n: 300, chunk: 10, delayMs: 20 },
    });
    const doomed = await startChild({
      TEST_DATABASE_URL: database.url!,
      TEST_WORKER_FOREVER: '1',
      TEST_WORKER_NAME: 'doomed',
    });
    await waitFor(async () => ((await findJob(database.db, job.id))?.progress_done ?? 0) >= 50);
    doomed.kill('SIGKILL');
    await exited(doomed);
    // Workers take over a job whose heartbeat is older than 2 s (TEST child setting).
    await new Promise((r) => setTimeout(r, 2500));
    const survivor = await startChild({ TEST_DATABASE_URL: database.url!, TEST_WORKER_NAME: 'survivor' });
    await exited(survivor);
    const done = (await findJob(database.db, job.id))!;
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ count: 300, sum: (300 * 301) / 2 });
    const rows = await outputRows(database, job.id);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });
});
