import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { areaScopeCondition, type Scope } from '../../platform/scope';

type Db = Kysely<DB>;

/** A household row, only when its village is inside the scope. */
/**
 * After the head leaves (death, merge), the spouse or else the eldest remaining member takes
 * over; a household with no active member left is dissolved. Both under the same change.
 */
export async function replaceHeadOrDissolve(db: Db, householdId: string, changeId: string): Promise<void> {
  const next = await db
    .selectFrom('member')
    .select('id')
    .where('household_id', '=', householdId)
    .where('status', '=', 'active')
    .orderBy(sql`relation_to_head = 'spouse'`, 'desc')
    .orderBy('birth_date')
    .executeTakeFirst();
  if (next) {
    await db
      .updateTable('member')
      .set({ relation_to_head: 'head', change_id: changeId })
      .where('id', '=', next.id)
      .execute();
  } else {
    await db
      .updateTable('household')
      .set({ status: 'dissolved', change_id: changeId })
      .where('id', '=', householdId)
      .execute();
  }
}

export async function findHouseholdInScope(db: Db, id: string, scope: Scope) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => areaScopeCondition(eb, 'household.village_code', scope))
    .executeTakeFirst();
}

export async function findMemberInScope(db: Db, id: string, scope: Scope) {
  return db
    .selectFrom('member')
    .innerJoin('household', 'household.id', 'member.household_id')
    .selectAll('member')
    .select(['household.village_code', 'household.household_ref'])
    .where('member.id', '=', id)
    .where((eb) => areaScopeCondition(eb, 'household.village_code', scope))
    .executeTakeFirst();
}

export async function membersOf(db: Db, householdId: string) {
  return db
    .selectFrom('member')
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy(sql`relation_to_head = 'head'`, 'desc')
    .orderBy('birth_date')
    .orderBy('member_ref')
    .execute();
}

/** The household and its members as they were at `at`: one query over the timelines. */
export async function householdAsOf(db: Db, householdId: string, at: Date) {
  const household = await db
    .selectFrom('household_timeline')
    .selectAll()
    .where('id', '=', householdId)
    .where('updated_at', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .executeTakeFirst();
  const members = await db
    .selectFrom('member_timeline')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('updated_at', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .orderBy(sql`relation_to_head = 'head'`, 'desc')
    .orderBy('member_ref')
    .execute();
  return { household, members };
}

/** Every version of the household and of every member it ever had, with who/when/why. */
export async function householdVersions(db: Db, householdId: string) {
  const households = await db
    .selectFrom('household_timeline as t')
    .innerJoin('registry_change as c', 'c.id', 't.change_id')
    .selectAll('t')
    .select(['c.kind', 'c.source', 'c.reason', 'c.actor_kind', 'c.actor_id', 'c.at'])
    .where('t.id', '=', householdId)
    .orderBy('t.version')
    .execute();
  const memberIds = db
    .selectFrom('member_timeline')
    .select('id')
    .where('household_id', '=', householdId)
    .distinct();
  const members = await db
    .selectFrom('member_timeline as t')
    .innerJoin('registry_change as c', 'c.id', 't.change_id')
    .selectAll('t')
    .select(['c.kind', 'c.source', 'c.reason', 'c.actor_kind', 'c.actor_id', 'c.at'])
    .where('t.id', 'in', memberIds)
    .orderBy('t.id')
    .orderBy('t.version')
    .execute();
  return { households, members };
}

export type SearchMode =
  | { kind: 'khmer'; text: string }
  | { kind: 'latin'; text: string }
  | { kind: 'digits'; text: string }
  | { kind: 'reference'; text: string }
  | { kind: 'area' };

/**
 * How many name matches are ranked at most. A given name alone can match hundreds of
 * thousands of people nationally; ranking all of them would cost seconds, and beyond a few
 * thousand equal matches the order means nothing anyway. The caller narrows by area.
 */
export const NAME_CANDIDATES = 1000;

/**
 * Members matching the search, inside the scope (and the optional area), best match first.
 * Names use the trigram indexes on the folded keys (word similarity, so a given name alone
 * finds the person); digits look in national IDs, typed identifiers and phones.
 */
export async function searchMembers(
  db: Db,
  options: { mode: SearchMode; scope: Scope; area?: string; status?: string; limit: number; offset: number },
) {
  const { mode } = options;
  let candidates = db
    .selectFrom('member as m')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .where((eb) => areaScopeCondition(eb, 'h.village_code', options.scope));
  if (options.area) candidates = candidates.where(sql<SqlBool>`h.village_code LIKE ${`${options.area}%`}`);
  if (options.status) candidates = candidates.where('m.status', '=', options.status);
  const isNameSearch = mode.kind === 'khmer' || mode.kind === 'latin';
  if (isNameSearch) {
    // Names: the member table alone, through its trigram index; the scope (when there is
    // one) as a semi-join, so a national search never reads the household table.
    const folded =
      mode.kind === 'khmer'
        ? sql<string>`registry_fold_km(${mode.text})`
        : sql<string>`registry_fold_latin(${mode.text})`;
    const key = mode.kind === 'khmer' ? sql.ref('m.name_km_key') : sql.ref('m.name_latin_key');
    let names = db
      .selectFrom('member as m')
      .select(['m.id', sql<number>`word_similarity(${folded}, ${key})`.as('rank')])
      .where((eb) =>
        mode.kind === 'khmer'
          ? sql<SqlBool>`${folded} <% ${key}`
          : eb.or([
              sql<SqlBool>`${folded} <% ${key}`,
              eb(
                'm.phonetic_key',
                '=',
                sql<string>`registry_phonetic(split_part(${mode.text}, ' ', 1), substr(${mode.text}, length(split_part(${mode.text}, ' ', 1)) + 2))`,
              ),
            ]),
      );
    if (options.status) names = names.where('m.status', '=', options.status);
    if (options.scope.kind !== 'national' || options.area) {
      names = names.where('m.household_id', 'in', (eb) => {
        let households = eb
          .selectFrom('household as h')
          .select('h.id')
          .where((e) => areaScopeCondition(e, 'h.village_code', options.scope));
        if (options.area)
          households = households.where(sql<SqlBool>`h.village_code LIKE ${`${options.area}%`}`);
        return households;
      });
    }
    return db
      .selectFrom(names.limit(NAME_CANDIDATES).as('c'))
      .innerJoin('member as m', 'm.id', 'c.id')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .selectAll('m')
      .select(['h.household_ref', 'h.village_code'])
      .orderBy('c.rank', 'desc')
      .orderBy('h.village_code')
      .orderBy('m.member_ref')
      .limit(options.limit + 1)
      .offset(options.offset)
      .execute();
  }
  switch (mode.kind) {
    case 'digits':
      candidates = candidates.where((eb) =>
        eb.or([
          eb('m.national_id', '=', mode.text),
          eb('m.phone', '=', mode.text),
          sql<SqlBool>`h.phones @> ARRAY[${mode.text}]::text[]`,
          eb(
            'm.id',
            'in',
            eb
              .selectFrom('registry_identifier')
              .select('member_id')
              .where('value', '=', mode.text)
              .where('valid_to', 'is', null),
          ),
        ]),
      );
      break;
    case 'reference':
      candidates = candidates.where((eb) =>
        eb.or([
          eb('m.member_ref', '=', mode.text),
          eb('h.household_ref', '=', mode.text),
          eb(
            'm.id',
            'in',
            eb
              .selectFrom('registry_identifier')
              .select('member_id')
              .where('value', '=', mode.text.toUpperCase())
              .where('valid_to', 'is', null),
          ),
          eb(
            'h.id',
            'in',
            eb
              .selectFrom('registry_identifier')
              .select('household_id')
              .where('value', '=', mode.text.toUpperCase())
              .where('valid_to', 'is', null),
          ),
        ]),
      );
      break;
    case 'area':
      break;
  }
  return db
    .selectFrom(candidates.select('m.id').as('c'))
    .innerJoin('member as m', 'm.id', 'c.id')
    .innerJoin('household as h', 'h.id', 'm.household_id')
    .selectAll('m')
    .select(['h.household_ref', 'h.village_code'])
    .orderBy('h.village_code')
    .orderBy('m.member_ref')
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
}
