import { type AppConfig, loadConfig } from '../config';
import { type Database, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedReference } from '../seed';

/** Opens the configured database (PostgreSQL or the PGlite data folder) and migrates it. */
export async function openConfigured(
  options: { shouldSeedReference?: boolean } = {},
): Promise<{ config: AppConfig; database: Database; applied: string[] }> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { applied } = await migrate(database);
  if (options.shouldSeedReference !== false) await seedReference(database);
  return { config, database, applied };
}

export function describeDatabase(config: AppConfig): string {
  if (!config.databaseUrl) return `embedded PGlite in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
