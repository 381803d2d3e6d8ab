import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type Engine, openDatabase } from '../db/database';

/**
 * Engines every integration suite runs on: PGlite always, PostgreSQL as well when
 * DATABASE_URL is set (CI sets it). Use with `describe.each(ENGINES)`.
 */
export const ENGINES: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateFile: string;
    postgresTemplate: string | null;
  }
}

/**
 * A fresh, migrated database with the reference data (gazetteer) loaded, cloned from the
 * template the global setup built once: a tarball for PGlite, a template database for
 * PostgreSQL. Each test file gets its own, so tests never see each other's rows.
 */
export async function createTestDatabase(engine: Engine): Promise<Database & { url?: string }> {
  if (engine === 'pglite') {
    const file = inject('pgliteTemplateFile');
    const blob = new Blob([fs.readFileSync(file)]);
    return openDatabase({ loadDataDir: blob });
  }
  const template = inject('postgresTemplate');
  const baseUrl = process.env.DATABASE_URL;
  if (!template || !baseUrl) throw new Error('PostgreSQL tests need DATABASE_URL');
  const name = `mlob_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(baseUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
