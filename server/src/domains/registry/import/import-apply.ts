import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { derivedTables } from './import-derive';

export interface BatchCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes one planned batch of valid households and their members in the caller's
 * transaction: households upserted, heads that step down demoted first (so the one-head
 * index holds at every moment), members upserted. Every value was computed by planHouseholds and planMembers, so
 * this only copies rows. Rows whose values did not change are not written, so a re-import
 * leaves no trace; changed rows go through the history trigger.
 */
export async function applyBatch(
  trx: Transaction<DB>,
  options: { runId: string; batch: number; changeId: string },
): Promise<BatchCounts> {
  const t = derivedTables(options.runId);
  const ok = sql.table(t.households);
  const c = sql.table(t.members);
  const { batch, changeId } = options;

  const planned = await sql<{ n: number; fresh: number }>`
    SELECT count(*)::int AS n, (count(*) FILTER (WHERE is_new))::int AS fresh FROM ${ok} WHERE batch = ${batch}`.execute(
    trx,
  );
  const households = await sql<{ inserted: number; updated: string[] }>`
    WITH up AS (
      INSERT INTO household (id, household_ref, village_code, address, phones, change_id)
      SELECT k.household_id, k.household_ref, k.village_code, k.address, k.phones, ${changeId}::uuid
      FROM ${ok} k WHERE k.batch = ${batch}
      ON CONFLICT (household_ref) DO UPDATE SET village_code = EXCLUDED.village_code, address = EXCLUDED.address,
        phones = EXCLUDED.phones, change_id = EXCLUDED.change_id
      WHERE (household.village_code, household.address, household.phones)
        IS DISTINCT FROM (EXCLUDED.village_code, EXCLUDED.address, EXCLUDED.phones)
      RETURNING id, (xmax = 0) AS is_inserted)
    SELECT (count(*) FILTER (WHERE is_inserted))::int AS inserted,
      coalesce(array_agg(id::text) FILTER (WHERE NOT is_inserted), '{}') AS updated FROM up`.execute(trx);
  const inserted = households.rows[0]?.inserted ?? 0;
  const plan = planned.rows[0] ?? { n: 0, fresh: 0 };
  if (inserted < plan.fresh) {
    // Someone registered one of these households between planning and now: its members
    // must point at the id it got, not the one planned for it.
    await sql`
      UPDATE ${c} SET household_id = h.id FROM household h
      WHERE ${c}.batch = ${batch} AND h.household_ref = ${c}.household_ref AND ${c}.household_id <> h.id`.execute(
      trx,
    );
  }

  await sql`
    UPDATE member SET relation_to_head = s.relation_to_head, change_id = ${changeId}::uuid
    FROM ${c} s WHERE s.batch = ${batch} AND s.was_head AND s.relation_to_head <> 'head'
      AND member.member_ref = s.member_ref AND member.relation_to_head = 'head'`.execute(trx);

  const members = await sql<{ household_id: string }>`
    WITH up AS (
      INSERT INTO member (${memberColumns()}, change_id)
      SELECT ${memberColumns('s')}, ${changeId}::uuid
      FROM ${c} s WHERE s.batch = ${batch}
      ON CONFLICT (member_ref) DO UPDATE SET household_id = EXCLUDED.household_id,
        family_name_km = EXCLUDED.family_name_km, given_name_km = EXCLUDED.given_name_km,
        family_name_latin = EXCLUDED.family_name_latin, given_name_latin = EXCLUDED.given_name_latin,
        sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date, birth_precision = EXCLUDED.birth_precision,
        relation_to_head = EXCLUDED.relation_to_head, national_id = EXCLUDED.national_id, phone = EXCLUDED.phone,
        disability = EXCLUDED.disability, chronic_illness = EXCLUDED.chronic_illness, change_id = EXCLUDED.change_id
      WHERE (member.household_id, member.family_name_km, member.given_name_km, member.family_name_latin,
          member.given_name_latin, member.sex, member.birth_date, member.birth_precision, member.relation_to_head,
          member.national_id, member.phone, member.disability, member.chronic_illness)
        IS DISTINCT FROM (EXCLUDED.household_id, EXCLUDED.family_name_km, EXCLUDED.given_name_km,
          EXCLUDED.family_name_latin, EXCLUDED.given_name_latin, EXCLUDED.sex, EXCLUDED.birth_date,
          EXCLUDED.birth_precision, EXCLUDED.relation_to_head, EXCLUDED.national_id, EXCLUDED.phone,
          EXCLUDED.disability, EXCLUDED.chronic_illness)
      RETURNING household_id)
    -- Members written into a household that already existed make it "updated".
    SELECT DISTINCT up.household_id::text AS household_id FROM up
    WHERE EXISTS (SELECT 1 FROM ${ok} k WHERE k.batch = ${batch} AND k.household_id = up.household_id AND NOT k.is_new)`.execute(
    trx,
  );

  await sql`${nameVocabularyInsert(sql`(SELECT name_km_key, name_latin_key FROM ${c} WHERE batch = ${batch})`)}`.execute(
    trx,
  );

  const touched = new Set([
    ...(households.rows[0]?.updated ?? []),
    ...members.rows.map((r) => r.household_id),
  ]);
  return { imported: inserted, updated: touched.size, unchanged: plan.n - inserted - touched.size };
}

/**
 * Adds the distinct folded names of written members to the search vocabulary
 * (registry_name_key, 0206). `rows` is a relation with name_km_key and name_latin_key.
 */
export function nameVocabularyInsert(rows: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    INSERT INTO registry_name_key (kind, key)
    SELECT DISTINCT k.kind, k.key FROM ${rows} AS r
    CROSS JOIN LATERAL (VALUES ('km', r.name_km_key), ('latin', r.name_latin_key)) AS k (kind, key)
    WHERE k.key <> ''
    ON CONFLICT DO NOTHING`;
}

/** The member columns an import writes (all planned by import-derive.ts), optionally qualified. */
const MEMBER_WRITTEN = [
  'id',
  'member_ref',
  'household_id',
  'family_name_km',
  'given_name_km',
  'family_name_latin',
  'given_name_latin',
  'sex',
  'birth_date',
  'birth_precision',
  'relation_to_head',
  'national_id',
  'phone',
  'disability',
  'chronic_illness',
  'name_km_key',
  'name_latin_key',
  'phonetic_key',
] as const;

export function memberColumns(alias?: string): RawBuilder<unknown> {
  return sql.raw(MEMBER_WRITTEN.map((c) => (alias ? `${alias}.${c}` : c)).join(', '));
}
