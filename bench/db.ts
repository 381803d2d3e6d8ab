import { randomBytes } from 'node:crypto';
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
