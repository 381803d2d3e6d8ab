import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema';

/** Blocks larger than this are too common to tell people apart (and would explode quadratically). */
export const MAX_BLOCK = 200;

/**
 * Step 1: blocking keys. A person gets one key per way a duplicate can still look alike:
 * the Latin phonetic key, the folded Khmer name, the given name's phonetic key within a
 * district, the Khmer family name within a district (all with sex and birth year), the
 * national ID, the phone. Only members who share a key are ever compared.
 */
export async function buildBlockingKeys(db: Kysely<DB>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dedup_key`.execute(db);
  await sql`CREATE UNLOGGED TABLE dedup_key (key text NOT NULL, member_id uuid NOT NULL)`.execute(db);
  await sql`
    INSERT INTO dedup_key (key, member_id)
    SELECT k.key, m.id
    FROM member m
    JOIN household h ON h.id = m.household_id
    CROSS JOIN LATERAL unnest(ARRAY[
      CASE WHEN m.birth_date IS NOT NULL AND m.phonetic_key <> ' ' AND m.family_name_latin IS NOT NULL
        THEN 'p' || m.phonetic_key || m.sex || extract(year FROM m.birth_date) END,
      CASE WHEN m.birth_date IS NOT NULL THEN 'k' || m.name_km_key || m.sex || extract(year FROM m.birth_date) END,
      CASE WHEN m.birth_date IS NOT NULL AND m.given_name_latin IS NOT NULL
        THEN 'g' || split_part(m.phonetic_key, ' ', 2) || m.sex || extract(year FROM m.birth_date) || left(h.village_code, 4) END,
      CASE WHEN m.birth_date IS NOT NULL
        THEN 'f' || registry_fold_km(m.family_name_km) || m.sex || extract(year FROM m.birth_date) || left(h.village_code, 4) END,
      CASE WHEN m.national_id IS NOT NULL THEN 'n' || m.national_id END,
      CASE WHEN m.phone IS NOT NULL THEN 't' || m.phone END
    ]) AS k(key)
    WHERE m.status = 'active' AND k.key IS NOT NULL`.execute(db);
}

/** Step 2: distinct pairs of members sharing a key, from blocks small enough to mean something. */
export async function buildCandidatePairs(db: Kysely<DB>): Promise<number> {
  await sql`DROP TABLE IF EXISTS dedup_pair`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE dedup_pair AS
    WITH small AS (
      SELECT key FROM dedup_key GROUP BY key HAVING count(*) BETWEEN 2 AND ${sql.lit(MAX_BLOCK)}
    ), keyed AS (
      SELECT k.key, k.member_id FROM dedup_key k JOIN small USING (key)
    )
    SELECT DISTINCT a.member_id AS a_id, b.member_id AS b_id
    FROM keyed a JOIN keyed b ON a.key = b.key AND a.member_id < b.member_id`.execute(db);
  // How many people share each Khmer name, sex and birth year: a rare name is stronger evidence.
  await sql`DROP TABLE IF EXISTS dedup_name_freq`.execute(db);
  await sql`CREATE UNLOGGED TABLE dedup_name_freq AS SELECT key, count(*)::int AS n FROM dedup_key WHERE key LIKE 'k%' GROUP BY key`.execute(
    db,
  );
  await sql`CREATE INDEX ON dedup_name_freq (key)`.execute(db);
  await sql`DROP TABLE IF EXISTS dedup_key`.execute(db);
  const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dedup_pair`.execute(db);
  return count.rows[0]?.n ?? 0;
}

/**
 * Step 3: scores every pair in one statement and keeps those above `threshold` as open
 * candidates. Names weigh most (Khmer trigram similarity, Latin phonetic key or trigram
 * similarity); birth dates compare at the coarser precision of the two; identifiers, phones
 * and nearness add evidence; a different sex, a birth date that cannot match or two
 * different national IDs rule a pair out. A Khmer name shared by few people of that sex and
 * birth year counts for more than a common one (frequency weighting). Candidates already decided are left alone.
 */
export async function scorePairs(
  db: Kysely<DB>,
  options: { threshold: number; jobId: string | null },
): Promise<number> {
  const result = await sql`
    WITH scored AS (
      SELECT p.a_id, p.b_id,
        similarity(a.name_km_key, b.name_km_key) AS s_km,
        CASE WHEN a.given_name_latin IS NULL OR b.given_name_latin IS NULL THEN NULL
          WHEN a.family_name_latin IS NULL OR b.family_name_latin IS NULL THEN
            CASE WHEN split_part(a.phonetic_key, ' ', 2) = split_part(b.phonetic_key, ' ', 2) THEN 0.9
              ELSE similarity(registry_fold_latin(a.given_name_latin), registry_fold_latin(b.given_name_latin)) END
          WHEN a.phonetic_key = b.phonetic_key THEN 1.0
          ELSE similarity(a.name_latin_key, b.name_latin_key) END AS s_lat,
        CASE
          WHEN a.birth_date IS NULL OR b.birth_date IS NULL THEN 'unknown'
          WHEN a.birth_precision = 'day' AND b.birth_precision = 'day' THEN CASE WHEN a.birth_date = b.birth_date THEN 'exact' ELSE 'different' END
          WHEN 'year' IN (a.birth_precision, b.birth_precision) THEN
            CASE WHEN extract(year FROM a.birth_date) = extract(year FROM b.birth_date) THEN 'same_year' ELSE 'different' END
          ELSE CASE WHEN date_trunc('month', a.birth_date) = date_trunc('month', b.birth_date) THEN 'same_month' ELSE 'different' END
        END AS birth,
        a.national_id IS NOT NULL AND a.national_id = b.national_id AS same_id,
        a.national_id IS NOT NULL AND b.national_id IS NOT NULL AND a.national_id <> b.national_id AS other_id,
        a.phone IS NOT NULL AND a.phone = b.phone AS same_phone,
        CASE WHEN ha.village_code = hb.village_code THEN 'village'
          WHEN left(ha.village_code, 6) = left(hb.village_code, 6) THEN 'commune'
          WHEN left(ha.village_code, 4) = left(hb.village_code, 4) THEN 'district'
          WHEN left(ha.village_code, 2) = left(hb.village_code, 2) THEN 'province' ELSE 'far' END AS near,
        a.household_id = b.household_id AS same_household,
        a.sex = b.sex AS same_sex,
        coalesce((SELECT f.n FROM dedup_name_freq f
          WHERE f.key = 'k' || a.name_km_key || a.sex || extract(year FROM a.birth_date)), 99) AS name_freq
      FROM dedup_pair p
      JOIN member a ON a.id = p.a_id JOIN household ha ON ha.id = a.household_id
      JOIN member b ON b.id = p.b_id JOIN household hb ON hb.id = b.household_id
    ), weighed AS (
      SELECT s.*,
        -- The Khmer name is primary: a Latin spelling can raise the name score, never lower it.
        0.5 * greatest(s.s_km, (s.s_km + coalesce(s.s_lat, s.s_km)) / 2)
        + CASE s.birth WHEN 'exact' THEN 0.3 WHEN 'same_month' THEN 0.2 WHEN 'same_year' THEN 0.12 WHEN 'unknown' THEN 0.05 ELSE -1 END
        + CASE WHEN s.same_id THEN 0.4 WHEN s.other_id THEN -0.5 ELSE 0 END
        + CASE WHEN s.same_phone THEN 0.25 ELSE 0 END
        + CASE s.near WHEN 'village' THEN 0.15 WHEN 'commune' THEN 0.15 WHEN 'district' THEN 0.1 WHEN 'province' THEN -0.02 ELSE -0.15 END
        -- Rarity only counts nearby: across a province, chance namesakes outnumber duplicates.
        + CASE WHEN s.near IN ('province', 'far') OR s.s_km < 0.99 THEN 0
            WHEN s.name_freq <= 2 THEN 0.08 WHEN s.name_freq <= 4 THEN 0.04 ELSE 0 END
        - CASE WHEN s.same_household THEN 0.3 ELSE 0 END AS score
      FROM scored s WHERE s.same_sex
    )
    INSERT INTO duplicate_candidate (member_a_id, member_b_id, score, reasons, detected_by_job_id)
    SELECT w.a_id, w.b_id, least(1, w.score), array_remove(ARRAY[
        CASE WHEN w.s_km >= 0.99 THEN 'same_khmer_name' WHEN w.s_km >= 0.5 THEN 'similar_khmer_name' END,
        CASE WHEN w.s_lat >= 0.99 THEN 'same_latin_sound' WHEN w.s_lat >= 0.5 THEN 'similar_latin_name' END,
        'birth_' || w.birth,
        CASE WHEN w.same_id THEN 'same_national_id' END,
        CASE WHEN w.same_phone THEN 'same_phone' END,
        'near_' || w.near,
        CASE WHEN w.s_km >= 0.99 AND w.name_freq <= 4 AND w.near NOT IN ('province', 'far') THEN 'rare_name' END
      ], NULL), ${options.jobId}::uuid
    FROM weighed w WHERE w.score >= ${options.threshold}
    ON CONFLICT (member_a_id, member_b_id) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons,
      detected_at = now(), detected_by_job_id = EXCLUDED.detected_by_job_id
    WHERE duplicate_candidate.status = 'open'`.execute(db);
  await sql`DROP TABLE IF EXISTS dedup_pair, dedup_name_freq`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
