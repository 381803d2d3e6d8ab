/**
 * Where a registry import's time goes: times each step of a first load (staging,
 * dictionaries, every validation statement, planning, the at-once write, the index rebuild)
 * on files of `mlob generate`, and prints the query plan of any validation statement slower than `--explain-over` seconds
 * (default 10). A diagnostic, not a benchmark: it has no floor and records no result.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/registry-import-profile.ts --dir DIR [--pieces N]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { todayInCambodia } from '../server/src/domains/geography';
import { writeAtOnce } from '../server/src/domains/registry/import/import-at-once';
import { deferIndexes, restoreDeferredIndexes } from '../server/src/domains/registry/import/import-bulk';
import {
  buildDictionaries,
  importWorkMem,
  planHouseholds,
} from '../server/src/domains/registry/import/import-derive';
import { indexStagedFiles, stageFile } from '../server/src/domains/registry/import/import-files';
import { validationQueries } from '../server/src/domains/registry/import/import-validate';
import { openBenchDatabase } from './db';

function argOf(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s  ${label}\n`);
  return result;
}

async function main(): Promise<void> {
  const dir = argOf('--dir');
  if (!dir) throw new Error('--dir DIR (files of mlob generate) is required');
  const explainOver = Number(argOf('--explain-over') ?? 10);
  // Pieces of the at-once member write (default: by size, as the import does).
  const pieces = argOf('--pieces') === undefined ? undefined : Number(argOf('--pieces'));
  const database = await openBenchDatabase('import_profile');
  try {
    const run = await database.db
      .insertInto('import_run')
      .values({ households_file: 'households.csv', members_file: 'members.csv', created_by_kind: 'system' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const kind of ['households', 'members'] as const) {
      await timed(`stage ${kind}.csv`, () =>
        stageFile({ database, runId: run.id, kind, source: { path: path.join(dir, `${kind}.csv`) } }),
      );
    }
    // Statistics on the staged files, as the import takes them (stageImport).
    await timed('analyze staged files', () => indexStagedFiles(database, run.id));
    await timed('dictionaries', () => buildDictionaries(database, run.id));
    const statements = validationQueries(run.id, { today: todayInCambodia(), scopeAreaCodes: null });
    for (const statement of statements) {
      const label = statement.replace(/\s+/g, ' ').slice(0, 150);
      const started = performance.now();
      const plan = await database.db.transaction().execute(async (trx) => {
        await sql.raw(`SET LOCAL work_mem = '${importWorkMem(database)}'`).execute(trx);
        return sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, TIMING OFF) ${sql.raw(statement)}`.execute(
          trx,
        );
      });
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(`${seconds.toFixed(1).padStart(7)} s  ${label}\n`);
      if (seconds > explainOver)
        process.stdout.write(`${plan.rows.map((r) => `           ${r['QUERY PLAN']}`).join('\n')}\n`);
    }
    const households = await timed('plan households', () => planHouseholds(database, run.id, 20_000));
    process.stdout.write(`           ${JSON.stringify(households)}\n`);
    // The write as a first national load does it: secondary indexes and keys set aside, every
    // row written at once, then the indexes and keys put back (import.service.ts applyImport).
    await timed('set indexes aside', () => deferIndexes(database, run.id));
    const written = await timed('write at once (households, members, name vocabulary)', () =>
      database.db.transaction().execute((trx) =>
        writeAtOnce(trx, {
          runId: run.id,
          workMem: importWorkMem(database),
          pieces,
          changeId: async () =>
            (
              await trx
                .insertInto('registry_change')
                .values({
                  kind: 'import',
                  source: 'import',
                  actor_kind: 'system',
                  reason: 'profile',
                  import_run_id: run.id,
                })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id,
        }),
      ),
    );
    process.stdout.write(`           ${JSON.stringify(written)}\n`);
    await timed('rebuild indexes and keys', () => restoreDeferredIndexes(database));
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
