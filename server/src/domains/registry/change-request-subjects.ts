import type { ChangeRequestSubjects } from '@mlob/contracts';
import type { Database } from '../../db/database';

const HOUSEHOLD_KEYS = ['householdId', 'toHouseholdId', 'otherHouseholdId'] as const;
const MEMBER_KEYS = ['memberId', 'newHeadMemberId'] as const;

/**
 * The household and member ids a change payload names (`memberIds` of a split included, and
 * the members a split or merge gives a new relation, so the approver reads who joins as what).
 */
export function idsNamedBy(payload: unknown): { households: string[]; members: string[] } {
  const change = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const strings = (keys: readonly string[]) =>
    keys.map((k) => change[k]).filter((v): v is string => typeof v === 'string');
  const split = Array.isArray(change.memberIds)
    ? change.memberIds.filter((v): v is string => typeof v === 'string')
    : [];
  const related =
    typeof change.relationsToHead === 'object' && change.relationsToHead !== null
      ? Object.keys(change.relationsToHead)
      : [];
  return {
    households: strings(HOUSEHOLD_KEYS),
    members: [...new Set([...strings(MEMBER_KEYS), ...split, ...related])],
  };
}

/**
 * Names the households and members that a page of change requests refers to by id, in two
 * queries for the whole page, so the approver reads who died or moves, not an id.
 */
export async function subjectsOf(
  database: Database,
  payloads: unknown[],
): Promise<(payload: unknown) => ChangeRequestSubjects> {
  const named = payloads.map(idsNamedBy);
  const householdIds = [...new Set(named.flatMap((n) => n.households))];
  const memberIds = [...new Set(named.flatMap((n) => n.members))];
  const households =
    householdIds.length === 0
      ? []
      : await database.db
          .selectFrom('household')
          .select(['id', 'household_ref'])
          .where('id', 'in', householdIds)
          .execute();
  const members =
    memberIds.length === 0
      ? []
      : await database.db
          .selectFrom('member')
          .select([
            'id',
            'member_ref',
            'family_name_km',
            'given_name_km',
            'family_name_latin',
            'given_name_latin',
          ])
          .where('id', 'in', memberIds)
          .execute();
  return (payload) => {
    const ids = idsNamedBy(payload);
    return {
      households: households
        .filter((h) => ids.households.includes(h.id))
        .map((h) => ({ id: h.id, householdRef: h.household_ref })),
      members: members
        .filter((m) => ids.members.includes(m.id))
        .map((m) => ({
          id: m.id,
          memberRef: m.member_ref,
          familyNameKm: m.family_name_km,
          givenNameKm: m.given_name_km,
          familyNameLatin: m.family_name_latin,
          givenNameLatin: m.given_name_latin,
        })),
    };
  };
}
