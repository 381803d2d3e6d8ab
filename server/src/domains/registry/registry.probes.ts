import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../db/database';

/**
 * Data for the route matrix's scope probes: a household with a head in the given village,
 * written straight to the tables (with its registry change, as every write must have).
 */
export async function insertProbeHousehold(database: Database, villageCode: string) {
  const suffix = randomBytes(5).toString('hex');
  return database.db.transaction().execute(async (trx) => {
    const change = await trx
      .insertInto('registry_change')
      .values({ kind: 'probe', source: 'seed', actor_kind: 'system', reason: 'scope probe' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const household = await trx
      .insertInto('household')
      .values({
        household_ref: `PROBE-${suffix}`,
        village_code: villageCode,
        phones: [],
        change_id: change.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const member = await trx
      .insertInto('member')
      .values({
        member_ref: `PROBE-${suffix}-1`,
        household_id: household.id,
        family_name_km: 'សុខ',
        given_name_km: 'ដារា',
        family_name_latin: 'Sok',
        given_name_latin: 'Dara',
        sex: 'M',
        birth_date: '1980-01-01',
        birth_precision: 'year',
        relation_to_head: 'head',
        change_id: change.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { householdId: household.id, memberId: member.id, changeId: change.id };
  });
}

/** A pending one-level change request (a Latin-name correction) by someone else, in the village. */
export async function insertProbeChangeRequest(database: Database, villageCode: string) {
  const { householdId, memberId } = await insertProbeHousehold(database, villageCode);
  const change = { kind: 'correct_field', householdId, memberId, field: 'givenNameLatin', value: 'Darah' };
  const request = await database.db
    .insertInto('change_request')
    .values({
      kind: 'correct_field',
      village_code: villageCode,
      household_id: householdId,
      member_id: memberId,
      payload: JSON.stringify(change),
      reason: 'scope probe',
      levels: ['commune'],
      requested_by: randomUUID(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { requestId: request.id, householdId, memberId };
}

/** An open duplicate candidate between two probe members of the village. */
export async function insertProbeDuplicate(database: Database, villageCode: string) {
  const a = await insertProbeHousehold(database, villageCode);
  const b = await insertProbeHousehold(database, villageCode);
  const [first, second] = a.memberId < b.memberId ? [a.memberId, b.memberId] : [b.memberId, a.memberId];
  const candidate = await database.db
    .insertInto('duplicate_candidate')
    .values({ member_a_id: first, member_b_id: second, score: 0.9, reasons: ['probe'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { candidateId: candidate.id };
}
