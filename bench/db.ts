import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../server/src/db/database';
import { migrate } from '../server/src/db/migrate';
import { seedReference } from '../server/src/seed';
import { adminQuery, withDatabase } from '../server/src/testing/test-database';

/**
 * A fresh benchmark database: on PostgreSQL a new database created beside DATABASE_URL's
 * (dropped on close), otherwise an in-memory PGlite. Migrated, with reference data.
 */
export async function openBenchDatabase(name: string): Promise<Database> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const database = await openDatabase({});
    await migrate(database);
    await seedReference(database);
    return database;
  }
  const dbName = `mlob_bench_${name}_${randomBytes(3).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${dbName}`);
  const database = await openDatabase({ databaseUrl: withDatabase(baseUrl, dbName), poolSize: 4 });
  await migrate(database);
  await seedReference(database);
  return {
    ...database,
    async close() {
      await database.close();
      if (process.env.MLOB_BENCH_KEEP !== '1')
        await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

/** The PostgreSQL settings a bulk write depends on, so each figure says what server it ran on. */
const WRITE_SETTINGS = [
  'shared_buffers',
  'max_wal_size',
  'checkpoint_timeout',
  'wal_compression',
  'wal_level',
  'synchronous_commit',
  'maintenance_work_mem',
  'max_parallel_workers_per_gather',
  'max_parallel_maintenance_workers',
];

export async function serverSettings(database: Database): Promise<Record<string, string>> {
  const rows = await database.db
    .selectFrom(sql<{ name: string; setting: string; unit: string | null }>`pg_settings`.as('s'))
    .select(['s.name', 's.setting', 's.unit'])
    .where('s.name', 'in', WRITE_SETTINGS)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]));
}
