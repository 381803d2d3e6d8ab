import { sql } from 'kysely';
import type { Database } from '../../../db/database';

/** Tables whose secondary indexes and foreign keys a bulk import sets aside. */
const BULK_TABLES = ['member', 'household'] as const;

/**
 * An import writes in bulk mode when it brings at least this many members new to the registry
 * and at least as many as the registry already holds (the first national load, a new
 * province's registry). Below that, maintaining indexes row by row costs less than rebuilding
 * them whole; a re-import of registered people changes few rows, if any.
 */
export const BULK_MIN_MEMBERS = 200_000;

/** Whether an import bringing `members` new rows should set indexes aside (estimate of the table size). */
export async function isBulkWorthIt(database: Database, members: number): Promise<boolean> {
  if (members < BULK_MIN_MEMBERS) return false;
  const r = await sql<{ n: number }>`
    SELECT greatest(reltuples, 0)::bigint::int AS n FROM pg_class WHERE oid = 'member'::regclass`.execute(
    database.db,
  );
  return members >= (r.rows[0]?.n ?? 0);
}

/**
 * Bulk mode: the secondary (non-unique) indexes and the foreign keys of member and household
 * are dropped before the batches and rebuilt once after them. Rebuilding a trigram GIN index
 * over 15.6 M names sorts them once; maintaining it row by row costs an index insertion per
 * trigram per row, and each foreign key costs a lookup per row, where re-adding it checks
 * all rows in one join. Unique indexes stay (they decide the upserts and the one-head rule),
 * and every batch is still one transaction, so an interrupted import leaves whole households.
 * Trade-off: until the import finishes, searches and detection on those tables run without
 * their indexes (slow, never wrong), and the foreign keys are checked at the end instead of
 * per row. The definitions are saved in the same transaction as the drop, so they are always
 * restored: by the import at its end (or on failure), or by any later import.
 */
export async function deferIndexes(database: Database, runId: string): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    for (const table of BULK_TABLES) {
      const indexes = await sql<{ name: string; definition: string }>`
        SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = ${table}::regclass AND NOT i.indisunique AND NOT i.indisprimary`.execute(trx);
      const keys = await sql<{ name: string; definition: string }>`
        SELECT conname AS name, pg_get_constraintdef(oid) AS definition
        FROM pg_constraint WHERE conrelid = ${table}::regclass AND contype = 'f'`.execute(trx);
      for (const [kind, rows] of [
        ['index', indexes.rows],
        ['constraint', keys.rows],
      ] as const) {
        for (const row of rows) {
          await trx
            .insertInto('import_deferred_object')
            .values({
              import_run_id: runId,
              name: row.name,
              table_name: table,
              kind,
              definition: row.definition,
            })
            .execute();
          await sql
            .raw(
              kind === 'index'
                ? `DROP INDEX ${quoteIdent(row.name)}`
                : `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(row.name)}`,
            )
            .execute(trx);
        }
      }
    }
  });
}

/**
 * Puts back every index and foreign key set aside by bulk imports (this run's, or any left
 * by an import that stopped). Indexes first, two at a time on PostgreSQL (CREATE INDEX
 * takes a lock that lets another index build run beside it), largest first; then the foreign
 * keys, each checked over all rows in one statement. Each object's record is deleted in the
 * transaction that restores it, so a stop half-way resumes with what is left. `onProgress`
 * hears how many of the objects are back.
 */
export async function restoreDeferredIndexes(
  database: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const objects = await database.db
    .selectFrom('import_deferred_object')
    .select(['import_run_id', 'name', 'table_name', 'kind', 'definition'])
    .execute();
  if (objects.length === 0) return 0;
  // Trigram GIN indexes take longest: start them first so the lanes end together.
  const weight = (definition: string) =>
    definition.includes('gin_trgm_ops') ? 0 : definition.includes('gin') ? 1 : 2;
  const indexes = objects
    .filter((o) => o.kind === 'index')
    .sort((a, b) => weight(a.definition) - weight(b.definition));
  const memory = indexBuildMemory(database);
  let restored = 0;
  onProgress?.(0, objects.length);
  const restore = async (o: (typeof objects)[number]) => {
    const statement =
      o.kind === 'index'
        ? o.definition
        : `ALTER TABLE ${o.table_name} ADD CONSTRAINT ${quoteIdent(o.name)} ${o.definition}`;
    await database.execScript(
      `BEGIN;
       SET LOCAL maintenance_work_mem = '${memory}';
       SET LOCAL work_mem = '256MB';
       ${statement};
       DELETE FROM import_deferred_object WHERE import_run_id = '${o.import_run_id}' AND name = ${quoteLiteral(o.name)};
       COMMIT;`,
    );
    restored += 1;
    onProgress?.(restored, objects.length);
  };
  await inIndexLanes(database, indexes, restore);
  for (const key of objects.filter((o) => o.kind === 'constraint')) await restore(key);
  return objects.length;
}

/**
 * `maintenance_work_mem` for one index build. A national member index sorts 15.6 M keys: with
 * 1 GB it sorts in memory rather than in runs on disk (two lanes: 2 GB at most, for minutes, on
 * a national server). PGlite's 32-bit heap keeps the smaller budget.
 */
export function indexBuildMemory(database: Database): string {
  return database.engine === 'postgres' ? '1GB' : '512MB';
}

/**
 * Runs `build` over `items` in order, two at a time on PostgreSQL (CREATE INDEX takes a lock
 * that lets another index build run beside it), one at a time on PGlite's one connection.
 */
export async function inIndexLanes<T>(
  database: Database,
  items: readonly T[],
  build: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: database.engine === 'postgres' ? 2 : 1 }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await build(next);
    }),
  );
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
