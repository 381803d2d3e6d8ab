/**
 * Registry at scale: import throughput against a raw COPY of the same files, duplicate
 * detection wall time with recall and precision on the generator's truth file, and name
 * search p95 against a primary-key lookup. Scale: `--households N` (or
 * REGISTRY_BENCH_HOUSEHOLDS); the national target is 3,600,000 households / 15.6 M members.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/registry.bench.ts --households 200000
 *
 * `--dir DIR` reuses files written by `mlob generate --seed bench` (generation takes minutes at
 * national scale); `--skip dedup`, `--skip storage` or `--skip dedup,storage` leave duplicate
 * detection or the storage floor out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { runInBackground } from '../server/src/db/background';
import { type Database, openDatabase } from '../server/src/db/database';
import { migrate } from '../server/src/db/migrate';
import { detectDuplicates } from '../server/src/domains/registry/dedup/dedup.service';
import { generateRegistryFiles } from '../server/src/domains/registry/generate/generator';
import { searchMembers } from '../server/src/domains/registry/household.service';
import { applyImport, prepareImport } from '../server/src/domains/registry/import/import.service';
import { indexBuildMemory, inIndexLanes } from '../server/src/domains/registry/import/import-bulk';
import { SYSTEM_ACTOR } from '../server/src/platform/actor';
import { withDatabase } from '../server/src/testing/test-database';
import { openBenchDatabase, serverSettings } from './db';
import { measure, percentile, recordResult } from './harness';

function argOf(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Lines of a file after its header (generated files have no quoted newlines). */
async function countRecords(file: string): Promise<number> {
  let lines = 0;
  for await (const piece of fs.createReadStream(file, { highWaterMark: 64 * 1024 * 1024 })) {
    const buffer = piece as Buffer;
    for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) lines++;
  }
  return lines - 1;
}

function householdsArg(): number {
  const i = process.argv.indexOf('--households');
  const raw = i >= 0 ? process.argv[i + 1] : process.env.REGISTRY_BENCH_HOUSEHOLDS;
  return raw ? Number.parseInt(raw, 10) : process.env.DATABASE_URL ? 100_000 : 5_000;
}

/**
 * The floor: the same two files COPYed into bare text tables (no checks, no indexes), each
 * file's bytes streamed to one COPY as the import's staging does: the fastest raw COPY we
 * have. (Until session 4 the floor decoded 64 MB pieces into strings in Node, which on a
 * machine with CPU steal made it slower than the import's own staging, and so flattered the ratio.)
 */
async function rawCopy(database: Database, dir: string): Promise<void> {
  await database.execScript(`
    DROP TABLE IF EXISTS bench_raw_h, bench_raw_m;
    CREATE UNLOGGED TABLE bench_raw_h (household_ref text, village_code text, address text, phone text);
    CREATE UNLOGGED TABLE bench_raw_m (member_ref text, household_ref text, family_name_km text, given_name_km text,
      family_name_latin text, given_name_latin text, sex text, birth_date text, relation_to_head text, national_id text,
      phone text, disability text, chronic_illness text);`);
  for (const [table, file] of [
    ['bench_raw_h', 'households.csv'],
    ['bench_raw_m', 'members.csv'],
  ] as const) {
    const filePath = path.join(dir, file);
    const columns = headerOf(filePath);
    await database.copyFromFile(table, columns, filePath);
  }
  await database.execScript('DROP TABLE bench_raw_h, bench_raw_m;');
}

/**
 * The storage floor: the rows an import stored, already in their final form, copied into
 * empty clones of household and member that carry the registry's CHECK constraints, indexes
 * and foreign keys, built the cheapest way (rows first in one transaction, then every index,
 * two at a time on PostgreSQL as the import rebuilds them, then the keys). Nothing is read
 * from a file, checked or computed, so no import that stores into these tables can be faster:
 * raw COPY time / this time bounds the import's ratio from above. Logged, like the registry.
 */
async function storeFloor(database: Database): Promise<{ rows: number; indexes: number; keys: number }> {
  const clones = { household: 'bench_store_h', member: 'bench_store_m' } as const;
  await database.execScript(`
    DROP TABLE IF EXISTS bench_store_m, bench_store_h;
    CREATE TABLE bench_store_h (LIKE household INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
    CREATE TABLE bench_store_m (LIKE member INCLUDING DEFAULTS INCLUDING CONSTRAINTS);`);
  const cloneOf = (definition: string) =>
    definition
      .replace(/\b(?:public\.)?household\b(?=\s*(?:USING|\())/g, clones.household)
      .replace(/\b(?:public\.)?member\b(?=\s*(?:USING|\())/g, clones.member);
  const indexes = await sql<{ name: string; definition: string }>`
    SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid IN ('household'::regclass, 'member'::regclass)`.execute(database.db);
  const keys = await sql<{ name: string; tableName: string; definition: string }>`
    SELECT conname AS name, conrelid::regclass::text AS "tableName", pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE conrelid IN ('household'::regclass, 'member'::regclass) AND contype = 'f'`.execute(
    database.db,
  );
  const memory = indexBuildMemory(database);
  const started = performance.now();
  const lap = (label: string, since: number) => {
    const seconds = (performance.now() - since) / 1000;
    process.stdout.write(`    ${label}: ${seconds.toFixed(1)} s\n`);
    return seconds;
  };
  await database.execScript(`BEGIN; SET LOCAL synchronous_commit = off;
    INSERT INTO bench_store_h SELECT * FROM household; INSERT INTO bench_store_m SELECT * FROM member; COMMIT;`);
  const rows = lap('rows', started);
  const indexesStarted = performance.now();
  const statements = indexes.rows.map((r) =>
    cloneOf(r.definition).replace(/INDEX (\S+) ON/, (_, name: string) => `INDEX bench_store_${name} ON`),
  );
  // Two at a time on PostgreSQL, with the memory the import's own rebuild gets.
  await inIndexLanes(database, statements, (statement) =>
    database.execScript(`BEGIN; SET LOCAL maintenance_work_mem = '${memory}'; ${statement}; COMMIT;`),
  );
  const indexSeconds = lap(`${indexes.rows.length} indexes`, indexesStarted);
  const keysStarted = performance.now();
  for (const key of keys.rows) {
    const table = key.tableName === 'household' ? clones.household : clones.member;
    const references = key.definition
      .replace(/REFERENCES household\(/, `REFERENCES ${clones.household}(`)
      .replace(/REFERENCES member\(/, `REFERENCES ${clones.member}(`);
    await database.execScript(
      `BEGIN; SET LOCAL maintenance_work_mem = '${memory}'; SET LOCAL work_mem = '256MB';
       ALTER TABLE ${table} ADD CONSTRAINT bench_store_${key.name} ${references}; COMMIT;`,
    );
  }
  const keySeconds = lap(`${keys.rows.length} foreign keys`, keysStarted);
  await database.execScript('DROP TABLE bench_store_m, bench_store_h;');
  return { rows, indexes: indexSeconds, keys: keySeconds };
}

/** The column names on a generated file's first line. */
function headerOf(filePath: string): string[] {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const line = buffer.subarray(0, read).toString('utf8').split('\n')[0] ?? '';
    return line
      .replace(/^\uFEFF/, '')
      .trim()
      .split(',');
  } finally {
    fs.closeSync(fd);
  }
}

function readTruth(dir: string): Set<string> {
  const lines = fs.readFileSync(path.join(dir, 'duplicates-truth.csv'), 'utf8').trim().split('\n').slice(1);
  return new Set(lines.map((l) => l.split(',').sort().join('|')));
}

/**
 * Duplicate detection wall time, with recall and precision on the truth file, the compared
 * pairs, and a sample of false positives (found pairs the truth file does not hold) to read.
 */
async function benchDedup(database: Database, dir: string, context: Record<string, unknown>): Promise<void> {
  let detection = { pairs: 0, candidates: 0, chunks: 0 };
  const dedup = await measure('duplicate detection', async () => {
    detection = await detectDuplicates({ database });
  });
  const truth = readTruth(dir);
  const found = await database.db
    .selectFrom('duplicate_candidate as d')
    .innerJoin('member as a', 'a.id', 'd.member_a_id')
    .innerJoin('member as b', 'b.id', 'd.member_b_id')
    .select(['a.member_ref as a', 'b.member_ref as b', 'd.score', 'd.reasons'])
    .where('d.status', '=', 'open')
    .execute();
  const foundKeys = new Set(found.map((r) => [r.a, r.b].sort().join('|')));
  const hits = [...truth].filter((k) => foundKeys.has(k)).length;
  const recall = truth.size === 0 ? 1 : hits / truth.size;
  const precision = foundKeys.size === 0 ? 1 : hits / foundKeys.size;
  const falsePositives = found.filter((r) => !truth.has([r.a, r.b].sort().join('|')));
  for (const r of falsePositives.slice(0, 5))
    process.stdout.write(`    not in truth: ${r.a} ${r.b} ${r.score.toFixed(3)} ${r.reasons.join(';')}\n`);
  const scanFloor = await measure('floor: one full scan of member', () =>
    sql`SELECT count(*) FROM member WHERE name_km_key IS NOT NULL`.execute(database.db),
  );
  recordResult({
    name: 'registry.dedup',
    description: `duplicate detection wall time; recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)} on ${truth.size} injected duplicates`,
    figure: dedup.seconds,
    unit: 's',
    floor: scanFloor.seconds,
    ratio: dedup.seconds / scanFloor.seconds,
    ratioMeaning: 'detection time / one sequential scan of member (lower is better)',
    target: '≤ 900 s at national scale; recall ≥ 0.95 at precision ≥ 0.90',
    isTargetMet: recall >= 0.95 && precision >= 0.9,
    context: {
      ...context,
      recall,
      precision,
      truthPairs: truth.size,
      candidates: foundKeys.size,
      comparedPairs: detection.pairs,
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(1))),
    },
  });
}

/**
 * `--dedup-only --database NAME --files DIR`: detection alone, on a database an earlier run
 * (or `mlob import`) left loaded and the generated files (truth) in DIR; nothing is dropped.
 */
async function runDedupOnly(): Promise<void> {
  const arg = (flag: string) => {
    const i = process.argv.indexOf(flag);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const name = arg('--database');
  const dir = arg('--files');
  const baseUrl = process.env.DATABASE_URL;
  if (!name || !dir || !baseUrl)
    throw new Error('--dedup-only needs --database NAME, --files DIR and DATABASE_URL');
  const database = await openDatabase({ databaseUrl: withDatabase(baseUrl, name), poolSize: 4 });
  try {
    await migrate(database);
    const members = await sql<{ n: number }>`SELECT count(*)::int AS n FROM member`.execute(database.db);
    await benchDedup(database, dir, {
      database: name,
      members: members.rows[0]?.n,
      engine: database.engine,
      cores: os.cpus().length,
      loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(1))),
    });
  } finally {
    await database.close();
  }
}

export async function run(): Promise<void> {
  if (process.argv.includes('--dedup-only')) return runDedupOnly();
  const households = householdsArg();
  const givenDir = argOf('--dir');
  const skipped = (argOf('--skip') ?? '').split(',');
  const isDedupSkipped = skipped.includes('dedup');
  const dir = givenDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mlob-registry-bench-'));
  const generated = givenDir
    ? {
        households: await countRecords(path.join(dir, 'households.csv')),
        members: await countRecords(path.join(dir, 'members.csv')),
        duplicates: await countRecords(path.join(dir, 'duplicates-truth.csv')),
      }
    : await generateRegistryFiles({ households, seed: 'bench', outDir: dir });
  if (generated.households !== households)
    throw new Error(`${dir} holds ${generated.households} households, not ${households}`);
  process.stdout.write(
    `  generated ${generated.households} households, ${generated.members} members, ${generated.duplicates} duplicates\n`,
  );
  const database = await openBenchDatabase('registry');
  const context = {
    households,
    members: generated.members,
    engine: database.engine,
    cores: os.cpus().length,
    // The machine is shared: the load says how far the figures are from an idle server's.
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(1))),
    serverSettings: await serverSettings(database),
  };
  try {
    // Floor first, on the same files, in the same run.
    const floor = await measure('raw COPY of the two files', () => rawCopy(database, dir));
    let summary: Awaited<ReturnType<typeof applyImport>> | undefined;
    let prepareSeconds = 0;
    const idleReads = await timeReads(database, 50);
    let waits: { ms: number; phase: string | null; atSeconds: number }[] = [];
    const imported = await measure(
      'mlob import (stage, validate, write through history, indexes)',
      async () => {
        // Until it returns, every index is rebuilt: the data is searchable when this ends.
        ({
          result: { summary, prepareSeconds },
          waits,
        } = await whileTimingReads(database, () => runInBackground(() => importDir(database, dir))));
      },
    );
    if (summary?.rejected !== 0)
      throw new Error(`bench import rejected households: ${JSON.stringify(summary)}`);
    const rowsPerSecond = generated.members / imported.seconds;
    const floorRowsPerSecond = generated.members / floor.seconds;
    recordResult({
      name: 'registry.import_throughput',
      description:
        'members/s through mlob import (COPY staging, set-based validation, write at once or in batches through history, indexes rebuilt) vs raw COPY of the same files streamed into bare tables',
      figure: rowsPerSecond,
      unit: 'members/s',
      floor: floorRowsPerSecond,
      ratio: rowsPerSecond / floorRowsPerSecond,
      ratioMeaning: 'import throughput / raw COPY throughput (higher is better)',
      target: '≥ 0.4',
      isTargetMet: rowsPerSecond / floorRowsPerSecond >= 0.4,
      context: {
        ...context,
        importSeconds: imported.seconds,
        stageAndValidateSeconds: prepareSeconds,
        writeAndIndexSeconds: imported.seconds - prepareSeconds,
        copySeconds: floor.seconds,
        loadAverageAfterImport: os.loadavg().map((l) => Number(l.toFixed(1))),
      },
    });

    // What any other request waits for the database while an import runs: on PGlite (one
    // connection) it queues behind whichever of the import's transactions holds it.
    const idleP95 = percentile(idleReads, 95);
    const waitTimes = waits.map((w) => w.ms);
    const waitMax = Math.max(...waitTimes);
    recordResult({
      name: 'registry.import_request_wait',
      description:
        'longest wait of a progress read due every 250 ms while the import runs, counted from when it was due (on PGlite other requests queue for the one connection)',
      figure: waitMax,
      unit: 'ms',
      floor: idleP95,
      ratio: waitMax / idleP95,
      ratioMeaning:
        'longest wait during the import / p95 of the same read on an idle database (lower is better)',
      context: {
        ...context,
        reads: waits.length,
        p50: percentile(waitTimes, 50),
        p95: percentile(waitTimes, 95),
        readsOver1s: waitTimes.filter((w) => w > 1000).length,
        // Where the longest waits fell: the import's phase, and seconds into the import.
        longest: [...waits].sort((a, b) => b.ms - a.ms).slice(0, 8),
      },
    });

    await sql`ANALYZE`.execute(database.db);
    if (!isDedupSkipped) await benchDedup(database, dir, context);

    // Name search: full Khmer names, Latin spelling variants and given names alone.
    const sample = await sql<{ km: string; latin: string; given: string; ref: string }>`
      SELECT family_name_km || ' ' || given_name_km AS km, coalesce(family_name_latin, '') || ' ' || coalesce(given_name_latin, '') AS latin,
        given_name_km AS given, member_ref AS ref
      FROM member TABLESAMPLE SYSTEM (1) LIMIT 150`.execute(database.db);
    const queries = sample.rows.flatMap((r) => [r.km, r.latin.trim() || r.km, `${r.given}`]);
    const times: number[] = [];
    for (const q of queries) {
      const start = performance.now();
      await searchMembers({ database, actor: SYSTEM_ACTOR, query: { q, limit: 25, offset: 0 } });
      times.push(performance.now() - start);
    }
    // Misspellings (a letter dropped from the Latin given name) find no whole word: they go
    // to the trigram fallback. Reported beside the main figure, not mixed into it.
    const fuzzyTimes: number[] = [];
    for (const r of sample.rows.slice(0, 50)) {
      const latin = r.latin.trim();
      if (latin.length < 6) continue;
      const start = performance.now();
      await searchMembers({
        database,
        actor: SYSTEM_ACTOR,
        query: { q: latin.slice(0, -2) + latin.slice(-1), limit: 25, offset: 0 },
      });
      fuzzyTimes.push(performance.now() - start);
    }
    const floorTimes: number[] = [];
    for (const r of sample.rows) {
      const start = performance.now();
      await database.db.selectFrom('member').selectAll().where('member_ref', '=', r.ref).execute();
      floorTimes.push(performance.now() - start);
    }
    const p95 = percentile(times, 95);
    const floorP95 = percentile(floorTimes, 95);
    recordResult({
      name: 'registry.name_search_p95',
      description:
        'p95 of member search by name (Khmer full name, Latin variant, given name alone), 25 per page, national scope',
      figure: p95,
      unit: 'ms',
      floor: floorP95,
      ratio: p95 / floorP95,
      ratioMeaning: 'search p95 / primary-key lookup p95 (lower is better)',
      target: '≤ 150 ms',
      isTargetMet: p95 <= 150,
      context: {
        ...context,
        queries: queries.length,
        p50: percentile(times, 50),
        max: Math.max(...times),
        misspelledQueries: fuzzyTimes.length,
        misspelledP95: fuzzyTimes.length > 0 ? percentile(fuzzyTimes, 95) : null,
        loadAverageAtSearch: os.loadavg().map((l) => Number(l.toFixed(1))),
      },
    });

    if (process.argv.includes('--reimport')) await benchReimport(database, dir, context, floor.seconds);

    // The storage floor (from the rows the import stored): the best ratio any import into
    // these tables could reach on this server, in the same run. Last, because it writes and
    // reads gigabytes: taken before the searches, it most likely left them a cold cache
    // (session 7: name search p95 77.7–92.3 ms after it, 44.6–56.6 ms in session 6 without it).
    if (!skipped.includes('storage')) {
      let parts = { rows: 0, indexes: 0, keys: 0 };
      const stored = await measure(
        'storage floor: stored rows into clones with every constraint, index and key',
        async () => {
          parts = await storeFloor(database);
        },
      );
      recordResult({
        name: 'registry.import_storage_floor',
        description:
          'members/s storing the imported rows, already in final form, into empty clones of household and member with their CHECK constraints, indexes and foreign keys (rows, then indexes two at a time, then keys): what any import into these tables must at least pay, vs raw COPY of the same files',
        figure: generated.members / stored.seconds,
        unit: 'members/s',
        floor: floorRowsPerSecond,
        ratio: generated.members / stored.seconds / floorRowsPerSecond,
        ratioMeaning:
          'storage-only throughput / raw COPY throughput: the highest import ratio these tables allow (higher is better)',
        context: {
          ...context,
          storeSeconds: stored.seconds,
          rowsSeconds: parts.rows,
          indexesSeconds: parts.indexes,
          keysSeconds: parts.keys,
          copySeconds: floor.seconds,
          importSeconds: imported.seconds,
        },
      });
    }
  } finally {
    await database.close();
    if (!givenDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The read a progress bar makes: the latest import's phase. */
async function readPhase(database: Awaited<ReturnType<typeof openBenchDatabase>>): Promise<string | null> {
  const row = await database.db
    .selectFrom('import_run')
    .select('phase')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.phase ?? null;
}

/** `count` progress reads, one after another: milliseconds each. */
async function timeReads(database: Awaited<ReturnType<typeof openBenchDatabase>>, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await readPhase(database);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Runs `work` while a progress read is due every 250 ms beside it, as a web page polls. A wait
 * counts from when the read was due, not from when the event loop got round to it: a request
 * that cannot even be read off the socket waits too.
 */
async function whileTimingReads<T>(
  database: Awaited<ReturnType<typeof openBenchDatabase>>,
  work: () => Promise<T>,
): Promise<{ result: T; waits: { ms: number; phase: string | null; atSeconds: number }[] }> {
  const waits: { ms: number; phase: string | null; atSeconds: number }[] = [];
  const started = performance.now();
  const at = (time: number) => Math.round((time - started) / 100) / 10;
  let isDone = false;
  let due = performance.now();
  let isSleeping = false;
  const sampler = (async () => {
    while (!isDone) {
      const phase = await readPhase(database);
      const now = performance.now();
      waits.push({ ms: now - due, phase, atSeconds: at(due) });
      due = now + 250;
      isSleeping = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
      isSleeping = false;
    }
  })();
  try {
    return { result: await work(), waits };
  } finally {
    // A read due while the work starved the event loop, never made before it ended, waited too.
    const overdue = performance.now() - due;
    if (isSleeping && overdue > 0)
      waits.push({ ms: overdue, phase: 'due, not yet read at the end', atSeconds: at(due) });
    isDone = true;
    await sampler;
  }
}

/** Imports DIR's households.csv and members.csv as `mlob import` does; says how long staging and checking took. */
async function importDir(database: Awaited<ReturnType<typeof openBenchDatabase>>, dir: string) {
  const started = performance.now();
  const { runId } = await prepareImport({
    database,
    actor: SYSTEM_ACTOR,
    input: {
      households: { path: path.join(dir, 'households.csv') },
      members: { path: path.join(dir, 'members.csv') },
      householdsName: 'households.csv',
      membersName: 'members.csv',
    },
  });
  const prepareSeconds = (performance.now() - started) / 1000;
  const summary = await applyImport({ database, actor: SYSTEM_ACTOR, runId });
  return { summary, prepareSeconds };
}

/**
 * Imports the same files a second time (`--reimport`, after the search figures): every
 * household must come out unchanged and no history row may be written. What a re-import of an
 * unchanged national register costs, beside the raw COPY of the same files.
 */
async function benchReimport(
  database: Awaited<ReturnType<typeof openBenchDatabase>>,
  dir: string,
  context: Record<string, unknown> & { households: number; members: number },
  floorSeconds: number,
): Promise<void> {
  const historyRows = async () => {
    const r = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM household_history) + (SELECT count(*) FROM member_history) AS n`.execute(
      database.db,
    );
    return Number(r.rows[0]?.n);
  };
  const historyBefore = await historyRows();
  let summary: Awaited<ReturnType<typeof applyImport>> | undefined;
  const again = await measure('mlob import of the same files again', async () => {
    ({ summary } = await importDir(database, dir));
  });
  const historyAdded = (await historyRows()) - historyBefore;
  const isUnchanged =
    summary?.unchanged === context.households &&
    summary.imported === 0 &&
    summary.updated === 0 &&
    summary.rejected === 0 &&
    historyAdded === 0;
  const rowsPerSecond = context.members / again.seconds;
  const floorRowsPerSecond = context.members / floorSeconds;
  recordResult({
    name: 'registry.reimport_unchanged',
    description:
      'members/s through mlob import of the same files again (every household unchanged, no history written) vs raw COPY of the same files',
    figure: rowsPerSecond,
    unit: 'members/s',
    floor: floorRowsPerSecond,
    ratio: rowsPerSecond / floorRowsPerSecond,
    ratioMeaning: 're-import throughput / raw COPY throughput (higher is better)',
    target: 'every household unchanged, no history row',
    isTargetMet: isUnchanged,
    context: {
      ...context,
      reimportSeconds: again.seconds,
      copySeconds: floorSeconds,
      summary,
      historyRowsAdded: historyAdded,
      loadAverageAfterReimport: os.loadavg().map((l) => Number(l.toFixed(1))),
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
