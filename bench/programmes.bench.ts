import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import type { Database } from '../server/src/db/database';
import { buildProviderFile, generatePayroll } from '../server/src/domains/payments';
import { enrolJob, prepareCycle } from '../server/src/domains/programmes';
import { SYSTEM_ACTOR } from '../server/src/platform/actor';
import { registerJobKind } from '../server/src/platform/jobs/job-kinds';
import { JobRunner } from '../server/src/platform/jobs/job-runner';
import { insertJob } from '../server/src/platform/jobs/jobs.repo';
import { openBenchDatabase } from './db';
import { measure, recordResult } from './harness';

const HOUSEHOLDS = Number(
  process.env.BENCH_PROGRAMMES_HOUSEHOLDS ?? (process.env.DATABASE_URL ? 3_600_000 : 20_000),
);
/** Share of households holding an active Equity Card: 700,000 of 3.6 million. */
const CARD_SHARE = 700 / 3600;
const AUDIT = { actor: SYSTEM_ACTOR };

/**
 * Synthetic registry, straight into the tables with generate_series (no personal data):
 * HOUSEHOLDS households spread over every village, each with 2 to 7 members (4.3 on average,
 * the registry's national mean: 15.5 M members for 3.6 M households): a head, a spouse,
 * children of varied ages, an elderly parent in the largest, some with a disability. Every
 * k-th household holds an active level-1 or 2 card. The registry's trigram name indexes are
 * dropped first (name search is not measured here and they would dominate the load time);
 * the indexes the programmes queries use are kept. Members are inserted without their
 * foreign-key triggers (session_replication_role = replica, in that one transaction only):
 * every household_id comes from household itself, and 15 M FK probes would only slow the load.
 */
async function generate(database: Database): Promise<number> {
  const { db } = database;
  const every = Math.round(1 / CARD_SHARE);
  await database.execScript(`
    DROP INDEX IF EXISTS member_name_km_key_idx; DROP INDEX IF EXISTS member_name_latin_key_idx;
    DROP INDEX IF EXISTS member_phonetic_idx; DROP INDEX IF EXISTS household_phones_idx;
    INSERT INTO registry_change (kind, source, actor_kind, actor_id, reason) VALUES ('bench', 'seed', 'system', 'bench', 'synthetic benchmark data');
    CREATE TEMP TABLE bench_village AS SELECT row_number() OVER (ORDER BY code) AS n, code FROM area WHERE level = 4;`);
  await sql`INSERT INTO household (household_ref, village_code, change_id)
    SELECT 'B' || g, v.code, (SELECT id FROM registry_change WHERE kind = 'bench')
    FROM generate_series(1, ${HOUSEHOLDS}::int) g
    JOIN bench_village v ON v.n = 1 + (g % (SELECT count(*) FROM bench_village))`.execute(db);
  // Size 2 + (n·37 mod 5) (uniform 2–6) plus one in 3 households of 10: mean 4.3.
  await database.execScript(`
    BEGIN;
    SET LOCAL session_replication_role = replica;
    INSERT INTO member (member_ref, household_id, family_name_km, given_name_km, sex, birth_date, birth_precision,
      relation_to_head, disability, phone, change_id)
    SELECT 'BM' || h.n || '-' || k, h.id, 'សុខ', 'សមាជិក' || k,
      CASE WHEN k = 1 THEN CASE WHEN h.n % 4 = 0 THEN 'F' ELSE 'M' END
        WHEN k = 2 THEN CASE WHEN h.n % 4 = 0 THEN 'M' ELSE 'F' END
        WHEN (h.n + k) % 2 = 0 THEN 'F' ELSE 'M' END,
      CASE WHEN k = 1 THEN date '1960-01-01' + (h.n % 14000)::int WHEN k = 2 THEN date '1962-01-01' + (h.n % 13000)::int
        WHEN k = 7 THEN date '1935-01-01' + (h.n % 6000)::int
        ELSE date '2004-01-01' + ((h.n * k) % 8000)::int END,
      'day',
      CASE k WHEN 1 THEN 'head' WHEN 2 THEN 'spouse' WHEN 7 THEN 'parent' ELSE 'child' END,
      CASE WHEN (h.n + k) % 23 = 0 THEN ARRAY['walking'] ELSE '{}'::text[] END,
      CASE WHEN k = 1 THEN '012' || lpad((h.n % 1000000)::text, 6, '0') END,
      (SELECT id FROM registry_change WHERE kind = 'bench')
    FROM (SELECT id, substr(household_ref, 2)::int AS n FROM household) h
    CROSS JOIN LATERAL generate_series(1, 2 + (h.n * 37) % 5 + CASE WHEN h.n % 10 < 3 THEN 1 ELSE 0 END) k;
    COMMIT;
    CREATE TEMP TABLE bench_card_household AS
      SELECT id, village_code, row_number() OVER () AS n FROM household WHERE (substr(household_ref, 2)::int % ${every}) = 0;
    INSERT INTO assessment_request (household_id, village_code, requested_via, requester_name, reason, status, created_by)
      SELECT id, village_code, 'officer', 'bench', 'bench', 'assessed', 'bench' FROM household LIMIT 1;
    INSERT INTO assessment (household_id, village_code, request_id, questionnaire_version_id, model_version_id,
      interviewer_name, interviewed_on, answers, recorded_by)
      SELECT r.household_id, r.village_code, r.id, m.questionnaire_version_id, m.id, 'bench', '2026-01-15', '{}', 'bench'
      FROM assessment_request r, (SELECT * FROM scoring_model_version ORDER BY id LIMIT 1) m;
    INSERT INTO village_list (village_code, round_id, status, objection_until, created_by)
      SELECT village_code, NULL, 'published', '2026-01-30', 'bench' FROM assessment LIMIT 1;
    INSERT INTO equity_card (card_number, household_id, village_code, level, valid_from, valid_until, status,
      list_id, assessment_id, issued_by)
    SELECT lpad(c.n::text, 13, '0'), c.id, c.village_code, 1 + (c.n % 2)::int, '2026-01-01', '2028-12-31', 'active',
      (SELECT id FROM village_list LIMIT 1), (SELECT id FROM assessment LIMIT 1), 'bench'
    FROM bench_card_household c;
    ANALYZE household; ANALYZE member; ANALYZE equity_card; ANALYZE village_location_class;`);
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM equity_card`.execute(db);
  return row.rows[0]!.n;
}

async function versionOf(database: Database, code: string) {
  return database.db
    .selectFrom('programme_version as v')
    .innerJoin('programme as p', 'p.id', 'v.programme_id')
    .select(['v.id', 'v.programme_id'])
    .where('p.code', '=', code)
    .where('v.status', '=', 'active')
    .executeTakeFirstOrThrow();
}

/** The COVID-19 programme as seeded, made current (a new version in force from 2026) for the run. */
async function currentCovid(database: Database) {
  const { db } = database;
  const old = await versionOf(database, 'covid19-cash-transfer');
  await sql`INSERT INTO programme_version (programme_id, version, status, eligibility_rule, effective_from, schedule, providers,
      withdrawal_days, approval_roles, created_by, activated_by, activated_at)
    SELECT programme_id, 2, 'draft', eligibility_rule, '2026-01-01', schedule, providers, withdrawal_days, approval_roles, 'bench', NULL, NULL
    FROM programme_version WHERE id = ${old.id}::uuid`.execute(db);
  const next = await db
    .selectFrom('programme_version')
    .select('id')
    .where('programme_id', '=', old.programme_id)
    .where('version', '=', 2)
    .executeTakeFirstOrThrow();
  await sql`INSERT INTO benefit_component (programme_version_id, component, category_code, category_rule, location_class, poverty_level, amount_riel, is_confirmed, note)
    SELECT ${next.id}::uuid, component, category_code, category_rule, location_class, poverty_level, amount_riel, is_confirmed, note
    FROM benefit_component WHERE programme_version_id = ${old.id}::uuid`.execute(db);
  await sql`UPDATE programme_version SET status = 'retired' WHERE id = ${old.id}::uuid`.execute(db);
  await sql`UPDATE programme_version SET status = 'active', activated_by = 'bench', activated_at = now() WHERE id = ${next.id}::uuid`.execute(
    db,
  );
  return { versionId: next.id, programmeId: old.programme_id };
}

export async function run(): Promise<void> {
  const database = await openBenchDatabase('programmes');
  const engine = database.engine;
  try {
    const { db } = database;
    let cards = 0;
    await measure(`generate ${HOUSEHOLDS} households`, async () => {
      cards = await generate(database);
    });
    const covid = await currentCovid(database);
    registerJobKind(enrolJob);

    // 1. Eligibility + enrolment of the COVID-19 programme, through the job, vs the hand-written INSERT.
    const job = await insertJob(db, {
      kind: enrolJob.kind,
      // The product's default chunk size (250,000 households): the job as a programme officer runs it.
      params: { versionId: covid.versionId, enrolAs: 'enrolled', onDate: '2026-11-01' },
      createdByKind: 'system',
      createdBy: null,
    });
    // Warm the caches both measurements read, so neither pays for the other's cold start.
    await sql`SELECT count(*) FROM household h JOIN equity_card c ON c.household_id = h.id`.execute(db);
    const loadBefore = loadavg()[0]!;
    const subject = await measure('enrolment job (rule compiled to SQL)', () =>
      new JobRunner({ database }).runOne({ jobId: job.id }),
    );
    const members = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM member`.execute(db)).rows[0]!.n;
    const enrolled = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM enrolment WHERE programme_id = ${covid.programmeId}::uuid`.execute(db)
    ).rows[0]!.n;
    // The floor writes the same rows (run id included) into the same table (same keys and
    // foreign keys), for another programme.
    const runId = (await db.selectFrom('enrolment_run').select('id').executeTakeFirstOrThrow()).id;
    const other = await versionOf(database, 'family-package-mch');
    const floor = await measure('hand-written INSERT … SELECT', () =>
      sql`INSERT INTO enrolment (programme_id, household_id, programme_version_id, state, reason, run_id, changed_by)
        SELECT ${other.programme_id}::uuid, h.id, ${other.id}::uuid, 'enrolled', 'meets the eligibility rule', ${runId}::uuid, 'bench'
        FROM household h JOIN equity_card c ON c.household_id = h.id AND c.status = 'active' AND c.level IN (1, 2)
        WHERE h.status = 'active'`.execute(db),
    );
    const floorCount = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM enrolment WHERE programme_id = ${other.programme_id}::uuid`.execute(
        db,
      )
    ).rows[0]!.n;
    if (floorCount !== enrolled) throw new Error(`floor enrolled ${floorCount}, subject ${enrolled}`);
    recordResult({
      name: 'programmes.enrolment',
      description:
        'eligibility + enrolment of the COVID-19 programme over the registry (resumable job, rule compiled to SQL, history trigger, exit and duplicate passes)',
      figure: subject.seconds,
      unit: 's',
      floor: floor.seconds,
      ratio: subject.seconds / floor.seconds,
      ratioMeaning:
        'time vs one hand-written INSERT … SELECT of the same rows into the same table (lower is better)',
      target: '≤ 1.5× floor',
      isTargetMet: subject.seconds / floor.seconds <= 1.5,
      context: {
        engine,
        households: HOUSEHOLDS,
        members,
        cardHouseholds: cards,
        enrolled,
        chunkSize: 250_000,
        // 1-minute load average before the job and after the floor (2 cores shared with others).
        loadAverage: [Number(loadBefore.toFixed(2)), Number(loadavg()[0]!.toFixed(2))],
      },
    });

    // 2. Cycle (frozen snapshot with amounts), then payroll + provider files, vs hand-written SQL.
    const prepared = await measure('prepare cycle (snapshot priced from the benefit table)', () =>
      prepareCycle({ database, audit: AUDIT, code: 'covid19-cash-transfer', period: '2026-11' }),
    );
    const cycle = await db
      .selectFrom('programme_cycle')
      .selectAll()
      .where('period', '=', '2026-11')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO cycle_approval (cycle_id, step_no, role, decision, decided_by) VALUES
      (${cycle.id}::uuid, 1, 'programme_officer', 'approved', 'bench-checker'),
      (${cycle.id}::uuid, 2, 'payment_officer', 'approved', 'bench-payer')`.execute(db);
    let files = 0;
    let bytes = 0;
    const payroll = await measure('payroll + provider files', async () => {
      const { payrollId } = await generatePayroll({
        database,
        audit: AUDIT,
        cycleId: cycle.id,
        withdrawalFrom: '2026-11-05',
      });
      const batches = await db
        .selectFrom('payment_batch')
        .select('id')
        .where('payroll_id', '=', payrollId)
        .execute();
      for (const b of batches) {
        const file = await buildProviderFile({ database, batchId: b.id });
        files += 1;
        bytes += file.content.length;
      }
    });
    // The floor: a second, identical approved cycle paid by hand-written SQL into the same tables.
    await prepareCycle({ database, audit: AUDIT, code: 'covid19-cash-transfer', period: '2026-11-floor' });
    const twin = await db
      .selectFrom('programme_cycle')
      .selectAll()
      .where('period', '=', '2026-11-floor')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO cycle_approval (cycle_id, step_no, role, decision, decided_by) VALUES
      (${twin.id}::uuid, 1, 'programme_officer', 'approved', 'bench-checker'),
      (${twin.id}::uuid, 2, 'payment_officer', 'approved', 'bench-payer')`.execute(db);
    const payrollFloor = await measure('hand-written payroll SQL + file SELECT', async () => {
      const batchId = await db.transaction().execute(async (trx) => {
        const pr = await sql<{
          id: string;
        }>`INSERT INTO payroll (cycle_id, withdrawal_from, withdrawal_until, payment_count, total_riel, generated_by)
          VALUES (${twin.id}::uuid, '2026-11-05', '2026-12-05', ${twin.household_count}, ${twin.total_riel}, 'bench') RETURNING id`.execute(
          trx,
        );
        const payrollId = pr.rows[0]!.id;
        const b = await sql<{
          id: string;
        }>`INSERT INTO payment_batch (payroll_id, provider_code, batch_no, kind, payment_count, total_riel, created_by)
          VALUES (${payrollId}::uuid, 'wing', 1, 'initial', ${twin.household_count}, ${twin.total_riel}, 'bench') RETURNING id`.execute(
          trx,
        );
        await sql`INSERT INTO payment (payroll_id, cycle_id, household_id, provider_code, amount_riel)
          SELECT ${payrollId}::uuid, cycle_id, household_id, 'wing', amount_riel FROM cycle_beneficiary WHERE cycle_id = ${twin.id}::uuid`.execute(
          trx,
        );
        await sql`INSERT INTO payment_attempt (ref, payment_id, attempt_no, batch_id)
          SELECT 'MLOB-' || id || '-1', id, 1, ${b.rows[0]!.id}::uuid FROM payment WHERE payroll_id = ${payrollId}::uuid`.execute(
          trx,
        );
        await sql`INSERT INTO sms_outbox (idempotency_key, payment_attempt_id, phone, language, body)
          SELECT 'payment_ready:' || a.ref, a.id, cb.phone, 'km', 'ប្រាក់ ' || p.amount_riel || ' រៀល ' || a.ref
          FROM payment_attempt a JOIN payment p ON p.id = a.payment_id
          JOIN cycle_beneficiary cb ON cb.cycle_id = p.cycle_id AND cb.household_id = p.household_id
          WHERE a.batch_id = ${b.rows[0]!.id}::uuid AND cb.phone IS NOT NULL`.execute(trx);
        return b.rows[0]!.id;
      });
      const rows = await sql<{
        line: string;
      }>`SELECT concat_ws(',', a.ref, cb.household_ref, cb.recipient_name, coalesce(cb.phone, ''), p.amount_riel, 'KHR', '2026-12-05') AS line
        FROM payment_attempt a JOIN payment p ON p.id = a.payment_id
        JOIN cycle_beneficiary cb ON cb.cycle_id = p.cycle_id AND cb.household_id = p.household_id
        WHERE a.batch_id = ${batchId}::uuid ORDER BY a.id`.execute(db);
      createHash('sha256')
        .update(`${rows.rows.map((r) => r.line).join('\n')}\n`)
        .digest('hex');
    });
    recordResult({
      name: 'programmes.payroll_and_files',
      description:
        'payroll of an approved cycle (one transaction: payments, attempts, batches, Khmer SMS) + provider CSV files with control line and SHA-256',
      figure: payroll.seconds,
      unit: 's',
      floor: payrollFloor.seconds,
      ratio: payroll.seconds / payrollFloor.seconds,
      ratioMeaning:
        'time vs hand-written INSERTs of the same rows into the same tables (a twin approved cycle) + one SELECT of the file lines (lower is better)',
      target: '≤ 60 s and ≤ 1.5× floor',
      isTargetMet: payroll.seconds <= 60 && payroll.seconds / payrollFloor.seconds <= 1.5,
      context: {
        engine,
        beneficiaries: cycle.household_count,
        totalRiel: Number(cycle.total_riel),
        files,
        fileBytes: bytes,
        prepareCycleSeconds: Number(prepared.seconds.toFixed(2)),
        loadAverage: Number(loadavg()[0]!.toFixed(2)),
      },
    });
  } finally {
    await database.close();
  }
}
