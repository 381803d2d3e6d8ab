import type { PGlite } from '@electric-sql/pglite';
import { isInBackground } from './background';

/**
 * Makes one PGlite instance look like a `pg` Pool to Kysely's PostgresDialect.
 *
 * PGlite has exactly one connection. Kysely holds a "connection" for the length of a
 * transaction, so a mutex hands it to one holder at a time: two requests that open
 * transactions at once run one after the other instead of interleaving statements.
 *
 * PGlite also runs in this thread, and its queries settle without leaving the microtask
 * queue: work that runs transaction after transaction (a job) would never let the event loop
 * read an incoming request, which would wait for the whole job. So background work
 * (db/background.ts) steps aside before each connection it takes, letting pending I/O in, and
 * the mutex hands the connection to a request's queries before background ones. A request then
 * waits for the background transaction under way, not for the job.
 */
export function createPglitePool(pg: PGlite) {
  let isHeld = false;
  const waiting = { request: [] as (() => void)[], background: [] as (() => void)[] };

  function handOver(): void {
    const next = waiting.request.shift() ?? waiting.background.shift();
    if (next) next();
    else isHeld = false;
  }

  async function acquire(): Promise<() => void> {
    const isBackground = isInBackground();
    if (isBackground) await new Promise<void>((resolve) => setImmediate(resolve));
    if (isHeld) {
      await new Promise<void>((resolve) => waiting[isBackground ? 'background' : 'request'].push(resolve));
    } else {
      isHeld = true;
    }
    return handOver;
  }

  return {
    async connect() {
      const release = await acquire();
      let isReleased = false;
      return {
        async query(sql: string, params: readonly unknown[] = []) {
          // Without parameters use the simple protocol, as node-postgres does, so a
          // multi-statement script (a migration) runs in one call.
          if (params.length === 0) {
            const results = await pg.exec(sql);
            const last = results[results.length - 1];
            return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0, command: commandOf(sql) };
          }
          const result = await pg.query<Record<string, unknown>>(sql, params as unknown[]);
          return {
            rows: result.rows,
            rowCount: result.affectedRows ?? result.rows.length,
            command: commandOf(sql),
          };
        },
        release() {
          if (!isReleased) {
            isReleased = true;
            release();
          }
        },
      };
    },
    async end() {
      await pg.close();
    },
  };
}

function commandOf(sql: string): string {
  const match = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge|select)\b/i.exec(sql);
  return (match?.[1] ?? 'SELECT').toUpperCase();
}
