import { randomBytes } from 'node:crypto';
import type { Database } from '../../../db/database';

export interface FixtureMember {
  sex: 'F' | 'M';
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other_relative';
  birthDate?: string | null;
  birthPrecision?: 'day' | 'month' | 'year';
  disability?: string[];
  familyNameKm?: string;
  givenNameKm?: string;
}

const DEFAULT_MEMBERS: FixtureMember[] = [
  { sex: 'F', relation: 'head', birthDate: '1980-03-01', givenNameKm: 'សុភាព' },
  { sex: 'M', relation: 'spouse', birthDate: '1978-01-01', birthPrecision: 'year', givenNameKm: 'វណ្ណា' },
  { sex: 'F', relation: 'child', birthDate: '2012-06-15', givenNameKm: 'ស្រីពៅ' },
];

/**
 * Inserts a household and its members straight into the registry's tables (issue 3 has no
 * exported service for this yet). Test data only: synthetic names, one registry_change.
 */
export async function insertHousehold(
  database: Database,
  options: { villageCode: string; members?: FixtureMember[] },
): Promise<{ householdId: string; memberIds: string[] }> {
  const { db } = database;
  const tag = randomBytes(6).toString('hex');
  const change = await db
    .insertInto('registry_change')
    .values({
      kind: 'fixture',
      source: 'seed',
      actor_kind: 'system',
      actor_id: 'test',
      reason: 'test fixture',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const household = await db
    .insertInto('household')
    .values({ household_ref: `T-${tag}`, village_code: options.villageCode, change_id: change.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members = options.members ?? DEFAULT_MEMBERS;
  const memberIds: string[] = [];
  for (const [i, m] of members.entries()) {
    const row = await db
      .insertInto('member')
      .values({
        member_ref: `T-${tag}-${i + 1}`,
        household_id: household.id,
        family_name_km: m.familyNameKm ?? 'សុខ',
        given_name_km: m.givenNameKm ?? `សមាជិក${i + 1}`,
        sex: m.sex,
        birth_date: m.birthDate ?? null,
        birth_precision: m.birthDate ? (m.birthPrecision ?? 'day') : null,
        relation_to_head: m.relation,
        disability: m.disability ?? [],
        change_id: change.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    memberIds.push(row.id);
  }
  return { householdId: household.id, memberIds };
}
