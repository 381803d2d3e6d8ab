import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../../db/schema';
import { ADULT_AGE, chunkKeys, MAX_BLOCK } from './dedup.repo';

/**
 * The comparisons two records are judged on, each with its levels and, per level, the share of
 * true duplicates expected there (the m-probabilities of Fellegi–Sunter record linkage). These
 * are starting assumptions only: every run re-estimates them from the registry's own compared
 * pairs (expectation–maximisation, `estimateAgreement`), so a registry whose re-registrations
 * move further away, or keep their dates more often, teaches the score so. How often each level
 * is reached by chance between two different people (u) is never assumed: it is counted in the
 * registry (how many people share this Khmer name and sex, this birth year, this area, this ID or
 * phone). Each level then weighs log2(m / u) bits; see docs/registry.md.
 *
 * A birth level is `<precision>:<agreement>`: its m is a share among pairs compared at that
 * precision (both full dates; a month at least on one side; a year only on one side), just as its
 * chance rate is, so learning that re-registrations often carry only a year does not make a year
 * match count as a full date match.
 */
export const COMPARISONS = {
  name: { exact: 0.8, variant: 0.08, sound: 0.05, similar: 0.03, other: 0.04 },
  sex: { same: 0.98, other: 0.02 },
  birth: {
    'day:same': 0.85,
    'day:typo': 0.02,
    'day:next': 0.03,
    'day:far': 0.005,
    'month:same': 0.9,
    'month:typo': 0.02,
    'month:next': 0.03,
    'month:far': 0.005,
    'year:same': 0.95,
    'year:next': 0.03,
    'year:far': 0.005,
  },
  place: { village: 0.2, commune: 0.3, district: 0.2, province: 0.15, far: 0.15 },
  id: { same: 0.95, other: 0.02 },
  phone: { same: 0.4, other: 0.6 },
  /**
   * The younger record's age group (a child: under ADULT_AGE). Who is registered twice depends on
   * age (people who move for work re-register; children are listed with their family), so the
   * share of duplicates that are children is learnt like any m; by chance it is the share of
   * children in the registry.
   */
  age: { child: 0.2, adult: 0.8 },
  /**
   * Whether one of the two heads a household. A person registered twice is often registered
   * once as a member of the family they grew up in and once as the head of their own household;
   * the share is learnt. By chance: from the share of heads among people of that sex and year.
   */
  head: { head: 0.5, member: 0.5 },
  /** Compared when at least one of the two reports a disability domain. */
  disability: { same: 0.7, one: 0.25, other: 0.05 },
  /** Compared when both answered the chronic illness question. */
  chronic: { same: 0.9, other: 0.1 },
} as const;

export type Comparison = keyof typeof COMPARISONS;
export const COMPARED = Object.keys(COMPARISONS) as Comparison[];
/** m per comparison and level. */
export type Agreement = { [C in Comparison]: Record<string, number> };

/** Share of registrations that repeat a person already registered (the prior odds). */
export const DUPLICATE_RATE = 0.01;

/**
 * The assumed m's count as this many reviewed duplicates when the registry's pairs re-estimate
 * them: a test or a pilot village with a handful of duplicates keeps the assumptions, a registry
 * with thousands learns its own.
 */
const ASSUMED_DUPLICATES = 50;
/** Re-estimation stops when no level's weight moves by more than this many bits, or after MAX_ROUNDS. */
const SETTLED_BITS = 0.01;
/**
 * Only pairs already more likely one person than not teach the m's. Below, the namesakes of a
 * common name are many and each a little likely: twenty men named Sok Dara born the same year
 * in one commune, each pair 26 % likely in a small registry, would count as fifty duplicates
 * with different national IDs and teach the score that different IDs are common among
 * duplicates, which raises the namesakes further (EM's known drift towards a large cluster of
 * near-misses).
 */
const LEARN_FROM = 0.5;
const MAX_ROUNDS = 30;

/** The part of a level its m is a share of (birth levels: the precision compared at). */
const partOf = (comparison: Comparison, level: string): string =>
  comparison === 'birth' ? (level.split(':')[0] ?? '') : '';

/** The starting assumptions, each comparison's m's summing to one within a part. */
export function assumedAgreement(): Agreement {
  const result = {} as Agreement;
  for (const [comparison, levels] of Object.entries(COMPARISONS) as [Comparison, Record<string, number>][]) {
    const totals = new Map<string, number>();
    for (const [level, m] of Object.entries(levels))
      totals.set(partOf(comparison, level), (totals.get(partOf(comparison, level)) ?? 0) + m);
    result[comparison] = Object.fromEntries(
      Object.entries(levels).map(([level, m]) => [level, m / (totals.get(partOf(comparison, level)) ?? 1)]),
    );
  }
  return result;
}

/**
 * The national structure the chance rates are smoothed towards, so a small registry (a test, a
 * pilot province) does not read "2 of 10 people share this name" as a common name: counts get
 * PSEUDO_PEOPLE extra people spread as in the country (a typical full name is one person's in
 * 5,000; a birth year one in 70; about 14,000 villages, 1,650 communes, 200 districts, 25
 * provinces). At national scale the registry's own counts dominate.
 */
const PSEUDO_PEOPLE = 10_000;
const NATION = {
  names: 5_000,
  years: 70,
  villages: 14_000,
  communes: 1_650,
  districts: 200,
  provinces: 25,
  /** A given set of disability domains: about one person in 100 (5 % report any, over a few sets). */
  disabilitySets: 100,
  /** A chronic illness answer: about one in 2 of those who answered. */
  chronicAnswers: 2,
};

/** log2 of a value, in bits. */
const log2 = (value: RawBuilder<unknown>) => sql`(ln((${value})::float8) / ln(2::float8))`;

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
/** Similar Khmer letters are far more common by chance: siblings and cousins share a family name and a syllable. */
const SIMILAR_SPREAD = 30;
const uYear = smoothed(sql`f.year_n - 1`, NATION.years);

/**
 * The comparison of every pair of the chunk's dedup_pairs, as stored in the run's `pairs`
 * table: the level reached on each comparison (NULL: nothing to compare, such as a missing
 * date or ID) and `w_chance`, the prior odds and every level's chance rate in bits
 * (log2 prior − Σ log2 u). A pair's weight is then w_chance + Σ log2 m(level).
 */
export function comparedPairs(schema: string): RawBuilder<unknown> {
  const s = (table: string) => sql.raw(`${schema}.${table}`);
  return sql`
    WITH facts AS MATERIALIZED (
      SELECT pr.a_id, pr.b_id, st.people::float8 AS total,
        CASE WHEN a.sex = 'F' THEN st.women ELSE st.men END::float8 AS same_sex_total,
        CASE WHEN a.km = b.km THEN 'exact'
          WHEN a.km_skeleton = b.km_skeleton THEN 'variant'
          WHEN a.has_family_latin AND b.has_family_latin AND a.ph = b.ph THEN 'sound'
          WHEN similarity(a.km, b.km) >= 0.5 AND similarity(a.given_skeleton, b.given_skeleton) >= 0.5 THEN 'similar'
          ELSE 'other' END AS name_l,
        a.has_family_latin AND b.has_family_latin AND a.ph = b.ph AS is_same_sound,
        greatest(fa.n, coalesce(fb.n, 1))::float8 AS name_n,
        coalesce(fa.n, 1)::float8 AS own_name_n,
        coalesce(fs.n, 1)::float8 AS skeleton_n,
        coalesce(fp.n, 1)::float8 AS sound_n,
        CASE WHEN a.sex = b.sex THEN 'same' ELSE 'other' END AS sex_l,
        CASE WHEN a.birth_date IS NULL OR b.birth_date IS NULL THEN NULL
          ELSE CASE WHEN a.precision = 'day' AND b.precision = 'day' THEN 'day'
              WHEN 'year' IN (a.precision, b.precision) THEN 'year' ELSE 'month' END
            || ':' || CASE
              WHEN a.year <> b.year THEN CASE WHEN abs(a.year - b.year) = 1 THEN 'next' ELSE 'far' END
              WHEN 'year' IN (a.precision, b.precision) THEN 'same'
              WHEN a.precision = 'day' AND b.precision = 'day' THEN
                CASE WHEN a.birth_date = b.birth_date THEN 'same' ELSE 'typo' END
              WHEN date_trunc('month', a.birth_date) = date_trunc('month', b.birth_date) THEN 'same'
              ELSE 'typo' END
        END AS birth_l,
        coalesce(yf.n, 1)::float8 AS year_n,
        CASE WHEN a.village = b.village THEN 'village'
          WHEN left(a.village, 6) = left(b.village, 6) THEN 'commune'
          WHEN left(a.village, 4) = left(b.village, 4) THEN 'district'
          WHEN left(a.village, 2) = left(b.village, 2) THEN 'province' ELSE 'far' END AS place_l,
        av.n::float8 AS village_n, ac.n::float8 AS commune_n, ad.n::float8 AS district_n, ap.n::float8 AS province_n,
        CASE WHEN a.national_id IS NULL OR b.national_id IS NULL THEN NULL
          WHEN a.national_id = b.national_id THEN 'same' ELSE 'other' END AS id_l,
        sid.n::float8 AS id_n,
        CASE WHEN a.phone IS NULL OR b.phone IS NULL THEN NULL
          WHEN a.phone = b.phone THEN 'same' ELSE 'other' END AS phone_l,
        sph.n::float8 AS phone_n,
        CASE WHEN a.year IS NULL OR b.year IS NULL THEN NULL
          WHEN greatest(a.year, b.year) > extract(year FROM now())::int - ${sql.lit(ADULT_AGE)} THEN 'child'
          ELSE 'adult' END AS age_l,
        st.children::float8 AS children,
        CASE WHEN a.is_head OR b.is_head THEN 'head' ELSE 'member' END AS head_l,
        -- Share of heads among people of this sex and birth year (smoothed towards one in five).
        ((coalesce(hf.heads, 0) + 1)::float8 / (coalesce(hf.n, 0) + 5)) AS head_share,
        CASE WHEN a.disability IS NULL AND b.disability IS NULL THEN NULL
          WHEN a.disability = b.disability THEN 'same'
          WHEN a.disability IS NULL OR b.disability IS NULL THEN 'one' ELSE 'other' END AS disability_l,
        coalesce(fd.n, 0)::float8 AS disability_n, st.no_disability::float8 AS no_disability,
        CASE WHEN a.chronic IS NULL OR b.chronic IS NULL THEN NULL
          WHEN a.chronic = b.chronic THEN 'same' ELSE 'other' END AS chronic_l,
        coalesce(fc.n, 0)::float8 AS chronic_n, st.chronic_known::float8 AS chronic_known
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
      LEFT JOIN ${s('head_freq')} hf ON hf.sex = a.sex AND hf.year = a.year
      LEFT JOIN ${s('attribute_freq')} fd ON fd.kind = 'd' AND fd.value = coalesce(a.disability, b.disability)
      LEFT JOIN ${s('attribute_freq')} fc ON fc.kind = 'c' AND fc.value = b.chronic::text
    )
    SELECT f.a_id, f.b_id, f.name_l, f.sex_l, f.birth_l, f.place_l, f.id_l, f.phone_l, f.age_l, f.head_l,
      f.disability_l, f.chronic_l, f.is_same_sound, f.name_n, f.same_sex_total,
      ${log2(sql`2 * ${sql.lit(DUPLICATE_RATE)} / (f.total + ${sql.lit(PSEUDO_PEOPLE)})`)} AS w_prior,
      -${log2(sql`CASE f.name_l WHEN 'exact' THEN ${uName} WHEN 'variant' THEN ${uSkeleton}
          WHEN 'sound' THEN ${uSound} WHEN 'similar' THEN ${sql.lit(SIMILAR_SPREAD)} * ${uName} ELSE 1 END`)} AS name_u,
      -${log2(sql`0.5`)} AS sex_u,
      -${log2(sql`CASE split_part(f.birth_l, ':', 2)
          WHEN 'same' THEN ${uYear} / CASE split_part(f.birth_l, ':', 1) WHEN 'day' THEN 365 WHEN 'month' THEN 12 ELSE 1 END
          WHEN 'typo' THEN ${uYear} WHEN 'next' THEN 2 * ${uYear} ELSE 1 END`)} AS birth_u,
      -${log2(sql`CASE f.place_l
          WHEN 'village' THEN ${smoothed(sql`f.village_n - 1`, NATION.villages)}
          WHEN 'commune' THEN ${smoothed(sql`f.commune_n - f.village_n`, NATION.communes)}
          WHEN 'district' THEN ${smoothed(sql`f.district_n - f.commune_n`, NATION.districts)}
          WHEN 'province' THEN ${smoothed(sql`f.province_n - f.district_n`, NATION.provinces)}
          ELSE ${smoothed(sql`f.total - f.province_n`, 1)} END`)} AS place_u,
      -${log2(sql`CASE f.id_l WHEN 'same' THEN ${smoothed(sql`coalesce(f.id_n, 2) - 1`, null)} ELSE 1 END`)} AS id_u,
      -${log2(sql`CASE f.phone_l WHEN 'same' THEN ${smoothed(sql`coalesce(f.phone_n, 2) - 1`, null)} ELSE 1 END`)} AS phone_u,
      -${log2(sql`CASE f.age_l WHEN 'child' THEN (f.children + 1) / (f.total + 2)
          ELSE (f.total - f.children + 1) / (f.total + 2) END`)} AS age_u,
      -- Chance that neither of two people of this sex and birth year heads a household, or that one does.
      -${log2(sql`CASE f.head_l WHEN 'member' THEN power(1 - f.head_share, 2) ELSE 1 - power(1 - f.head_share, 2) END`)} AS head_u,
      -- Chance that someone else reports the same set / none / another set; the same or the other chronic answer.
      -${log2(sql`CASE f.disability_l
          WHEN 'same' THEN ${smoothed(sql`f.disability_n - 1`, NATION.disabilitySets)}
          WHEN 'one' THEN ${smoothed(sql`f.no_disability`, 1)}
          WHEN 'other' THEN ${smoothed(sql`f.total - f.no_disability - f.disability_n`, 20)} ELSE 1 END`)} AS disability_u,
      -${log2(sql`CASE WHEN f.chronic_l IS NOT NULL THEN
          (greatest(0, f.chronic_n - 1) + ${sql.lit(PSEUDO_PEOPLE / NATION.chronicAnswers)})::float8 / (f.chronic_known + ${sql.lit(PSEUDO_PEOPLE)})
          ELSE 1 END`)} AS chronic_u
    FROM facts f`;
}

/**
 * Each stored pair with its probability of being one person under the m's in the run's
 * `agreement` table: prior + Σ over comparisons of log2 m(level) − log2 u. `comparisons`
 * leaves some out (bench/registry-dedup-eval.ts measures what each one adds).
 */
export function scoredPairs(
  schema: string,
  comparisons: readonly Comparison[] = COMPARED,
): RawBuilder<unknown> {
  const t = (table: string) => sql.raw(`${schema}.${table}`);
  const m = (c: Comparison) => sql.raw(`m_${c}`);
  const weight = sql.join(
    comparisons.map((c) => sql`coalesce(${sql.ref(`p.${c}_u`)} + ${m(c)}.bits, 0)`),
    sql` + `,
  );
  const joins = sql.join(
    comparisons.map(
      (c) =>
        sql`LEFT JOIN ${t('agreement')} ${m(c)} ON ${m(c)}.comparison = ${sql.lit(c)} AND ${m(c)}.level = ${sql.ref(`p.${c}_l`)}`,
    ),
    sql` `,
  );
  return sql`
    SELECT p.*, 1 / (1 + power(2::float8, -least(60, greatest(-60, p.w_prior + ${weight})))) AS score
    FROM ${t('pairs')} p ${joins}`;
}

/** Creates the run's `pairs` table (every compared pair, once) and `agreement` (the m's in use). */
export async function createPairTables(db: Kysely<DB>, schema: string): Promise<void> {
  const t = (table: string) => sql.raw(`${schema}.${table}`);
  await sql`
    CREATE UNLOGGED TABLE ${t('pairs')} (
      a_id uuid NOT NULL, b_id uuid NOT NULL,
      ${sql.join(COMPARED.map((c) => sql.raw(`${c}_l text`)))},
      is_same_sound boolean, name_n float8, same_sex_total float8, w_prior float8 NOT NULL,
      ${sql.join(COMPARED.map((c) => sql.raw(`${c}_u float8`)))},
      PRIMARY KEY (a_id, b_id))`.execute(db);
  await sql`CREATE UNLOGGED TABLE ${t('agreement')} (comparison text, level text, bits float8 NOT NULL, PRIMARY KEY (comparison, level))`.execute(
    db,
  );
}

/**
 * Compares every pair of members that share a key in one chunk (blocks of at most MAX_BLOCK
 * members, distinct pairs) and stores each comparison in the run's `pairs` table; a pair met
 * in a name chunk and again through its ID or phone is kept once.
 */
export async function compareChunk(
  db: Kysely<DB>,
  options: { schema: string; chunk: number; nameChunks: number },
): Promise<number> {
  await buildChunkPairs(db, options);
  const result = await sql`
    INSERT INTO ${sql.raw(`${options.schema}.pairs`)} (a_id, b_id, ${sql.join(COMPARED.map((c) => sql.raw(`${c}_l`)))},
      is_same_sound, name_n, same_sex_total, w_prior, ${sql.join(COMPARED.map((c) => sql.raw(`${c}_u`)))})
    ${comparedPairs(options.schema)}
    ON CONFLICT (a_id, b_id) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Puts `agreement` in the run's `agreement` table, the m's scores are computed with. */
export async function setAgreement(db: Kysely<DB>, schema: string, agreement: Agreement): Promise<void> {
  const rows = (Object.entries(agreement) as [Comparison, Record<string, number>][]).flatMap(
    ([comparison, levels]) =>
      Object.entries(levels).map(
        ([level, m]) => sql`(${comparison}, ${level}, ${Math.log2(Math.max(m, Number.MIN_VALUE))}::float8)`,
      ),
  );
  await sql`DELETE FROM ${sql.raw(`${schema}.agreement`)}`.execute(db);
  await sql`INSERT INTO ${sql.raw(`${schema}.agreement`)} (comparison, level, bits) VALUES ${sql.join(rows)}`.execute(
    db,
  );
}

/**
 * Re-estimates the m's from the registry's own compared pairs (expectation–maximisation, as in
 * Fellegi–Sunter record linkage without training data): each pair counts at its levels in
 * proportion to its probability of being one person, the counts become the new m's (with the
 * assumed m's weighing as ASSUMED_DUPLICATES duplicates), and the probabilities are computed
 * again, until the weights settle. Chance rates (u) stay counted, the prior stays as assumed:
 * only how true duplicates look is learnt. Leaves the result in the run's `agreement` table.
 */
export async function estimateAgreement(
  db: Kysely<DB>,
  schema: string,
  learnFrom: number = LEARN_FROM,
  comparisons: readonly Comparison[] = COMPARED,
): Promise<{ agreement: Agreement; rounds: number }> {
  // One pass over every compared pair per round: group in memory, no JIT for a short statement.
  await sql`SET LOCAL work_mem = '256MB'`.execute(db);
  await sql`SET LOCAL jit = off`.execute(db);
  const assumed = assumedAgreement();
  let agreement = assumed;
  let rounds = 0;
  for (; rounds < MAX_ROUNDS; rounds++) {
    await setAgreement(db, schema, agreement);
    const expected = await sql<{ comparison: Comparison; level: string; n: number }>`
      WITH post AS MATERIALIZED (SELECT * FROM (${scoredPairs(schema, comparisons)}) p WHERE p.score >= ${sql.lit(learnFrom)})
      ${sql.join(
        comparisons.map(
          (c) =>
            sql`SELECT ${sql.lit(c)} AS comparison, ${sql.ref(`${c}_l`)} AS level, sum(score)::float8 AS n
              FROM post WHERE ${sql.ref(`${c}_l`)} IS NOT NULL GROUP BY 2`,
        ),
        sql` UNION ALL `,
      )}`.execute(db);
    const counts = new Map(expected.rows.map((r) => [`${r.comparison}|${r.level}`, Number(r.n)]));
    const next = {} as Agreement;
    let moved = 0;
    for (const comparison of Object.keys(assumed) as Comparison[]) {
      const levels = Object.keys(assumed[comparison]);
      const partTotal = new Map<string, number>();
      for (const level of levels) {
        const part = partOf(comparison, level);
        partTotal.set(part, (partTotal.get(part) ?? 0) + (counts.get(`${comparison}|${level}`) ?? 0));
      }
      next[comparison] = Object.fromEntries(
        levels.map((level) => {
          const start = assumed[comparison][level] ?? 0;
          const m =
            ((counts.get(`${comparison}|${level}`) ?? 0) + ASSUMED_DUPLICATES * start) /
            ((partTotal.get(partOf(comparison, level)) ?? 0) + ASSUMED_DUPLICATES);
          moved = Math.max(moved, Math.abs(Math.log2(m) - Math.log2(agreement[comparison][level] ?? m)));
          return [level, m];
        }),
      );
    }
    agreement = next;
    if (moved < SETTLED_BITS) break;
  }
  await setAgreement(db, schema, agreement);
  return { agreement, rounds: rounds + 1 };
}

/**
 * Writes the pairs whose probability of being one person reaches `threshold` as open
 * candidates with their reasons, in one statement; decided candidates are left alone.
 */
export async function writeCandidates(
  db: Kysely<DB>,
  options: { schema: string; threshold: number; jobId: string | null },
): Promise<number> {
  const result = await sql`
    INSERT INTO duplicate_candidate (member_a_id, member_b_id, score, reasons, detected_by_job_id)
    SELECT w.a_id, w.b_id, w.score, array_remove(ARRAY[
        CASE w.name_l WHEN 'exact' THEN 'same_khmer_name' WHEN 'variant' THEN 'khmer_spelling_variant'
          WHEN 'similar' THEN 'similar_khmer_name' END,
        CASE WHEN w.is_same_sound THEN 'same_latin_sound' END,
        CASE WHEN w.name_l = 'exact' AND w.name_n <= 3 THEN 'rare_name'
          WHEN w.name_l = 'exact' AND w.name_n * 2000 > w.same_sex_total THEN 'common_name' END,
        'birth_' || CASE WHEN w.birth_l IS NULL THEN 'unknown'
          WHEN split_part(w.birth_l, ':', 2) <> 'same' THEN 'different'
          ELSE CASE split_part(w.birth_l, ':', 1) WHEN 'day' THEN 'exact' WHEN 'month' THEN 'same_month' ELSE 'same_year' END END,
        CASE w.id_l WHEN 'same' THEN 'same_national_id' WHEN 'other' THEN 'different_national_id' END,
        CASE WHEN w.phone_l = 'same' THEN 'same_phone' END,
        CASE w.disability_l WHEN 'same' THEN 'same_disability' WHEN 'other' THEN 'different_disability' END,
        CASE WHEN w.chronic_l = 'other' THEN 'different_chronic_illness' END,
        'near_' || w.place_l
      ], NULL), ${options.jobId}::uuid
    FROM (${scoredPairs(options.schema)}) w WHERE w.score >= ${options.threshold}
    ON CONFLICT (member_a_id, member_b_id) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons,
      detected_at = now(), detected_by_job_id = EXCLUDED.detected_by_job_id
    WHERE duplicate_candidate.status = 'open'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The temporary tables of one chunk (its transaction): dedup_people, dedup_keys and
 * dedup_pairs (distinct pairs sharing a key in a block of at most MAX_BLOCK members).
 */
export async function buildChunkPairs(
  db: Kysely<DB>,
  options: { schema: string; chunk: number; nameChunks: number },
): Promise<void> {
  const chunk = chunkKeys(options.schema, options.chunk, options.nameChunks);
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
}

/** Open candidates no longer found by a run that started at `since` (and never merged) leave the queue. */
export async function dropStaleCandidates(db: Kysely<DB>, since: Date): Promise<number> {
  const result = await sql`
    DELETE FROM duplicate_candidate d
    WHERE d.status = 'open' AND d.detected_at < ${since}
      AND NOT EXISTS (SELECT 1 FROM member_merge mm WHERE mm.candidate_id = d.id)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
