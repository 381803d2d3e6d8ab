import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { areaScopeCondition, type Scope } from '../../platform/scope';

type Db = Kysely<DB> | Transaction<DB>;

/** A rule value (assessment_rule) in effect on the date. */
export async function ruleValue(
  db: Db,
  key: 'on_demand_card_months' | 'at_risk_margin' | 'revocation_warning_days',
  onDate: string,
): Promise<number> {
  const row = await db
    .selectFrom('assessment_rule')
    .select('value')
    .where('key', '=', key)
    .where('effective_from', '<=', onDate)
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error(`no assessment rule ${key} in effect on ${onDate}`);
  return row.value;
}

function cardColumns(db: Db) {
  return db
    .selectFrom('equity_card as c')
    .innerJoin('household as h', 'h.id', 'c.household_id')
    .selectAll('c')
    .select('h.household_ref');
}

export async function findCardInScope(db: Db, id: string, scope: Scope) {
  return cardColumns(db)
    .where('c.id', '=', id)
    .where((eb) => areaScopeCondition(eb, 'c.village_code', scope))
    .executeTakeFirst();
}
export type CardRow = NonNullable<Awaited<ReturnType<typeof findCardInScope>>>;

export async function listCardsInScope(
  db: Db,
  scope: Scope,
  filter: { householdId?: string | undefined; listId?: string | undefined },
) {
  let query = cardColumns(db)
    .where((eb) => areaScopeCondition(eb, 'c.village_code', scope))
    .orderBy('c.issued_at', 'desc')
    .limit(500);
  if (filter.householdId) query = query.where('c.household_id', '=', filter.householdId);
  if (filter.listId) query = query.where('c.list_id', '=', filter.listId);
  return query.execute();
}

export async function findCardByNumber(db: Db, cardNumber: string) {
  return db
    .selectFrom('equity_card')
    .select(['level', 'valid_until', 'status'])
    .where('card_number', '=', cardNumber)
    .executeTakeFirst();
}

/** Which of these numbers are taken already. */
export async function takenNumbers(db: Db, numbers: string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .selectFrom('equity_card')
    .select('card_number')
    .where('card_number', 'in', numbers)
    .execute();
  return new Set(rows.map((r) => r.card_number));
}

/** Members of a household as a card prints them (head first). */
export async function cardMembers(db: Db, householdId: string) {
  return db
    .selectFrom('member')
    .select([
      'family_name_km',
      'given_name_km',
      'family_name_latin',
      'given_name_latin',
      'sex',
      'birth_date',
      'birth_precision',
      'relation_to_head',
    ])
    .where('household_id', '=', householdId)
    .where('status', '=', 'active')
    .orderBy(sql`relation_to_head = 'head'`, 'desc')
    .orderBy('birth_date')
    .execute();
}

/** Supersedes the active cards of the households (set-based); returns what was superseded. */
export async function supersedeActiveCards(trx: Transaction<DB>, householdIds: string[], reason: string) {
  if (householdIds.length === 0) return [];
  return trx
    .updateTable('equity_card')
    .set({ status: 'superseded', status_reason: reason, status_changed_at: new Date() })
    .where('household_id', 'in', householdIds)
    .where('status', '=', 'active')
    .returning(['id', 'household_id', 'card_number'])
    .execute();
}

export interface NewCard {
  householdId: string;
  cardNumber: string;
  level: number;
}

/** Inserts cards in one statement; validity runs `months` from `validFrom`. */
export async function insertCards(
  trx: Transaction<DB>,
  options: { cards: NewCard[]; validFrom: string; months: number; listId: string; issuedBy: string },
) {
  if (options.cards.length === 0) return [];
  const ids = options.cards.map(() => randomUUID());
  const result = await sql<{ id: string; household_id: string; card_number: string; level: number }>`
    INSERT INTO equity_card (id, card_number, household_id, village_code, level, valid_from, valid_until,
                             list_id, assessment_id, issued_by)
    SELECT n.id, n.card_number, n.household_id, l.village_code, n.level, ${options.validFrom}::date,
           (${options.validFrom}::date + make_interval(months => ${options.months}::int))::date,
           l.id, e.assessment_id, ${options.issuedBy}
    FROM unnest(${ids}::uuid[], ${options.cards.map((c) => c.cardNumber)}::text[],
                ${options.cards.map((c) => c.householdId)}::uuid[], ${options.cards.map((c) => c.level)}::int[])
         AS n(id, card_number, household_id, level)
    JOIN village_list l ON l.id = ${options.listId}
    JOIN village_list_entry e ON e.list_id = l.id AND e.household_id = n.household_id
    RETURNING id, household_id, card_number, level`.execute(trx);
  return result.rows;
}

export async function linkSuperseded(trx: Transaction<DB>, pairs: { oldId: string; newId: string }[]) {
  if (pairs.length === 0) return;
  await sql`
    UPDATE equity_card c SET superseded_by_card_id = p.new_id
    FROM unnest(${pairs.map((p) => p.oldId)}::uuid[], ${pairs.map((p) => p.newId)}::uuid[]) AS p(old_id, new_id)
    WHERE c.id = p.old_id`.execute(trx);
}

/** Marks every active card whose validity ended before `onDate` as expired (one statement). */
export async function expireCards(trx: Transaction<DB>, onDate: string) {
  return trx
    .updateTable('equity_card')
    .set({
      status: 'expired',
      status_reason: sql<string>`'Validity ended on ' || valid_until::text`,
      status_changed_at: new Date(),
    })
    .where('status', '=', 'active')
    .where('valid_until', '<', onDate)
    .returning(['id', 'card_number', 'valid_until'])
    .execute();
}
