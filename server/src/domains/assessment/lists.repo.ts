import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { areaScopeCondition, type Scope } from '../../platform/scope';

type Db = Kysely<DB> | Transaction<DB>;

/** A list only when its village is in scope (out of scope reads as missing). */
export async function findListInScope(db: Db, id: string, scope: Scope) {
  return db
    .selectFrom('village_list as l')
    .innerJoin('area as v', 'v.code', 'l.village_code')
    .selectAll('l')
    .select(['v.name_km as village_name_km', 'v.name_latin as village_name_latin'])
    .where('l.id', '=', id)
    .where((eb) => areaScopeCondition(eb, 'l.village_code', scope))
    .executeTakeFirst();
}
export type ListRow = NonNullable<Awaited<ReturnType<typeof findListInScope>>>;

export async function listListsInScope(db: Db, scope: Scope, villageCode: string | undefined) {
  let query = db
    .selectFrom('village_list as l')
    .innerJoin('area as v', 'v.code', 'l.village_code')
    .selectAll('l')
    .select(['v.name_km as village_name_km', 'v.name_latin as village_name_latin'])
    .select((eb) =>
      eb
        .selectFrom('village_list_entry as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.list_id', '=', 'l.id')
        .as('entry_count'),
    )
    .where((eb) => areaScopeCondition(eb, 'l.village_code', scope))
    .orderBy('l.created_at', 'desc')
    .limit(500);
  if (villageCode) query = query.where('l.village_code', '=', villageCode);
  return query.execute();
}

/**
 * Fills a draft list in one statement: the latest scored assessment of each active
 * household of the village — of the round, or (on-demand) not yet on any list — with its
 * score and level under the assessment's own model.
 */
export async function fillDraftList(
  trx: Transaction<DB>,
  options: { listId: string; villageCode: string; roundId: string | null },
) {
  const source = options.roundId
    ? sql`a.round_id = ${options.roundId}`
    : sql`a.round_id IS NULL AND NOT EXISTS (SELECT 1 FROM village_list_entry x WHERE x.assessment_id = a.id)`;
  const result = await sql`
    INSERT INTO village_list_entry (list_id, household_id, assessment_id, score, proposed_level, final_level)
    SELECT DISTINCT ON (a.household_id) ${options.listId}::uuid, a.household_id, a.id, s.score, s.level, s.level
    FROM assessment a
    JOIN assessment_score s ON s.assessment_id = a.id AND s.model_version_id = a.model_version_id
    JOIN household h ON h.id = a.household_id AND h.status = 'active'
    WHERE a.village_code = ${options.villageCode} AND ${source}
    ORDER BY a.household_id, a.interviewed_on DESC, a.created_at DESC`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** Entries with what a village list shows: the head's Khmer name and the number of members. */
export async function listEntries(db: Db, listId: string) {
  const result = await sql<{
    household_id: string;
    household_ref: string;
    head_name_km: string | null;
    member_count: number;
    score: number;
    proposed_level: number | null;
    final_level: number | null;
  }>`
    SELECT e.household_id, h.household_ref,
           (SELECT m.family_name_km || ' ' || m.given_name_km FROM member m
             WHERE m.household_id = e.household_id AND m.relation_to_head = 'head' AND m.status = 'active'
             LIMIT 1) AS head_name_km,
           (SELECT count(*)::int FROM member m WHERE m.household_id = e.household_id AND m.status = 'active') AS member_count,
           e.score, e.proposed_level, e.final_level
    FROM village_list_entry e JOIN household h ON h.id = e.household_id
    WHERE e.list_id = ${listId}
    ORDER BY e.final_level NULLS LAST, e.score, h.household_ref`.execute(db);
  return result.rows;
}

export async function listObjections(db: Db, listId: string) {
  return db
    .selectFrom('list_objection')
    .selectAll()
    .where('list_id', '=', listId)
    .orderBy('created_at')
    .execute();
}

/** An objection only when its list's village is in scope. */
export async function findObjectionInScope(db: Db, id: string, scope: Scope) {
  return db
    .selectFrom('list_objection as o')
    .innerJoin('village_list as l', 'l.id', 'o.list_id')
    .selectAll('o')
    .select(['l.status as list_status', 'l.village_code'])
    .where('o.id', '=', id)
    .where((eb) => areaScopeCondition(eb, 'l.village_code', scope))
    .executeTakeFirst();
}

export async function hasOpenOnDemandList(db: Db, villageCode: string) {
  const row = await db
    .selectFrom('village_list')
    .select('id')
    .where('village_code', '=', villageCode)
    .where('round_id', 'is', null)
    .where('status', '!=', 'published')
    .executeTakeFirst();
  return row !== undefined;
}

/** True when any household on the list was scored with an illustrative model (printed as such). */
export async function isListIllustrative(db: Db, listId: string) {
  const row = await db
    .selectFrom('village_list_entry as e')
    .innerJoin('assessment as a', 'a.id', 'e.assessment_id')
    .innerJoin('scoring_model_version as m', 'm.id', 'a.model_version_id')
    .select('e.household_id')
    .where('e.list_id', '=', listId)
    .where('m.is_illustrative', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
