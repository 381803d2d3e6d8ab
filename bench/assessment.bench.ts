import type { Question, QuestionnaireFile } from '@mlob/contracts';
import { sql } from 'kysely';
import type { Database } from '../server/src/db/database';
import { DOMAIN_MODULES } from '../server/src/domains/modules';
import { SYSTEM_ACTOR } from '../server/src/platform/actor';
import { registerJobKind } from '../server/src/platform/jobs/job-kinds';
import { JobRunner } from '../server/src/platform/jobs/job-runner';
import { enqueueJob } from '../server/src/platform/jobs/jobs.service';
import { openBenchDatabase } from './db';
import { measure, recordResult } from './harness';

const HOUSEHOLDS = Number(
  process.env.BENCH_ASSESSMENT_HOUSEHOLDS ?? (process.env.DATABASE_URL ? 3_600_000 : 20_000),
);
const RUNS = Number(process.env.BENCH_ASSESSMENT_RUNS ?? 2);
const MODEL = 'illustrative-rural-2026';

/** A random, valid answer for a question, as a SQL expression evaluated per generated row. */
function answerSql(q: Question): string {
  const list = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;
  switch (q.type) {
    case 'choice':
      return `to_jsonb((${list(q.options.map((o) => o.value))})[1 + floor(random() * ${q.options.length})::int])`;
    case 'multi':
      return `to_jsonb(ARRAY(SELECT o FROM unnest(${list(q.options.map((o) => o.value))}) o WHERE random() < 0.3 ORDER BY o))`;
    case 'number': {
      // Skewed toward small values, as land, livestock and floor areas are.
      const span = Math.min(q.max - q.min, q.key === 'dependency_ratio_pct' ? 100 : 60);
      const value = `${q.min} + power(random(), 2) * ${span}`;
      return q.isInteger ? `to_jsonb(floor(${value})::int)` : `to_jsonb(round((${value})::numeric, 2))`;
    }
    case 'boolean':
      return 'to_jsonb(random() < 0.12)';
  }
}

/**
 * Synthetic households and one rural-round assessment each, generated in SQL (no personal
 * data; the registry's members are not needed to score, the dependants answer is stored).
 */
async function generate(database: Database, questionnaire: QuestionnaireFile, modelId: number, qId: number) {
  const { db } = database;
  await sql`SELECT setseed(0.42)`.execute(db);
  const change = await db
    .insertInto('registry_change')
    .values({ kind: 'bench', source: 'seed', actor_kind: 'system', actor_id: 'bench', reason: 'benchmark' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const round = await db
    .insertInto('assessment_round')
    .values({
      setting: 'rural',
      number: 1,
      title: 'Benchmark round',
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
      questionnaire_version_id: qId,
      model_version_id: modelId,
      card_valid_months: 36,
      created_by: 'bench',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`CREATE TEMP TABLE bench_village AS
            SELECT row_number() OVER (ORDER BY code) AS n, code FROM area WHERE level = 4`.execute(db);
  const answers = `jsonb_build_object(${questionnaire.questions.map((q) => `'${q.key}', ${answerSql(q)}`).join(', ')})`;
  const step = 200_000;
  for (let from = 1; from <= HOUSEHOLDS; from += step) {
    const to = Math.min(HOUSEHOLDS, from + step - 1);
    await sql`
      WITH v AS (SELECT count(*) AS c FROM bench_village),
      h AS (
        INSERT INTO household (household_ref, village_code, change_id)
        SELECT 'BENCH-' || g, bv.code, ${change.id}::uuid
        FROM generate_series(${from}::int, ${to}::int) g, v
        JOIN bench_village bv ON true
        WHERE bv.n = 1 + (g % v.c)
        RETURNING id, village_code)
      INSERT INTO assessment (household_id, village_code, round_id, questionnaire_version_id, model_version_id,
                              interviewer_name, interviewed_on, answers, recorded_by)
      SELECT h.id, h.village_code, ${round.id}::uuid, ${qId}::int, ${modelId}::int, 'bench', '2026-03-01',
             ${sql.raw(answers)}, 'bench'
      FROM h`.execute(db);
    process.stdout.write(`  generated ${to} / ${HOUSEHOLDS}\r`);
  }
  process.stdout.write('\n');
  // As autovacuum would have done on a live registry: statistics and the visibility map.
  await sql`VACUUM ANALYZE household`.execute(db);
  await sql`VACUUM ANALYZE assessment`.execute(db);
  return round.id;
}

/**
 * The floor: ONE statement, written by hand for the illustrative rural model, computing the
 * same scores and levels and writing them the same way. If the model file changes, this must
 * be edited to match; the run checks that both give identical results.
 */
function handWrittenFloor(modelId: number) {
  return sql`
    INSERT INTO assessment_score (assessment_id, model_version_id, base_points, adjustment, score, level, scored_at)
    SELECT id, ${modelId}::int, base, adj, base + adj,
           CASE WHEN base + adj <= 18 THEN 1 WHEN base + adj <= 28 THEN 2 END, now()
    FROM (
      SELECT a.id,
        (CASE a.answers->>'roof_material' WHEN 'tin' THEN 3 WHEN 'tile' THEN 5 WHEN 'concrete' THEN 7 ELSE 0 END)
        + (CASE a.answers->>'wall_material' WHEN 'bamboo' THEN 1 WHEN 'wood' THEN 3 WHEN 'tin' THEN 3 WHEN 'brick' THEN 6 ELSE 0 END)
        + (CASE WHEN (a.answers->>'floor_area_m2')::numeric >= 120 THEN 8 WHEN (a.answers->>'floor_area_m2')::numeric >= 70 THEN 6
                WHEN (a.answers->>'floor_area_m2')::numeric >= 40 THEN 4 WHEN (a.answers->>'floor_area_m2')::numeric >= 20 THEN 2 ELSE 0 END)
        + (CASE a.answers->>'house_condition' WHEN 'fair' THEN 2 WHEN 'good' THEN 4 ELSE 0 END)
        + (CASE a.answers->>'residential_land' WHEN 'small' THEN 2 WHEN 'large' THEN 4 ELSE 0 END)
        + (CASE WHEN (a.answers->>'agricultural_land_ha')::numeric >= 5 THEN 10 WHEN (a.answers->>'agricultural_land_ha')::numeric >= 2 THEN 7
                WHEN (a.answers->>'agricultural_land_ha')::numeric >= 1 THEN 5 WHEN (a.answers->>'agricultural_land_ha')::numeric >= 0.5 THEN 3
                WHEN (a.answers->>'agricultural_land_ha')::numeric >= 0.1 THEN 1 ELSE 0 END)
        + LEAST(10, (CASE WHEN a.answers->'income_sources' ? 'farming' THEN 2 ELSE 0 END)
                  + (CASE WHEN a.answers->'income_sources' ? 'fishing' THEN 1 ELSE 0 END)
                  + (CASE WHEN a.answers->'income_sources' ? 'small_trade' THEN 3 ELSE 0 END)
                  + (CASE WHEN a.answers->'income_sources' ? 'salary' THEN 6 ELSE 0 END)
                  + (CASE WHEN a.answers->'income_sources' ? 'remittances' THEN 3 ELSE 0 END))
        + (CASE WHEN (a.answers->>'food_shortage_months')::numeric >= 6 THEN 0 WHEN (a.answers->>'food_shortage_months')::numeric >= 3 THEN 1
                WHEN (a.answers->>'food_shortage_months')::numeric >= 1 THEN 3 ELSE 6 END)
        + LEAST(12, (CASE WHEN a.answers->'transport' ? 'bicycle' THEN 1 ELSE 0 END)
                  + (CASE WHEN a.answers->'transport' ? 'motorbike' THEN 4 ELSE 0 END)
                  + (CASE WHEN a.answers->'transport' ? 'car' THEN 10 ELSE 0 END))
        + LEAST(10, (CASE WHEN a.answers->'productive_equipment' ? 'water_pump' THEN 2 ELSE 0 END)
                  + (CASE WHEN a.answers->'productive_equipment' ? 'hand_tractor' THEN 5 ELSE 0 END)
                  + (CASE WHEN a.answers->'productive_equipment' ? 'rice_mill' THEN 6 ELSE 0 END)
                  + (CASE WHEN a.answers->'productive_equipment' ? 'fishing_boat' THEN 3 ELSE 0 END))
        + (CASE WHEN (a.answers->>'large_livestock')::numeric >= 6 THEN 6 WHEN (a.answers->>'large_livestock')::numeric >= 3 THEN 4
                WHEN (a.answers->>'large_livestock')::numeric >= 1 THEN 2 ELSE 0 END)
        + LEAST(7, (CASE WHEN a.answers->'appliances' ? 'mobile_phone' THEN 1 ELSE 0 END)
                 + (CASE WHEN a.answers->'appliances' ? 'tv' THEN 2 ELSE 0 END)
                 + (CASE WHEN a.answers->'appliances' ? 'refrigerator' THEN 4 ELSE 0 END)
                 + (CASE WHEN a.answers->'appliances' ? 'solar_panel' THEN 1 ELSE 0 END))
        + (CASE WHEN (a.answers->>'dependency_ratio_pct')::numeric >= 67 THEN 0 WHEN (a.answers->>'dependency_ratio_pct')::numeric >= 50 THEN 1
                WHEN (a.answers->>'dependency_ratio_pct')::numeric >= 34 THEN 2 ELSE 4 END) AS base,
        GREATEST(-10, (CASE WHEN (a.answers->>'serious_illness')::boolean THEN -4 ELSE 0 END)
                    + (CASE WHEN (a.answers->>'disability_care')::boolean THEN -3 ELSE 0 END)
                    + (CASE WHEN (a.answers->>'lost_main_earner')::boolean THEN -5 ELSE 0 END)
                    + (CASE WHEN (a.answers->>'disaster_loss')::boolean THEN -4 ELSE 0 END)
                    + (CASE WHEN (a.answers->>'heavy_debt')::boolean THEN -3 ELSE 0 END)) AS adj
      FROM assessment a
    ) s
    ON CONFLICT (assessment_id, model_version_id) DO UPDATE SET
      base_points = EXCLUDED.base_points, adjustment = EXCLUDED.adjustment,
      score = EXCLUDED.score, level = EXCLUDED.level, scored_at = EXCLUDED.scored_at`;
}

async function resetScores(database: Database) {
  await sql`TRUNCATE assessment_score`.execute(database.db);
  if (database.engine === 'postgres') await sql`CHECKPOINT`.execute(database.db);
}

async function summary(database: Database, modelId: number) {
  const r = await sql<{ n: number; total: number; l1: number; l2: number }>`
    SELECT count(*)::int AS n, sum(score)::bigint AS total,
           count(*) FILTER (WHERE level = 1)::int AS l1, count(*) FILTER (WHERE level = 2)::int AS l2
    FROM assessment_score WHERE model_version_id = ${modelId}`.execute(database.db);
  return r.rows[0]!;
}

/**
 * Re-scoring a round of N households through the product path (the `assessment.score` job:
 * model compiled from its stored version, chunked set-based upserts with persisted progress)
 * against one hand-written statement computing the same scores, alternating, same run.
 */
export async function run(): Promise<void> {
  // Importing modules.ts (not the domain's index) keeps the CLI ↔ seed import cycle in app order.
  for (const module of DOMAIN_MODULES) for (const kind of module.jobs ?? []) registerJobKind(kind);
  const database = await openBenchDatabase('assessment');
  try {
    const model = await database.db
      .selectFrom('scoring_model_version as m')
      .innerJoin('questionnaire_version as q', 'q.id', 'm.questionnaire_version_id')
      .select(['m.id', 'q.id as qid', 'q.definition'])
      .where('m.code', '=', MODEL)
      .executeTakeFirstOrThrow();
    const started = Date.now();
    const roundId = await generate(database, model.definition as QuestionnaireFile, model.id, model.qid);
    const generateSeconds = (Date.now() - started) / 1000;
    const subjectTimes: number[] = [];
    const floorTimes: number[] = [];
    let subjectSummary: unknown;
    let floorSummary: unknown;
    for (let i = 0; i < RUNS; i += 1) {
      await resetScores(database);
      floorTimes.push(
        (
          await measure(`hand-written statement, ${HOUSEHOLDS} households`, () =>
            handWrittenFloor(model.id).execute(database.db),
          )
        ).seconds,
      );
      floorSummary = await summary(database, model.id);
      await resetScores(database);
      const job = await enqueueJob({
        database,
        actor: SYSTEM_ACTOR,
        kind: 'assessment.score',
        params: { modelVersionId: model.id, roundId },
      });
      subjectTimes.push(
        (
          await measure(`assessment.score job, ${HOUSEHOLDS} households`, () =>
            new JobRunner({ database }).runOne({ jobId: job.id }),
          )
        ).seconds,
      );
      subjectSummary = await summary(database, model.id);
    }
    if (JSON.stringify(subjectSummary) !== JSON.stringify(floorSummary))
      throw new Error(
        `the job and the floor disagree: ${JSON.stringify(subjectSummary)} vs ${JSON.stringify(floorSummary)}`,
      );
    const subject = Math.min(...subjectTimes);
    const floor = Math.min(...floorTimes);
    recordResult({
      name: 'assessment.rescore',
      description:
        're-scoring every household of a round with a chosen model (job: compiled model, chunked upserts, progress)',
      figure: subject,
      unit: 's',
      floor,
      ratio: subject / floor,
      ratioMeaning: 'time vs one hand-written SQL statement computing the same scores (lower is better)',
      target: '≤ 1.3',
      isTargetMet: subject / floor <= 1.3,
      context: {
        engine: database.engine,
        households: HOUSEHOLDS,
        runs: RUNS,
        bestOf: 'minimum of the runs, each from an empty assessment_score',
        subjectTimes,
        floorTimes,
        generateSeconds,
        chunkSize: 100_000,
        chunking: 'table blocks (TID range scans)',
        result: subjectSummary,
      },
    });
  } finally {
    await database.close();
  }
}
