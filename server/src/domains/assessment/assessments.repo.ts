import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { areaScopeCondition, type Scope } from '../../platform/scope';

type Db = Kysely<DB> | Transaction<DB>;

/** An active registry household, only when its village is in scope. */
export async function findHouseholdInScope(db: Db, id: string, scope: Scope) {
  return db
    .selectFrom('household')
    .select(['id', 'village_code', 'household_ref', 'status'])
    .where('id', '=', id)
    .where((eb) => areaScopeCondition(eb, 'household.village_code', scope))
    .executeTakeFirst();
}

/**
 * Facts the questionnaire computes from the members on the interview date: how many active
 * members, and how many dependants (under 15, 65 or over, or with a disability). A birth
 * date known only to the year is stored as 1 January and read as such.
 */
export async function memberFacts(db: Db, householdId: string, onDate: string) {
  const result = await sql<{ members: number; dependants: number }>`
    SELECT count(*)::int AS members,
           count(*) FILTER (WHERE cardinality(m.disability) > 0
             OR (m.birth_date IS NOT NULL AND (m.birth_date > ${onDate}::date - interval '15 years'
                 OR m.birth_date <= ${onDate}::date - interval '65 years')))::int AS dependants
    FROM member m
    WHERE m.household_id = ${householdId} AND m.status = 'active'`.execute(db);
  return result.rows[0] ?? { members: 0, dependants: 0 };
}

/** rural or urban: the village's location class in effect on the date. */
export async function villageSetting(
  db: Db,
  villageCode: string,
  onDate: string,
): Promise<'rural' | 'urban' | null> {
  const row = await db
    .selectFrom('village_location_class')
    .select('location_class')
    .where('village_code', '=', villageCode)
    .where('effective_from', '<=', onDate)
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  return row.location_class === 'rural' ? 'rural' : 'urban';
}

export async function findRound(db: Db, id: string) {
  return db.selectFrom('assessment_round').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function isVillageInRound(db: Db, roundId: string, villageCode: string) {
  const row = await db
    .selectFrom('assessment_round_village')
    .select('round_id')
    .where('round_id', '=', roundId)
    .where('village_code', '=', villageCode)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listRounds(db: Db) {
  return db
    .selectFrom('assessment_round as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('assessment_round_village as v')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('v.round_id', '=', 'r.id')
        .as('village_count'),
    )
    .orderBy('r.setting')
    .orderBy('r.number', 'desc')
    .execute();
}

export async function nextRoundNumber(db: Db, setting: string): Promise<number> {
  const row = await db
    .selectFrom('assessment_round')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('setting', '=', setting)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function findOpenRequest(db: Db, id: string, householdId: string) {
  return db
    .selectFrom('assessment_request')
    .selectAll()
    .where('id', '=', id)
    .where('household_id', '=', householdId)
    .executeTakeFirst();
}

/** One assessment with its score under its own model, only when in scope. */
export async function findAssessmentInScope(db: Db, id: string, scope: Scope) {
  return db
    .selectFrom('assessment as a')
    .leftJoin('assessment_score as s', (join) =>
      join.onRef('s.assessment_id', '=', 'a.id').onRef('s.model_version_id', '=', 'a.model_version_id'),
    )
    .selectAll('a')
    .select(['s.score', 's.level', 's.base_points', 's.adjustment'])
    .where('a.id', '=', id)
    .where((eb) => areaScopeCondition(eb, 'a.village_code', scope))
    .executeTakeFirst();
}

export async function listAssessmentsForHousehold(db: Db, householdId: string) {
  return db
    .selectFrom('assessment as a')
    .leftJoin('assessment_score as s', (join) =>
      join.onRef('s.assessment_id', '=', 'a.id').onRef('s.model_version_id', '=', 'a.model_version_id'),
    )
    .select(['a.id', 'a.interviewed_on', 'a.round_id', 'a.request_id', 's.score', 's.level'])
    .where('a.household_id', '=', householdId)
    .orderBy('a.interviewed_on', 'desc')
    .execute();
}

/** Households of a village, for choosing whom to assess: head's Khmer name, members, active card. */
export async function villageHouseholds(db: Db, villageCode: string) {
  const result = await sql<{
    id: string;
    household_ref: string;
    head_name_km: string | null;
    member_count: number;
    card_id: string | null;
    card_level: number | null;
  }>`
    SELECT h.id, h.household_ref,
           (SELECT m.family_name_km || ' ' || m.given_name_km FROM member m
             WHERE m.household_id = h.id AND m.relation_to_head = 'head' AND m.status = 'active' LIMIT 1) AS head_name_km,
           (SELECT count(*)::int FROM member m WHERE m.household_id = h.id AND m.status = 'active') AS member_count,
           c.id AS card_id, c.level AS card_level
    FROM household h
    LEFT JOIN equity_card c ON c.household_id = h.id AND c.status = 'active'
    WHERE h.village_code = ${villageCode} AND h.status = 'active'
    ORDER BY h.household_ref
    LIMIT 1000`.execute(db);
  return result.rows;
}
