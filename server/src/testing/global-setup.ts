import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seedReference } from '../seed';
import { adminQuery, withDatabase } from './test-database';

/**
 * Builds the migrated, reference-seeded templates once per run (PGlite tarball, and a
 * PostgreSQL template database when DATABASE_URL is set) and removes them afterwards.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-test-'));
  const dataDir = path.join(dir, 'pglite');
  const pglite = await openDatabase({ dataDir });
  await migrate(pglite);
  await seedReference(pglite);
  await pglite.close();
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await (await dumpPglite(dataDir)).arrayBuffer()));
  project.provide('pgliteTemplateFile', file);

  const baseUrl = process.env.DATABASE_URL;
  let template: string | null = null;
  if (!baseUrl) {
    console.log(
      '\n[mlob] DATABASE_URL is not set: integration tests run on PGlite only; the PostgreSQL pass is skipped.\n',
    );
  } else {
    template = `mlob_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(baseUrl, `CREATE DATABASE ${template}`);
    const database = await openDatabase({ databaseUrl: withDatabase(baseUrl, template) });
    await migrate(database);
    await seedReference(database);
    await database.close();
  }
  project.provide('postgresTemplate', template);

  return async () => {
    if (baseUrl && template) await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
