import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../../db/schema';
import { chunkKeys, MAX_BLOCK } from './dedup.repo';

/**
 * How often each kind of evidence is seen when two records ARE the same person (the
 * m-probabilities of Fellegi–Sunter record linkage). How often it is seen by chance between two
 * different people (u) is never guessed: it is counted in the registry itself (how many people
 * share this Khmer name and sex, this birth year, this area, this ID or phone). Each piece of
 * evidence then weighs log2(m / u) bits; see docs/registry.md.
 */
export const EVIDENCE = {
  /** Share of registrations that repeat a person already registered (the prior). */
  duplicateRate: 0.01,
  nameExact: 0.8,
  /** The same Khmer letters but for optional signs (chance: people sharing that skeleton). */
  nameVariant: 0.08,
  /** Other Khmer letters but the same Latin phonetic key (chance: people sharing that key). */
  nameSound: 0.05,
  /** Similar Khmer letters in both the full and the given name (a typo) … */
  nameSimilar: 0.03,
  /** … far more common by chance: siblings and cousins share a family name and a syllable. */
  nameSimilarSpread: 30,
  nameOther: 0.04,
  sexSame: 0.98,
  sexOther: 0.02,
  birthDay: 0.85,
  birthMonth: 0.9,
  birthYear: 0.95,
  /** Same year at full precision but another day or month: a typo. */
  birthSameYearOtherDate: 0.02,
  birthNextYear: 0.03,
  birthOther: 0.005,
  placeVillage: 0.2,
  placeCommune: 0.3,
  placeDistrict: 0.2,
  placeProvince: 0.15,
  placeFar: 0.15,
  idSame: 0.95,
  idOther: 0.02,
  phoneSame: 0.4,
  phoneOther: 0.6,
} as const;

const e = (key: keyof typeof EVIDENCE) => sql.lit(EVIDENCE[key]);

/** log2 of a likelihood ratio, in bits. */
const bits = (ratio: RawBuilder<unknown>) => sql`(ln((${ratio})::float8) / ln(2::float8))`;

/**
 * The national structure the chance rates are smoothed towards, so a small registry (a test, a
 * pilot province) does not read "2 of 10 people share this name" as a common name: counts get
 * PSEUDO_PEOPLE extra people spread as in the country (a typical full name is one person's in
 * 5,000; a birth year one in 70; about 14,000 villages, 1,650 communes, 200 districts, 25
 * provinces). At national scale the registry's own counts dominate.
 */
const PSEUDO_PEOPLE = 10_000;
const NATION = { names: 5_000, years: 70, villages: 14_000, communes: 1_650, districts: 200, provinces: 25 };

/** Chance rate: others sharing the value, smoothed towards one in `units` (none: no pseudo-count). */
const smoothed = (others: RawBuilder<unknown>, units: number | null) =>
  sql`((greatest(0, ${others}) + ${sql.lit(units === null ? 0 : PSEUDO_PEOPLE / units)})::float8 / (f.total + ${sql.lit(PSEUDO_PEOPLE)}))`;
const uName = sql`((f.name_n - 1 + ${sql.lit(PSEUDO_PEOPLE / NATION.names)})::float8 / (f.same_sex_total + ${sql.lit(PSEUDO_PEOPLE)}))`;
/**
 * Chance that someone else's name has the same letters but for optional signs without being
 * the same name (counted: people sharing the skeleton, less those with the first record's name
 * and the second record itself), and that someone else's Latin name sounds the same (counted).
 */
const uSkeleton = sql`((greatest(0, f.skeleton_n - f.own_name_n - 1) + ${sql.lit(PSEUDO_PEOPLE / NATION.names)})::float8 / (f.same_sex_total + ${sql.lit(PSEUDO_PEOPLE)}))`;
const uSound = sql`((f.sound_n - 1 + ${sql.lit(PSEUDO_PEOPLE / NATION.names)})::float8 / (f.same_sex_total + ${sql.lit(PSEUDO_PEOPLE)}))`;
const uYear = smoothed(sql`f.year_n - 1`, NATION.years);

/**
 * Compares every pair of members that share a key in one chunk and keeps those whose
 * probability of being one person reaches `threshold`, in one statement: blocks of at most
 * MAX_BLOCK members, distinct pairs, evidence in bits, posterior probability from the prior
 * odds of two registrations being one person (which shrink as the registry grows — the reason
 * a fixed score would lose precision with scale). Decided candidates are left alone.
 */
export async function scoreChunk(
  db: Kysely<DB>,
  options: { schema: string; chunk: number; nameChunks: number; threshold: number; jobId: string | null },
): Promise<{ pairs: number; candidates: number }> {
  const { schema } = options;
  const s = (table: string) => sql.raw(`${schema}.${table}`);
  const chunk = chunkKeys(schema, options.chunk, options.nameChunks);
  // The chunk's people, keys and pairs as temporary tables with statistics, so the planner
  // sees their real sizes and hash-joins them (estimates on CTEs led to nested loops).
  // Grouping a million keys must not spill to disk; compiling each statement costs more than it saves.
  await sql`SET LOCAL work_mem = '256MB'`.execute(db);
  await sql`SET LOCAL jit = off`.execute(db);
  await sql`CREATE TEMP TABLE dedup_people ON COMMIT DROP AS ${chunk.people}`.execute(db);
  await sql`
    CREATE TEMP TABLE dedup_keys ON COMMIT DROP AS
    SELECT k.key, p.id FROM dedup_people p CROSS JOIN LATERAL unnest(${chunk.keys}) AS k(key)
    WHERE k.key IS NOT NULL`.execute(db);
  await sql`ANALYZE dedup_keys`.execute(db);
  await sql`
    CREATE TEMP TABLE dedup_pairs ON COMMIT DROP AS
    WITH kept AS MATERIALIZED (
      SELECT k.key, k.id FROM dedup_keys k
      JOIN (SELECT key FROM dedup_keys GROUP BY key HAVING count(*) BETWEEN 2 AND ${sql.lit(MAX_BLOCK)}) b USING (key)
    )
    SELECT DISTINCT x.id AS a_id, y.id AS b_id FROM kept x JOIN kept y ON x.key = y.key AND x.id < y.id`.execute(
    db,
  );
  await sql`ANALYZE dedup_people`.execute(db);
  await sql`ANALYZE dedup_pairs`.execute(db);
  const result = await sql<{ pairs: number; candidates: number }>`
    WITH facts AS MATERIALIZED (
      SELECT pr.a_id, pr.b_id, st.people::float8 AS total,
        CASE WHEN a.sex = 'F' THEN st.women ELSE st.men END::float8 AS same_sex_total,
        a.km = b.km AS is_same_km,
        a.has_family_latin AND b.has_family_latin AND a.ph = b.ph AS is_same_sound,
        a.km_skeleton = b.km_skeleton AS is_same_skeleton,
        similarity(a.km, b.km) AS km_similarity,
        similarity(a.given_skeleton, b.given_skeleton) AS given_similarity,
        greatest(fa.n, coalesce(fb.n, 1))::float8 AS name_n,
        coalesce(fa.n, 1)::float8 AS own_name_n,
        coalesce(fs.n, 1)::float8 AS skeleton_n,
        coalesce(fp.n, 1)::float8 AS sound_n,
        a.sex = b.sex AS is_same_sex,
        CASE
          WHEN a.birth_date IS NULL OR b.birth_date IS NULL THEN 'unknown'
          WHEN a.precision = 'day' AND b.precision = 'day' THEN
            CASE WHEN a.birth_date = b.birth_date THEN 'day' WHEN a.year = b.year THEN 'typo' ELSE 'year_off' END
          WHEN 'year' IN (a.precision, b.precision) THEN CASE WHEN a.year = b.year THEN 'year' ELSE 'year_off' END
          WHEN date_trunc('month', a.birth_date) = date_trunc('month', b.birth_date) THEN 'month'
          WHEN a.year = b.year THEN 'typo' ELSE 'year_off'
        END AS birth,
        abs(a.year - b.year) AS year_gap,
        coalesce(yf.n, 1)::float8 AS year_n,
        CASE WHEN a.village = b.village THEN 'village'
          WHEN left(a.village, 6) = left(b.village, 6) THEN 'commune'
          WHEN left(a.village, 4) = left(b.village, 4) THEN 'district'
          WHEN left(a.village, 2) = left(b.village, 2) THEN 'province' ELSE 'far' END AS near,
        av.n::float8 AS village_n, ac.n::float8 AS commune_n, ad.n::float8 AS district_n, ap.n::float8 AS province_n,
        CASE WHEN a.national_id IS NULL OR b.national_id IS NULL THEN NULL ELSE a.national_id = b.national_id END AS is_same_id,
        sid.n::float8 AS id_n,
        CASE WHEN a.phone IS NULL OR b.phone IS NULL THEN NULL ELSE a.phone = b.phone END AS is_same_phone,
        sph.n::float8 AS phone_n
      FROM dedup_pairs pr
      JOIN dedup_people a ON a.id = pr.a_id
      JOIN dedup_people b ON b.id = pr.b_id
      CROSS JOIN ${s('stats')} st
      LEFT JOIN ${s('name_freq')} fa ON fa.km = a.km AND fa.sex = a.sex
      LEFT JOIN ${s('name_freq')} fb ON fb.km = b.km AND fb.sex = b.sex
      LEFT JOIN ${s('skeleton_freq')} fs ON fs.km_skeleton = a.km_skeleton AND fs.sex = a.sex
      LEFT JOIN ${s('sound_freq')} fp ON fp.ph = a.ph AND fp.sex = a.sex
      LEFT JOIN ${s('year_freq')} yf ON yf.year = a.year
      LEFT JOIN ${s('area')} av ON av.code = a.village
      LEFT JOIN ${s('area')} ac ON ac.code = left(a.village, 6)
      LEFT JOIN ${s('area')} ad ON ad.code = left(a.village, 4)
      LEFT JOIN ${s('area')} ap ON ap.code = left(a.village, 2)
      LEFT JOIN ${s('shared')} sid ON sid.key = 'n' || a.national_id AND a.national_id = b.national_id
      LEFT JOIN ${s('shared')} sph ON sph.key = 't' || a.phone AND a.phone = b.phone
    ), weighed AS (
      SELECT f.*,
        CASE WHEN f.is_same_km THEN ${bits(sql`${e('nameExact')} / ${uName}`)}
          WHEN f.is_same_skeleton THEN ${bits(sql`${e('nameVariant')} / ${uSkeleton}`)}
          WHEN f.is_same_sound THEN ${bits(sql`${e('nameSound')} / ${uSound}`)}
          WHEN f.km_similarity >= 0.5 AND f.given_similarity >= 0.5
            THEN ${bits(sql`${e('nameSimilar')} / (${e('nameSimilarSpread')} * ${uName})`)}
          ELSE ${bits(e('nameOther'))} END AS w_name,
        CASE WHEN f.is_same_sex THEN ${bits(sql`${e('sexSame')} / 0.5`)} ELSE ${bits(sql`${e('sexOther')} / 0.5`)} END AS w_sex,
        CASE f.birth
          WHEN 'day' THEN ${bits(sql`${e('birthDay')} * 365 / ${uYear}`)}
          WHEN 'month' THEN ${bits(sql`${e('birthMonth')} * 12 / ${uYear}`)}
          WHEN 'year' THEN ${bits(sql`${e('birthYear')} / ${uYear}`)}
          WHEN 'typo' THEN ${bits(sql`${e('birthSameYearOtherDate')} / ${uYear}`)}
          WHEN 'unknown' THEN 0
          ELSE CASE WHEN f.year_gap = 1 THEN ${bits(sql`${e('birthNextYear')} / (2 * ${uYear})`)}
            ELSE ${bits(e('birthOther'))} END
        END AS w_birth,
        ${bits(sql`CASE f.near
          WHEN 'village' THEN ${e('placeVillage')} / ${smoothed(sql`f.village_n - 1`, NATION.villages)}
          WHEN 'commune' THEN ${e('placeCommune')} / ${smoothed(sql`f.commune_n - f.village_n`, NATION.communes)}
          WHEN 'district' THEN ${e('placeDistrict')} / ${smoothed(sql`f.district_n - f.commune_n`, NATION.districts)}
          WHEN 'province' THEN ${e('placeProvince')} / ${smoothed(sql`f.province_n - f.district_n`, NATION.provinces)}
          ELSE ${e('placeFar')} / ${smoothed(sql`f.total - f.province_n`, 1)} END`)} AS w_place,
        CASE WHEN f.is_same_id THEN ${bits(sql`${e('idSame')} / ${smoothed(sql`coalesce(f.id_n, 2) - 1`, null)}`)}
          WHEN NOT f.is_same_id THEN ${bits(e('idOther'))} ELSE 0 END AS w_id,
        CASE WHEN f.is_same_phone THEN ${bits(sql`${e('phoneSame')} / ${smoothed(sql`coalesce(f.phone_n, 2) - 1`, null)}`)}
          WHEN NOT f.is_same_phone THEN ${bits(e('phoneOther'))} ELSE 0 END AS w_phone,
        ${bits(sql`2 * ${e('duplicateRate')} / (f.total + ${sql.lit(PSEUDO_PEOPLE)})`)} AS w_prior
      FROM facts f
    ), scored AS (
      SELECT w.*, 1 / (1 + power(2::float8, -least(60, greatest(-60,
        w.w_prior + w.w_name + w.w_sex + w.w_birth + w.w_place + w.w_id + w.w_phone)))) AS score
      FROM weighed w
    ), inserted AS (
      INSERT INTO duplicate_candidate (member_a_id, member_b_id, score, reasons, detected_by_job_id)
      SELECT w.a_id, w.b_id, w.score, array_remove(ARRAY[
          CASE WHEN w.is_same_km THEN 'same_khmer_name' WHEN w.is_same_skeleton THEN 'khmer_spelling_variant'
            WHEN w.km_similarity >= 0.5 AND w.given_similarity >= 0.5 THEN 'similar_khmer_name' END,
          CASE WHEN w.is_same_sound THEN 'same_latin_sound' END,
          CASE WHEN w.is_same_km AND w.name_n <= 3 THEN 'rare_name'
            WHEN w.is_same_km AND w.name_n * 2000 > w.same_sex_total THEN 'common_name' END,
          'birth_' || CASE w.birth WHEN 'day' THEN 'exact' WHEN 'month' THEN 'same_month' WHEN 'year' THEN 'same_year'
            WHEN 'unknown' THEN 'unknown' ELSE 'different' END,
          CASE WHEN w.is_same_id THEN 'same_national_id' WHEN NOT w.is_same_id THEN 'different_national_id' END,
          CASE WHEN w.is_same_phone THEN 'same_phone' END,
          'near_' || w.near
        ], NULL), ${options.jobId}::uuid
      FROM scored w WHERE w.score >= ${options.threshold}
      ON CONFLICT (member_a_id, member_b_id) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons,
        detected_at = now(), detected_by_job_id = EXCLUDED.detected_by_job_id
      WHERE duplicate_candidate.status = 'open'
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM scored)::int AS pairs, (SELECT count(*) FROM inserted)::int AS candidates`.execute(
    db,
  );
  return result.rows[0] ?? { pairs: 0, candidates: 0 };
}

/** Open candidates no longer found by a run that started at `since` (and never merged) leave the queue. */
export async function dropStaleCandidates(db: Kysely<DB>, since: Date): Promise<number> {
  const result = await sql`
    DELETE FROM duplicate_candidate d
    WHERE d.status = 'open' AND d.detected_at < ${since}
      AND NOT EXISTS (SELECT 1 FROM member_merge mm WHERE mm.candidate_id = d.id)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
