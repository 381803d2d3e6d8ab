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
  /** Household table blocks [fromBlock, toBlock); toBlock null = to the end of the table. */
  fromBlock: number;
  toBlock: number | null;
  /**
   * Whether the programme may hold households this run did not enter (it had enrolment rows
   * when the run started). When false, the exit pass has nothing to look at and is skipped.
   */
  hasEarlierEnrolment: boolean;
}

/** A TID range over `ctid` (a household row's address): read by a TID range scan. */
function blocks(ctid: string, chunk: Pick<EnrolmentChunk, 'fromBlock' | 'toBlock'>) {
  const ref = sql.ref(ctid);
  const lower = chunk.fromBlock === 0 ? sql`TRUE` : sql`${ref} >= ${`(${chunk.fromBlock},0)`}::tid`;
  const upper = chunk.toBlock === null ? sql`TRUE` : sql`${ref} < ${`(${chunk.toBlock},0)`}::tid`;
  return sql`${lower} AND ${upper}`;
}

/** The household table's size in blocks now, and its average rows per block. */
export async function householdBlocks(db: Db): Promise<{ blocks: number; rowsPerBlock: number }> {
  const row = await sql<{ blocks: string; tuples: string; pages: string }>`
    SELECT (pg_relation_size('household') / current_setting('block_size')::int)::bigint AS blocks,
      greatest(reltuples, 0)::bigint AS tuples, relpages::bigint AS pages
    FROM pg_class WHERE oid = 'household'::regclass`.execute(db);
  const r = row.rows[0];
  const pages = Number(r?.pages ?? 0);
  const tuples = Number(r?.tuples ?? 0);
  return { blocks: Number(r?.blocks ?? 0), rowsPerBlock: pages > 0 && tuples > 0 ? tuples / pages : 50 };
}

export async function countHouseholds(db: Db): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household`.execute(db);
  return row.rows[0]?.n ?? 0;
}

/** Whether a programme has any enrolment row (a run that starts without one is its first). */
export async function hasEnrolment(db: Db, programmeId: string): Promise<boolean> {
  const row = await sql<{ is_any: boolean }>`SELECT EXISTS (SELECT 1 FROM enrolment
    WHERE programme_id = ${programmeId}::uuid) AS is_any`.execute(db);
  return row.rows[0]?.is_any ?? false;
}

/**
 * One chunk of an enrolment run — the households stored in a range of the household table's
 * blocks — set-based:
 *  1. households meeting the rule and not yet in the programme come in (enrolAs); those who
 *     had exited automatically come back (re-entry). Manual decisions are never overridden.
 *  2. households in the programme (eligible/enrolled/paused, not manual) that no longer meet
 *     the rule exit; those merged into another household in the registry become 'duplicate'.
 * Chunks are block ranges, not id ranges: household ids are random uuids spread over the
 * whole table, so an id range made every chunk read every block. A block range is read by a
 * TID range scan and the run reads the table once. On a programme's first run step 2 has
 * nothing to look at and the chunk is one INSERT … SELECT. Otherwise the eligible set is
 * computed once into a temporary table that both steps read. The enrolment_history trigger
 * keeps earlier states.
 */
export async function enrolChunk(trx: Transaction<DB>, c: EnrolmentChunk): Promise<number> {
  const eligibleSelect = sql`SELECT h.household_id FROM programme_household_facts h
    WHERE ${blocks('h.household_ctid', c)} AND ${c.rule}`;
  if (c.hasEarlierEnrolment)
    await sql`CREATE TEMP TABLE enrol_eligible ON COMMIT DROP AS ${eligibleSelect}`.execute(trx);
  const eligible = c.hasEarlierEnrolment ? sql`SELECT household_id FROM enrol_eligible` : eligibleSelect;
  const entered = await sql`
    INSERT INTO enrolment AS e (programme_id, household_id, programme_version_id, state, reason, run_id, changed_by)
    SELECT ${c.programmeId}::uuid, x.household_id, ${c.versionId}::uuid, ${c.enrolAs},
      'meets the eligibility rule', ${c.runId}::uuid, ${c.actorId}
    FROM (${eligible}) x
    ON CONFLICT (programme_id, household_id) DO UPDATE
      SET state = excluded.state, reason = 'meets the eligibility rule again (re-entry)',
        programme_version_id = excluded.programme_version_id, run_id = excluded.run_id, changed_by = excluded.changed_by
      WHERE e.state = 'exited' AND NOT e.is_manual`.execute(trx);
  if (!c.hasEarlierEnrolment) return Number(entered.numAffectedRows ?? 0);
  await sql`ANALYZE enrol_eligible`.execute(trx);
  const left = await sql`
    UPDATE enrolment e SET
      state = CASE WHEN hh.status = 'merged' THEN 'duplicate' ELSE 'exited' END,
      reason = CASE WHEN hh.status = 'merged' THEN 'household merged into ' || coalesce(target.household_ref, 'another household')
        WHEN hh.status = 'active' THEN 'no longer meets the eligibility rule'
        ELSE 'household is no longer active in the registry (' || hh.status || ')' END,
      programme_version_id = ${c.versionId}::uuid, run_id = ${c.runId}::uuid, changed_by = ${c.actorId}
    FROM household hh LEFT JOIN household target ON target.id = hh.merged_into_household_id
    WHERE hh.id = e.household_id AND ${blocks('hh.ctid', c)} AND e.programme_id = ${c.programmeId}::uuid
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
