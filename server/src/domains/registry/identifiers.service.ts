import type { Database } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { areaScopeCondition } from '../../platform/scope';
import * as repo from './registry.repo';

/** Identifier types in use, with their validation patterns (for forms and their errors). */
export async function listIdentifierTypes(database: Database) {
  return database.db
    .selectFrom('identifier_type')
    .selectAll()
    .where('is_active', '=', true)
    .orderBy('applies_to', 'desc')
    .orderBy('code')
    .execute();
}

export interface IdentifierRow {
  id: number | null;
  typeCode: string;
  memberId: string | null;
  value: string;
  validFrom: Date | null;
  validTo: Date | null;
  source: 'identifier' | 'member_record';
}

/**
 * The typed identifiers of a household and of its members, open and closed (their history).
 * A national ID or phone kept only on the member record (as the import writes them) is listed
 * too, as long as no open typed identifier of that type replaces it. 404 outside the scope.
 */
export async function listHouseholdIdentifiers(options: {
  database: Database;
  actor: Actor;
  householdId: string;
}): Promise<IdentifierRow[]> {
  const db = options.database.db;
  const household = await repo.findHouseholdInScope(db, options.householdId, options.actor.scope);
  if (!household) throw notFound('Household');
  const members = await db
    .selectFrom('member')
    .select(['id', 'national_id', 'phone'])
    .where('household_id', '=', household.id)
    .execute();
  const memberIds = members.map((m) => m.id);
  const rows = await db
    .selectFrom('registry_identifier')
    .selectAll()
    .where((eb) =>
      memberIds.length > 0
        ? eb.or([eb('household_id', '=', household.id), eb('member_id', 'in', memberIds)])
        : eb('household_id', '=', household.id),
    )
    .orderBy('type_code')
    .orderBy('valid_from', 'desc')
    .execute();
  const out: IdentifierRow[] = rows.map((r) => ({
    id: r.id,
    typeCode: r.type_code,
    memberId: r.member_id,
    value: r.value,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    source: 'identifier',
  }));
  const isOpen = (memberId: string, typeCode: string) =>
    rows.some((r) => r.member_id === memberId && r.type_code === typeCode && r.valid_to === null);
  for (const m of members) {
    if (m.national_id && !isOpen(m.id, 'national_id'))
      out.push(recordValue(m.id, 'national_id', m.national_id));
    if (m.phone && !isOpen(m.id, 'phone')) out.push(recordValue(m.id, 'phone', m.phone));
  }
  return out;
}

function recordValue(memberId: string, typeCode: string, value: string): IdentifierRow {
  return { id: null, typeCode, memberId, value, validFrom: null, validTo: null, source: 'member_record' };
}

/** Households with exactly this reference (any case), within scope: how forms name another household. */
export async function findHouseholdsByRef(options: { database: Database; actor: Actor; ref: string }) {
  return options.database.db
    .selectFrom('household')
    .select(['id', 'household_ref', 'village_code', 'status'])
    .where((eb) => eb(eb.fn('lower', ['household_ref']), '=', options.ref.trim().toLowerCase()))
    .where((eb) => areaScopeCondition(eb, 'household.village_code', options.actor.scope))
    .limit(5)
    .execute();
}
