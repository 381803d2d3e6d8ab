import { type AliasedSelectQueryBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { areaScopeCondition, type Scope } from '../../platform/scope';
import type { MemberRow } from './registry.tables';

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
 * How many name matches are ranked at most. A given name alone can match a hundred thousand
 * people nationally, all equally good; ranking them all would cost seconds, and beyond a few
 * pages the order means nothing anyway: the caller narrows by area. Whole-word matches are
 * read with their household (one heap page and one household lookup each, the cost of a
 * search), so they stop at 250 (ten pages of 25); similar (misspelled) names at 1,000.
 */
export const NAME_CANDIDATES = 1000;
export const NAME_WORD_CANDIDATES = 250;
/** Distinct names a misspelled name is compared with members through, closest first. */
export const NAME_KEY_CANDIDATES = 50;

/**
 * Members matching the search, inside the scope (and the optional area), best match first.
 * Names: see searchByName; digits look in national IDs, typed identifiers and phones.
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
  if (mode.kind === 'khmer' || mode.kind === 'latin') return searchByName(db, { ...options, mode });
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

type NameMode = Extract<SearchMode, { kind: 'khmer' | 'latin' }>;
type SearchOptions = { scope: Scope; area?: string; status?: string; limit: number; offset: number };

/** The words of a member's name as member_name_words_idx holds them (0205_registry_name_words.sql). */
const NAME_WORDS = sql`(string_to_array(m.name_km_key, ' ') || string_to_array(m.phonetic_key, ' '))`;

/**
 * Names, in two steps. First whole words, through member_name_words_idx: the folded Khmer
 * words, or the phonetic words of a Latin spelling (Chhun/Chun, Sokh/Sok fold together), in
 * any order, so a given name alone or "given family" finds the person. One posting list per
 * word: fast even for a name that hundreds of thousands of people share. Exact full names
 * rank first. Only when no member has all the words do the trigram indexes look for
 * misspellings (word similarity, best first): a trigram search of a common name costs
 * hundreds of milliseconds at national scale, so it is not run to pad a page of exact hits.
 */
async function searchByName(db: Db, options: SearchOptions & { mode: NameMode }) {
  const { mode } = options;
  const phonetic = sql<string>`registry_phonetic(split_part(${mode.text}, ' ', 1), substr(${mode.text}, length(split_part(${mode.text}, ' ', 1)) + 2))`;
  const words =
    mode.kind === 'khmer'
      ? sql`array_remove(string_to_array(registry_fold_km(${mode.text}), ' '), '')`
      : sql`array_remove(string_to_array(${phonetic}, ' '), '')`;
  const isFullMatch =
    mode.kind === 'khmer'
      ? sql<SqlBool>`m.name_km_key = registry_fold_km(${mode.text})`
      : sql<SqlBool>`(m.name_latin_key = registry_fold_latin(${mode.text}) OR m.phonetic_key = ${phonetic})`;
  const exact = db
    .selectFrom('member as m')
    // The whole row here: the page then reads households only, not each member a second time.
    .selectAll('m')
    .select(sql<number>`CASE WHEN ${isFullMatch} THEN 3 ELSE 2 END`.as('rank'))
    .where(sql<SqlBool>`${NAME_WORDS} @> ${words} AND cardinality(${words}) > 0`)
    .where(scopeOf(db, options))
    .limit(NAME_WORD_CANDIDATES);
  const found = await page(db, exact.as('c'), options);
  if (found.length > 0) return found;
  // Past the last whole-word match, or none at all? Only in the second case is it a misspelling.
  if (options.offset > 0) {
    const any = await exact.clearSelect().select('m.id').limit(1).execute();
    if (any.length > 0) return found;
  }
  // No whole-word match: misspellings. The closest distinct names by trigram word
  // similarity (registry_name_key), best first, then their members through the key B-trees.
  const folded =
    mode.kind === 'khmer'
      ? sql<string>`registry_fold_km(${mode.text})`
      : sql<string>`registry_fold_latin(${mode.text})`;
  const close = db
    .selectFrom('registry_name_key as k')
    .select('k.key')
    .select(sql<number>`word_similarity(${folded}, k.key)`.as('rank'))
    .where('k.kind', '=', mode.kind === 'khmer' ? 'km' : 'latin')
    .where(sql<SqlBool>`${folded} <% k.key`)
    .orderBy('rank', 'desc')
    .limit(NAME_KEY_CANDIDATES);
  const fuzzy = db
    .selectFrom(close.as('n'))
    .innerJoin('member as m', mode.kind === 'khmer' ? 'm.name_km_key' : 'm.name_latin_key', 'n.key')
    .selectAll('m')
    .select('n.rank')
    // Implied by the join (vocabulary keys are never empty), but written out so the planner
    // can use member_name_latin_key_idx, which leaves empty keys out.
    .$if(mode.kind === 'latin', (q) => q.where('m.name_latin_key', '<>', ''))
    .where(scopeOf(db, options))
    // The closest names come first from the subquery, so this order costs no sort.
    .orderBy('n.rank', 'desc')
    .limit(NAME_CANDIDATES);
  return page(db, fuzzy.as('c'), options);
}

/** Name candidates within the scope, status and area (a semi-join: a national search never reads households). */
function scopeOf(db: Db, options: SearchOptions) {
  const conditions = [sql<SqlBool>`true`];
  if (options.status) conditions.push(sql<SqlBool>`m.status = ${options.status}`);
  if (options.scope.kind !== 'national' || options.area) {
    let households = db
      .selectFrom('household as h')
      .select('h.id')
      .where((e) => areaScopeCondition(e, 'h.village_code', options.scope));
    if (options.area) households = households.where(sql<SqlBool>`h.village_code LIKE ${`${options.area}%`}`);
    conditions.push(sql<SqlBool>`m.household_id IN (${households})`);
  }
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}

/** One page of candidates, best rank first, with their household reference and village. */
function page(
  db: Db,
  candidates: AliasedSelectQueryBuilder<Selectable<MemberRow> & { rank: number }, 'c'>,
  options: SearchOptions,
) {
  return db
    .selectFrom(candidates)
    .innerJoin('household as h', 'h.id', 'c.household_id')
    .selectAll('c')
    .select(['h.household_ref', 'h.village_code'])
    .orderBy('c.rank', 'desc')
    .orderBy('h.village_code')
    .orderBy('c.member_ref')
    .limit(options.limit + 1)
    .offset(options.offset)
    .execute();
}
