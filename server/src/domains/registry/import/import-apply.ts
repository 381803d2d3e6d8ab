import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database';
import type { DB } from '../../../db/schema';
import { stageTable } from './import-files';

export interface BatchCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

/**
 * Decides which staged households are valid (no issue names them) and numbers them into
 * batches, ordered by reference. Returns how many valid households and batches there are.
 */
export async function planBatches(
  database: Database,
  runId: string,
  batchSize: number,
): Promise<{ households: number; batches: number }> {
  const h = stageTable(runId, 'households');
  await database.execScript(
    `DROP TABLE IF EXISTS ${h}_ok;
     CREATE UNLOGGED TABLE ${h}_ok AS
       SELECT s.household_ref, ((row_number() OVER (ORDER BY s.household_ref)) - 1) / ${batchSize} AS batch
       FROM ${h} s
       WHERE s.household_ref IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM import_issue i WHERE i.import_run_id = '${runId}' AND i.household_ref = s.household_ref);
     CREATE INDEX ON ${h}_ok (batch);
     ANALYZE ${h}_ok;`,
  );
  const row = await sql<{ households: number; batches: number }>`
    SELECT count(*)::int AS households, coalesce(max(batch) + 1, 0)::int AS batches FROM ${sql.table(`${h}_ok`)}`.execute(
    database.db,
  );
  return row.rows[0] ?? { households: 0, batches: 0 };
}

/**
 * Writes one batch of valid households and their members in the caller's transaction:
 * households upserted, heads that step down demoted first (so the one-head index holds at
 * every moment), members upserted. Rows whose values did not change are not written, so a
 * re-import leaves no trace; changed rows go through the history trigger.
 */
export async function applyBatch(
  trx: Transaction<DB>,
  options: { runId: string; batch: number; changeId: string },
): Promise<BatchCounts> {
  const h = sql.table(stageTable(options.runId, 'households'));
  const m = sql.table(stageTable(options.runId, 'members'));
  const ok = sql.table(`${stageTable(options.runId, 'households')}_ok`);
  const { batch, changeId } = options;

  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${ok} WHERE batch = ${batch}`.execute(
    trx,
  );
  const households = await sql<{ household_ref: string; is_inserted: boolean }>`
    INSERT INTO household (household_ref, village_code, address, phones, change_id)
    SELECT s.household_ref, s.village_code, nullif(btrim(s.address), ''),
      coalesce((SELECT array_agg(registry_normalize_phone(p)) FROM unnest(string_to_array(s.phone, ';')) p
        WHERE registry_normalize_phone(p) IS NOT NULL), '{}'),
      ${changeId}::uuid
    FROM ${h} s JOIN ${ok} k ON k.household_ref = s.household_ref AND k.batch = ${batch}
    ON CONFLICT (household_ref) DO UPDATE SET village_code = EXCLUDED.village_code, address = EXCLUDED.address,
      phones = EXCLUDED.phones, change_id = EXCLUDED.change_id
    WHERE (household.village_code, household.address, household.phones)
      IS DISTINCT FROM (EXCLUDED.village_code, EXCLUDED.address, EXCLUDED.phones)
    RETURNING household_ref, (xmax = 0) AS is_inserted`.execute(trx);

  await sql`
    UPDATE member SET relation_to_head = s.relation_to_head, change_id = ${changeId}::uuid
    FROM ${m} s JOIN ${ok} k ON k.household_ref = s.household_ref AND k.batch = ${batch}
    WHERE member.member_ref = s.member_ref AND member.relation_to_head = 'head' AND s.relation_to_head <> 'head'`.execute(
    trx,
  );

  const members = await sql<{ household_ref: string }>`
    WITH up AS (
      INSERT INTO member (member_ref, household_id, family_name_km, given_name_km, family_name_latin, given_name_latin,
        sex, birth_date, birth_precision, relation_to_head, national_id, phone, disability, chronic_illness, change_id)
      SELECT s.member_ref, hh.id, registry_clean_name(s.family_name_km), registry_clean_name(s.given_name_km),
        registry_clean_name(s.family_name_latin), registry_clean_name(s.given_name_latin), s.sex,
        registry_partial_date(s.birth_date), registry_date_precision(s.birth_date), s.relation_to_head,
        nullif(btrim(s.national_id), ''), registry_normalize_phone(s.phone),
        coalesce((SELECT array_agg(DISTINCT btrim(d)) FROM unnest(string_to_array(s.disability, ';')) d WHERE btrim(d) <> ''), '{}'),
        lower(s.chronic_illness)::boolean, ${changeId}::uuid
      FROM ${m} s JOIN ${ok} k ON k.household_ref = s.household_ref AND k.batch = ${batch}
      -- One index lookup per member: a join could hash the whole household table every batch.
      CROSS JOIN LATERAL (SELECT h.id FROM household h WHERE h.household_ref = s.household_ref) hh
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
    SELECT DISTINCT hh.household_ref FROM up
    CROSS JOIN LATERAL (SELECT h.household_ref FROM household h WHERE h.id = up.household_id) hh`.execute(
    trx,
  );

  const inserted = new Set(households.rows.filter((r) => r.is_inserted).map((r) => r.household_ref));
  const touched = new Set([
    ...households.rows.filter((r) => !r.is_inserted).map((r) => r.household_ref),
    ...members.rows.map((r) => r.household_ref).filter((ref) => !inserted.has(ref)),
  ]);
  const n = total.rows[0]?.n ?? 0;
  return { imported: inserted.size, updated: touched.size, unchanged: n - inserted.size - touched.size };
}
