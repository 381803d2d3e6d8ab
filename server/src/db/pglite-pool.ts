import type { PGlite } from '@electric-sql/pglite';

/**
 * Makes one PGlite instance look like a `pg` Pool to Kysely's PostgresDialect.
 *
 * PGlite has exactly one connection. Kysely holds a "connection" for the length of a
 * transaction, so a mutex hands it to one holder at a time: two requests that open
 * transactions at once run one after the other instead of interleaving statements.
 */
export function createPglitePool(pg: PGlite) {
  let tail: Promise<void> = Promise.resolve();

  function acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = tail.then(() => release);
    tail = tail.then(() => next);
    return ready;
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
