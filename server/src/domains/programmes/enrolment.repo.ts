import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export interface EnrolmentChunk {
  programmeId: string;
  versionId: string;
  runId: string;
  actorId: string;
  /** The compiled rule over `h` (programme_household_facts), WHERE usage. */
  rule: RawBuilder<boolean>;
  enrolAs: 'enrolled' | 'eligible';
  /** Household id range (after, upTo]; upTo null = to the end. */
  after: string | null;
  upTo: string | null;
}

function range(column: string, chunk: Pick<EnrolmentChunk, 'after' | 'upTo'>) {
  const ref = sql.ref(column);
  const lower = chunk.after === null ? sql`TRUE` : sql`${ref} > ${chunk.after}::uuid`;
  const upper = chunk.upTo === null ? sql`TRUE` : sql`${ref} <= ${chunk.upTo}::uuid`;
  return sql`${lower} AND ${upper}`;
}

/** The id ending a chunk of `size` households after `after` (null when the rest fits). */
export async function nextChunkEnd(db: Db, after: string | null, size: number): Promise<string | null> {
  const row = await sql<{ id: string }>`SELECT id FROM household
    WHERE ${after === null ? sql`TRUE` : sql`id > ${after}::uuid`} ORDER BY id OFFSET ${size - 1} LIMIT 1`
    .execute(db)
    .then((r) => r.rows[0]);
  return row?.id ?? null;
}

export async function countHouseholds(db: Db): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household`.execute(db);
  return row.rows[0]?.n ?? 0;
}

/**
 * One chunk of an enrolment run, set-based:
 *  1. households meeting the rule and not yet in the programme come in (enrolAs); those who
 *     had exited automatically come back (re-entry). Manual decisions are never overridden.
 *  2. households in the programme (eligible/enrolled/paused, not manual) that no longer meet
 *     the rule exit; those merged into another household in the registry become 'duplicate'.
 * On a chunk with no enrolment yet (a programme's first run) step 2 has nothing to look at and
 * the whole chunk is one INSERT … SELECT. Otherwise the eligible set is computed once into a
 * temporary table that both steps read. The enrolment_history trigger keeps earlier states.
 */
export async function enrolChunk(trx: Transaction<DB>, c: EnrolmentChunk): Promise<number> {
  const existing = await sql<{ is_any: boolean }>`SELECT EXISTS (SELECT 1 FROM enrolment e
    WHERE e.programme_id = ${c.programmeId}::uuid AND ${range('e.household_id', c)}) AS is_any`.execute(trx);
  const isFirst = !existing.rows[0]?.is_any;
  if (!isFirst)
    await sql`CREATE TEMP TABLE enrol_eligible ON COMMIT DROP AS
      SELECT h.household_id FROM programme_household_facts h WHERE ${range('h.household_id', c)} AND ${c.rule}`.execute(
      trx,
    );
  const eligible = isFirst
    ? sql`SELECT h.household_id FROM programme_household_facts h WHERE ${range('h.household_id', c)} AND ${c.rule}`
    : sql`SELECT household_id FROM enrol_eligible`;
  const entered = await sql`
    INSERT INTO enrolment AS e (programme_id, household_id, programme_version_id, state, reason, run_id, changed_by)
    SELECT ${c.programmeId}::uuid, x.household_id, ${c.versionId}::uuid, ${c.enrolAs},
      'meets the eligibility rule', ${c.runId}::uuid, ${c.actorId}
    FROM (${eligible}) x
    ON CONFLICT (programme_id, household_id) DO UPDATE
      SET state = excluded.state, reason = 'meets the eligibility rule again (re-entry)',
        programme_version_id = excluded.programme_version_id, run_id = excluded.run_id, changed_by = excluded.changed_by
      WHERE e.state = 'exited' AND NOT e.is_manual`.execute(trx);
  if (isFirst) return Number(entered.numAffectedRows ?? 0);
  await sql`ANALYZE enrol_eligible`.execute(trx);
  const left = await sql`
    UPDATE enrolment e SET
      state = CASE WHEN hh.status = 'merged' THEN 'duplicate' ELSE 'exited' END,
      reason = CASE WHEN hh.status = 'merged' THEN 'household merged into ' || coalesce(target.household_ref, 'another household')
        WHEN hh.status = 'active' THEN 'no longer meets the eligibility rule'
        ELSE 'household is no longer active in the registry (' || hh.status || ')' END,
      programme_version_id = ${c.versionId}::uuid, run_id = ${c.runId}::uuid, changed_by = ${c.actorId}
    FROM household hh LEFT JOIN household target ON target.id = hh.merged_into_household_id
    WHERE hh.id = e.household_id AND e.programme_id = ${c.programmeId}::uuid AND ${range('e.household_id', c)}
      AND e.state IN ('eligible', 'enrolled', 'paused')
      AND (hh.status = 'merged' OR (NOT e.is_manual
        AND NOT EXISTS (SELECT 1 FROM enrol_eligible x WHERE x.household_id = e.household_id)))`.execute(trx);
  await sql`DROP TABLE enrol_eligible`.execute(trx);
  return Number(entered.numAffectedRows ?? 0) + Number(left.numAffectedRows ?? 0);
}

export async function stateCounts(db: Db, programmeId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('enrolment')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('programme_id', '=', programmeId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
