import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from './database';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url).pathname;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies every numbered SQL file in db/migrations that has not been applied yet, in name
 * order, each in its own transaction. Forward-only: an applied file whose content changed
 * is an error, never silently re-run.
 *
 * Number ranges belong to domains (see docs/architecture.md), so two domains developed at
 * once never collide; a file with a lower number added later is still applied.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  // One pinned connection: the session-level advisory lock keeps several server processes
  // that start together on PostgreSQL from migrating at the same time.
  await database.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(4242001)`.execute(conn);
    try {
      await sql
        .raw(`CREATE TABLE IF NOT EXISTS schema_migration (
          name text PRIMARY KEY,
          checksum text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now())`)
        .execute(conn);
      const done = await conn.selectFrom('schema_migration').select(['name', 'checksum']).execute();
      const doneByName = new Map(done.map((r) => [r.name, r.checksum]));
      for (const file of files) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        const checksum = createHash('sha256').update(text).digest('hex');
        const previous = doneByName.get(file);
        if (previous !== undefined) {
          if (previous !== checksum) {
            throw new Error(
              `Migration ${file} was changed after it was applied; add a new migration instead.`,
            );
          }
          continue;
        }
        await sql
          .raw(
            `BEGIN;\n${text}\n;\nINSERT INTO schema_migration (name, checksum) VALUES ('${file}', '${checksum}');\nCOMMIT;`,
          )
          .execute(conn)
          .catch(async (error: unknown) => {
            await sql.raw('ROLLBACK').execute(conn);
            throw new Error(`Migration ${file} failed: ${(error as Error).message}`);
          });
        applied.push(file);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(4242001)`.execute(conn);
    }
  });
  return { applied };
}
