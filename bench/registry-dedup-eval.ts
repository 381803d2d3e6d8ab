/**
 * Duplicate detection, evaluated in depth on a loaded registry (docs/registry.md, "Duplicate
 * detection"): runs the job's own blocking and scoring chunk by chunk but keeps EVERY compared
 * pair with its facts and weights (no threshold) in the run's working schema, then prints
 * recall and precision at several thresholds, calibration per score band, how many duplicates
 * of the truth file were never compared, and the evidence of missed pairs and false positives.
 * The truth file is read only here, after detection; detection never sees it.
 *
 *   flock /tmp/mlob-bench.lock env DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *     npx tsx bench/registry-dedup-eval.ts --database mlob_nat --files /tmp/mlob-reg-gen/3600k [--keep]
 *   npx tsx bench/registry-dedup-eval.ts --database mlob_nat --files DIR --report-only
 *
 * `--keep` leaves the schema `dedup_run_eval` (person table, frequency tables and `eval`, every
 * compared pair) for reading by hand; `--report-only` reports on a kept one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../server/src/db/database';
import { dropRun, prepareRun } from '../server/src/domains/registry/dedup/dedup.repo';
import {
  assumedAgreement,
  COMPARED,
  type Comparison,
  compareChunk,
  createPairTables,
  estimateAgreement,
  scoredPairs,
  setAgreement,
} from '../server/src/domains/registry/dedup/dedup-score.repo';
import { withDatabase } from '../server/src/testing/test-database';

const SCHEMA = 'dedup_run_eval';
const THRESHOLDS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function collect(database: Database): Promise<void> {
  const db = database.db;
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`load ${load()}\n`);
  const { chunks, people } = await prepareRun(db, SCHEMA);
  await createPairTables(db, SCHEMA);
  process.stdout.write(`prepared ${people} people, ${chunks} name chunks in ${seconds()} s\n`);
  let pairs = 0;
  for (let chunk = 0; chunk <= chunks; chunk++)
    pairs += await db
      .transaction()
      .execute((trx) => compareChunk(trx, { schema: SCHEMA, chunk, nameChunks: chunks }));
  process.stdout.write(`compared ${pairs} pairs at ${seconds()} s; load ${load()}\n`);
}

/** Scores every stored pair with the assumed m's (eval_assumed) and with the learnt ones (eval). */
async function score(database: Database): Promise<void> {
  const db = database.db;
  // --without a,b: leave comparisons out (what each adds); --learn-from P: EM's cut-off.
  const without = (arg('--without') ?? '').split(',');
  const used = COMPARED.filter((c: Comparison) => !without.includes(c));
  const learnFrom = arg('--learn-from') ? Number(arg('--learn-from')) : undefined;
  process.stdout.write(`comparisons: ${used.join(', ')}; learn from ${learnFrom ?? 'default'}\n`);
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    await setAgreement(trx, SCHEMA, assumedAgreement());
    await sql`DROP TABLE IF EXISTS ${sql.raw(SCHEMA)}.eval_assumed`.execute(trx);
    await sql`CREATE UNLOGGED TABLE ${sql.raw(SCHEMA)}.eval_assumed AS ${scoredPairs(SCHEMA, used)}`.execute(
      trx,
    );
    const { agreement, rounds } = await estimateAgreement(trx, SCHEMA, learnFrom, used);
    process.stdout.write(
      `learnt the m's in ${rounds} rounds, ${((performance.now() - started) / 1000).toFixed(1)} s:\n`,
    );
    const assumed = assumedAgreement();
    for (const [comparison, levels] of Object.entries(agreement))
      process.stdout.write(
        `  ${comparison}: ${Object.entries(levels)
          .map(
            ([l, m]) =>
              `${l} ${(assumed as Record<string, Record<string, number>>)[comparison]?.[l]?.toFixed(3)} → ${m.toFixed(4)}`,
          )
          .join(', ')}\n`,
      );
    await sql`DROP TABLE IF EXISTS ${sql.raw(SCHEMA)}.eval`.execute(trx);
    await sql`CREATE UNLOGGED TABLE ${sql.raw(SCHEMA)}.eval AS ${scoredPairs(SCHEMA, used)}`.execute(trx);
  });
}

async function loadTruth(database: Database, dir: string): Promise<void> {
  await database.execScript(`
    DROP TABLE IF EXISTS ${SCHEMA}.truth_ref, ${SCHEMA}.truth;
    CREATE UNLOGGED TABLE ${SCHEMA}.truth_ref (a text, b text);`);
  const text = fs.readFileSync(path.join(dir, 'duplicates-truth.csv'), 'utf8');
  const body = text.slice(text.indexOf('\n') + 1);
  await database.copyFrom(`${SCHEMA}.truth_ref`, ['a', 'b'], body);
  await database.execScript(`
    CREATE UNLOGGED TABLE ${SCHEMA}.truth AS
    SELECT least(ma.id, mb.id) AS a_id, greatest(ma.id, mb.id) AS b_id
    FROM ${SCHEMA}.truth_ref t JOIN member ma ON ma.member_ref = t.a JOIN member mb ON mb.member_ref = t.b;
    CREATE UNIQUE INDEX ON ${SCHEMA}.truth (a_id, b_id);
    ANALYZE ${SCHEMA}.truth;
    CREATE INDEX ON ${SCHEMA}.eval (a_id, b_id);
    ALTER TABLE ${SCHEMA}.eval ADD COLUMN IF NOT EXISTS is_dup boolean;
    UPDATE ${SCHEMA}.eval e SET is_dup = EXISTS (SELECT 1 FROM ${SCHEMA}.truth t WHERE t.a_id = e.a_id AND t.b_id = e.b_id);
    ANALYZE ${SCHEMA}.eval;
    ALTER TABLE ${SCHEMA}.eval_assumed ADD COLUMN IF NOT EXISTS is_dup boolean;
    UPDATE ${SCHEMA}.eval_assumed e SET is_dup = EXISTS (SELECT 1 FROM ${SCHEMA}.truth t WHERE t.a_id = e.a_id AND t.b_id = e.b_id);`);
}

async function table(database: Database, title: string, query: string): Promise<void> {
  const rows = (await sql.raw(query).execute(database.db)).rows as Record<string, unknown>[];
  process.stdout.write(`\n${title}\n`);
  if (rows.length === 0) return void process.stdout.write('  (none)\n');
  const cols = Object.keys(rows[0] as object);
  const cell = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  process.stdout.write(`  ${cols.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')}\n`);
  for (const r of rows)
    process.stdout.write(`  ${cols.map((c, i) => cell(r[c]).padStart(widths[i] ?? 0)).join('  ')}\n`);
}

async function report(database: Database): Promise<void> {
  const S = SCHEMA;
  await table(
    database,
    'Overall',
    `SELECT (SELECT count(*) FROM ${S}.person)::int AS people, (SELECT count(*) FROM ${S}.truth)::int AS truth_pairs,
       (SELECT count(*) FROM ${S}.eval)::int AS compared,
       (SELECT count(*) FROM ${S}.eval WHERE is_dup)::int AS truth_compared,
       ((SELECT count(*) FROM ${S}.eval WHERE is_dup)::float8 / greatest(1, (SELECT count(*) FROM ${S}.truth))) AS blocking_recall`,
  );
  for (const [title, from] of [
    ["assumed m's", 'eval_assumed'],
    ["learnt m's", 'eval'],
  ] as const)
    await table(
      database,
      `Recall / precision by threshold, ${title}`,
      `SELECT t AS threshold, count(*) FILTER (WHERE e.score >= t)::int AS found,
       count(*) FILTER (WHERE e.score >= t AND e.is_dup)::int AS hits,
       (count(*) FILTER (WHERE e.score >= t AND e.is_dup)::float8 / (SELECT count(*) FROM ${S}.truth)) AS recall,
       (count(*) FILTER (WHERE e.score >= t AND e.is_dup)::float8 / greatest(1, count(*) FILTER (WHERE e.score >= t))) AS precision
     FROM unnest(ARRAY[${THRESHOLDS.join(',')}]::float8[]) t CROSS JOIN ${S}.${from} e GROUP BY t ORDER BY t`,
    );
  await table(
    database,
    'Calibration: share of duplicates per score band',
    `SELECT width_bucket(score, 0, 1, 10) AS band, min(score) AS lo, max(score) AS hi, count(*)::int AS pairs,
       avg(score) AS mean_score, avg(is_dup::int) AS dup_share
     FROM ${S}.eval WHERE score >= 0.02 GROUP BY 1 ORDER BY 1`,
  );
  const by = (what: string, label: string) =>
    table(
      database,
      `By ${label}: pairs, duplicates, missed at 0.3 (duplicates below it), false positives at 0.3`,
      `SELECT ${what} AS ${label}, count(*)::int AS pairs, count(*) FILTER (WHERE is_dup)::int AS dups,
         count(*) FILTER (WHERE is_dup AND score < 0.3)::int AS missed,
         count(*) FILTER (WHERE NOT is_dup AND score >= 0.3)::int AS false_pos,
         avg(score) FILTER (WHERE is_dup) AS dup_mean_score
       FROM ${S}.eval WHERE score >= 0.01 OR is_dup GROUP BY 1 ORDER BY 1`,
    );
  await by('name_l', 'name');
  await by('birth_l', 'birth');
  await by('place_l', 'place');
  await by(`coalesce(id_l, '-') || '/' || coalesce(phone_l, '-')`, 'id_phone');
  await by(`coalesce(age_l, '-') || '/' || coalesce(head_l, '-')`, 'age_head');
  await by(`coalesce(disability_l, '-') || '/' || coalesce(chronic_l, '-')`, 'disability_chronic');
  await by(`width_bucket(log(name_n::numeric), 0, 4, 8)`, 'log10_name_n_bucket');
  // Duplicates never compared: what they share, and how big their blocks were.
  await table(
    database,
    'Duplicates never compared: what the two records share',
    `SELECT a.sex = b.sex AS same_sex, a.km_skeleton = b.km_skeleton AS same_skeleton,
       (a.ph = b.ph AND a.has_family_latin AND b.has_family_latin AND a.has_given_latin AND b.has_given_latin) AS same_sound,
       a.year = b.year AS same_year,
       CASE WHEN left(a.village, 6) = left(b.village, 6) THEN 'commune' WHEN left(a.village, 4) = left(b.village, 4) THEN 'district'
         WHEN left(a.village, 2) = left(b.village, 2) THEN 'province' ELSE 'far' END AS near,
       (a.national_id = b.national_id) AS same_id, (a.phone = b.phone) AS same_phone, count(*)::int AS n
     FROM ${S}.truth t JOIN ${S}.person a ON a.id = t.a_id JOIN ${S}.person b ON b.id = t.b_id
     WHERE NOT EXISTS (SELECT 1 FROM ${S}.eval e WHERE e.a_id = t.a_id AND e.b_id = t.b_id)
     GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY n DESC LIMIT 20`,
  );
}

async function main(): Promise<void> {
  const name = arg('--database');
  const dir = arg('--files');
  const baseUrl = process.env.DATABASE_URL;
  if (!name || !dir || !baseUrl) throw new Error('needs --database NAME, --files DIR and DATABASE_URL');
  const database = await openDatabase({ databaseUrl: withDatabase(baseUrl, name), poolSize: 2 });
  try {
    if (!process.argv.includes('--report-only')) await collect(database);
    if (!process.argv.includes('--report-only') || process.argv.includes('--rescore')) await score(database);
    await loadTruth(database, dir);
    await report(database);
    if (!process.argv.includes('--keep') && !process.argv.includes('--report-only'))
      await dropRun(database.db, SCHEMA);
  } finally {
    await database.close();
  }
}

await main();
