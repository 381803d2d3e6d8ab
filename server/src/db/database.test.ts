import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, ENGINES } from '../testing/test-database';
import { runInBackground } from './background';
import type { Database } from './database';

describe.runIf(process.env.DATABASE_URL)('PostgreSQL connection pool', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => database?.close());

  it('survives the server closing an idle connection, and the next query gets a new one', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // Two connections in the pool, both idle once the queries finish.
      const pids = await Promise.all(
        [0, 1].map(async () => {
          const row = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`.execute(
            database.db,
          );
          return row.rows[0]!.pid;
        }),
      );
      expect(new Set(pids).size).toBe(2);
      // What a server restart or a forced DROP DATABASE does to them.
      const admin = await createTestDatabase('postgres');
      try {
        await sql`SELECT pg_terminate_backend(pid) FROM unnest(${pids}::int[]) AS pid`.execute(admin.db);
      } finally {
        await admin.close();
      }
      await vi.waitFor(() =>
        expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/idle database connection was closed/)),
      );
      const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
      expect(after.rows[0]!.one).toBe(1);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe.each(ENGINES)('scripts on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  it('rolls back a script that fails inside its transaction, and its connection serves the next query', async () => {
    await database.execScript('CREATE TABLE script_probe (n int)');
    await expect(
      database.execScript('BEGIN; INSERT INTO script_probe VALUES (1); SELECT 1 / 0; COMMIT;'),
    ).rejects.toThrow(/division by zero/);
    // Every pooled connection answers (one that kept the aborted transaction would refuse).
    const counts = await Promise.all(
      [0, 1, 2, 3].map(() =>
        sql<{ n: number }>`SELECT count(*)::int AS n FROM script_probe`.execute(database.db),
      ),
    );
    expect(counts.map((c) => c.rows[0]?.n)).toEqual([0, 0, 0, 0]);
  });
});

describe.each(ENGINES)('background work on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database?.close());

  it('lets a request in between the transactions of background work (a job), not after all of them', async () => {
    const transactions = 300;
    let done = 0;
    // A job: transaction after transaction, as an import checks rule after rule.
    const job = runInBackground(async () => {
      for (let i = 0; i < transactions; i += 1) {
        await database.db.transaction().execute(async (trx) => {
          await sql`SELECT count(*) FROM generate_series(1, 2000)`.execute(trx);
        });
        done += 1;
      }
    });
    // A request that arrives from the network meanwhile: it starts from the event loop, as an
    // HTTP request does, and makes two queries (its session, then its data).
    const answered = await new Promise<number>((resolve, reject) => {
      setTimeout(() => {
        sql`SELECT 1`
          .execute(database.db)
          .then(() => sql`SELECT 2`.execute(database.db))
          .then(() => resolve(done), reject);
      }, 5);
    });
    await job;
    expect(done).toBe(transactions);
    // On PGlite, whose queries never leave the microtask queue, the request used to wait for
    // the whole job; now it waits for a transaction or two.
    expect(answered).toBeLessThan(transactions / 2);
  });

  it('lets a request in while a large CSV is copied in, and copies every record', async () => {
    await database.execScript('CREATE TABLE copy_probe (n int, note text)');
    // ≈ 7 MB: several pieces on PGlite, with a quoted newline in every thousandth record.
    const rows = 300_000;
    const quoted = 'two\nlines, "quoted"';
    const text = Array.from({ length: rows }, (_, i) =>
      i % 1000 === 0 ? `${i},"${quoted.replace(/"/g, '""')}"\n` : `${i},សុខ ${i}\n`,
    ).join('');
    let isCopied = false;
    const copy = database.copyFrom('copy_probe', ['n', 'note'], text).then((n) => {
      isCopied = true;
      return n;
    });
    const isCopiedWhenAnswered = await new Promise<boolean>((resolve, reject) => {
      setTimeout(() => {
        sql`SELECT 1`.execute(database.db).then(() => resolve(isCopied), reject);
      }, 5);
    });
    expect(await copy).toBe(rows);
    // On PGlite the one connection used to be held for the whole COPY.
    expect(isCopiedWhenAnswered).toBe(false);
    const stored = await sql<{ n: number; quoted: number }>`
      SELECT count(*)::int AS n, (count(*) FILTER (WHERE note = ${quoted}))::int AS quoted
      FROM copy_probe`.execute(database.db);
    expect(stored.rows[0]).toEqual({ n: rows, quoted: rows / 1000 });
  });
});
