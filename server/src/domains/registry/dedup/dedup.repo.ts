import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../../db/schema';

/**
 * Blocks larger than this are too common to tell people apart and would make the number of
 * compared pairs grow quadratically; their members still meet through their other keys.
 */
export const MAX_BLOCK = 50;

/**
 * Khmer signs that are often left out or typed differently (muusikatoan, triisap, bantoc,
 * robat, toandakhiat, kakabat, ahsda, samyok sannya, yuukaleapintu): a name without them is its
 * skeleton, which blocks and weighs a spelling variant as near the name.
 */
const OPTIONAL_SIGNS = sql.lit('\u17C9\u17CA\u17CB\u17CC\u17CD\u17CE\u17CF\u17D0\u17D1');

/** Below this age (in years, from the birth year) a person counts as a child for the age comparison. */
export const ADULT_AGE = 16;

/** Households per name chunk: a chunk is a set of whole districts, one transaction each. */
const HOUSEHOLDS_PER_CHUNK = 100_000;

/** Working tables of one run live in their own schema, so concurrent runs never collide. */
export function runSchema(runId: string): string {
  const safe = runId.toLowerCase().replace(/[^0-9a-z]/g, '');
  if (safe.length === 0) throw new Error('dedup run id is empty');
  return `dedup_run_${safe}`;
}

function t(schema: string, table: string): RawBuilder<unknown> {
  return sql.raw(`${schema}.${table}`);
}

export async function runExists(db: Kysely<DB>, schema: string): Promise<boolean> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM information_schema.tables
    WHERE table_schema = ${schema} AND table_name = 'stats'`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

export async function dropRun(db: Kysely<DB>, schema: string): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.raw(schema)} CASCADE`.execute(db);
}

/**
 * Step 1, set-based: a compact copy of every active member with the fields the comparison
 * needs, each assigned to a chunk of whole districts (name blocks never cross a district), and
 * the frequency tables the evidence is weighed with: how many people share a Khmer name and
 * sex, a birth year, an area, a national ID or a phone. Returns the number of name chunks.
 */
export async function prepareRun(
  db: Kysely<DB>,
  schema: string,
): Promise<{ chunks: number; people: number }> {
  await dropRun(db, schema);
  await sql`CREATE SCHEMA ${sql.raw(schema)}`.execute(db);
  const households = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household`.execute(db);
  const chunks = Math.max(1, Math.ceil((households.rows[0]?.n ?? 0) / HOUSEHOLDS_PER_CHUNK));
  // Districts in code order, cut into chunks of about equal household counts.
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'district')} AS
    SELECT d.district,
      floor((sum(d.n) OVER (ORDER BY d.district ROWS UNBOUNDED PRECEDING) - d.n) * ${sql.lit(chunks)} / greatest(1, tot.n))::int AS chunk
    FROM (SELECT left(village_code, 4) AS district, count(*) AS n FROM household GROUP BY 1) d,
      (SELECT count(*) AS n FROM household) tot`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'person')} AS
    SELECT m.id, m.household_id, h.village_code AS village, d.chunk, m.sex,
      m.name_km_key AS km, translate(m.name_km_key, ${OPTIONAL_SIGNS}, '') AS km_skeleton,
      -- The folded key is "family given": split it rather than fold 15 M names again.
      translate(substr(m.name_km_key, strpos(m.name_km_key, ' ') + 1), ${OPTIONAL_SIGNS}, '') AS given_skeleton,
      m.phonetic_key AS ph, m.family_name_latin IS NOT NULL AS has_family_latin,
      m.given_name_latin IS NOT NULL AS has_given_latin,
      m.birth_date, m.birth_precision AS precision, extract(year FROM m.birth_date)::int AS year,
      m.national_id, m.phone,
      -- Disability domains as one sorted value (NULL: none reported), chronic illness (NULL: unknown).
      CASE WHEN cardinality(m.disability) = 0 THEN NULL WHEN cardinality(m.disability) = 1 THEN m.disability[1]
        ELSE (SELECT string_agg(x, ';' ORDER BY x) FROM unnest(m.disability) x) END AS disability,
      m.chronic_illness AS chronic, m.relation_to_head = 'head' AS is_head
    FROM member m
    JOIN household h ON h.id = m.household_id
    JOIN ${t(schema, 'district')} d ON d.district = left(h.village_code, 4)
    WHERE m.status = 'active'
    ORDER BY d.chunk`.execute(db);
  await sql`CREATE INDEX ON ${t(schema, 'person')} (chunk)`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'name_freq')} AS
    SELECT km, sex, count(*)::int AS n FROM ${t(schema, 'person')} GROUP BY km, sex`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'skeleton_freq')} AS
    SELECT km_skeleton, sex, count(*)::int AS n FROM ${t(schema, 'person')} GROUP BY km_skeleton, sex`.execute(
    db,
  );
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'sound_freq')} AS
    SELECT ph, sex, count(*)::int AS n FROM ${t(schema, 'person')}
    WHERE has_family_latin AND has_given_latin GROUP BY ph, sex`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'year_freq')} AS
    SELECT year, count(*)::int AS n FROM ${t(schema, 'person')} WHERE year IS NOT NULL GROUP BY year`.execute(
    db,
  );
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'area')} AS
    WITH v AS (SELECT village, count(*)::int AS n FROM ${t(schema, 'person')} GROUP BY village)
    SELECT village AS code, n FROM v
    UNION ALL SELECT left(village, 6), sum(n)::int FROM v GROUP BY 1
    UNION ALL SELECT left(village, 4), sum(n)::int FROM v GROUP BY 1
    UNION ALL SELECT left(village, 2), sum(n)::int FROM v GROUP BY 1`.execute(db);
  // National IDs and phones held by two people or more: both a block and a weight (a phone a
  // whole family shares says less than one held by a single person).
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'shared')} AS
    SELECT 'n' || national_id AS key, count(*)::int AS n FROM ${t(schema, 'person')}
      WHERE national_id IS NOT NULL GROUP BY national_id HAVING count(*) > 1
    UNION ALL
    SELECT 't' || phone, count(*)::int FROM ${t(schema, 'person')}
      WHERE phone IS NOT NULL GROUP BY phone HAVING count(*) > 1`.execute(db);
  // Heads of household among people of each sex and birth year.
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'head_freq')} AS
    SELECT sex, year, count(*) FILTER (WHERE is_head)::int AS heads, count(*)::int AS n
    FROM ${t(schema, 'person')} GROUP BY sex, year`.execute(db);
  // How many people report each set of disability domains (and none), and each chronic illness answer.
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'attribute_freq')} AS
    SELECT 'd' AS kind, coalesce(disability, '') AS value, count(*)::int AS n FROM ${t(schema, 'person')} GROUP BY 2
    UNION ALL
    SELECT 'c', chronic::text, count(*)::int FROM ${t(schema, 'person')} WHERE chronic IS NOT NULL GROUP BY 2`.execute(
    db,
  );
  await sql`
    CREATE UNLOGGED TABLE ${t(schema, 'stats')} AS
    SELECT count(*)::int AS people,
      count(*) FILTER (WHERE sex = 'F')::int AS women, count(*) FILTER (WHERE sex = 'M')::int AS men,
      count(*) FILTER (WHERE disability IS NULL)::int AS no_disability,
      count(*) FILTER (WHERE year > extract(year FROM now())::int - ${sql.lit(ADULT_AGE)})::int AS children,
      count(*) FILTER (WHERE chronic IS NOT NULL)::int AS chronic_known
    FROM ${t(schema, 'person')}`.execute(db);
  for (const table of [
    'person',
    'district',
    'name_freq',
    'skeleton_freq',
    'year_freq',
    'area',
    'shared',
    'attribute_freq',
    'head_freq',
    'stats',
  ])
    await sql`ANALYZE ${t(schema, table)}`.execute(db);
  const stats = await sql<{ people: number }>`SELECT people FROM ${t(schema, 'stats')}`.execute(db);
  return { chunks, people: stats.rows[0]?.people ?? 0 };
}

/**
 * The people of one chunk and their blocking keys. Name chunks (0 … chunks-1): one key per
 * way a duplicate still looks alike, each with sex and birth year and inside the district: the
 * Khmer name without its optional signs, and the Latin phonetic key (for Khmer spellings that
 * differ beyond optional signs), each once more inside the commune: where a common name makes
 * the district's block too large to compare (more than MAX_BLOCK, as happens at national
 * density: at 16 M members 4.7 % of duplicates were never compared), its commune's block still
 * is. Keys on a part of the name (Khmer given name, Latin given
 * name, Khmer family name in the commune) were measured too: at 432 k members the given-name
 * key alone multiplied the compared pairs by 7 (4.8 k → 32.8 k, and quadratically with
 * density) and none of them found one more duplicate at the threshold: a pair that shares only
 * part of a name cannot reach it without an ID or a phone, which have their own blocks. The
 * last chunk: national ID and phone, across the country.
 */
export function chunkKeys(schema: string, chunk: number, nameChunks: number) {
  // A key is a 64-bit hash of one name form, seeded with its kind, sex, birth year and area:
  // no long strings are built, and grouping integers is fast. A collision (about one in 10^19)
  // only adds one more comparison.
  const key = (kind: number, value: string, areaLength: 4 | 6) =>
    sql.raw(`CASE WHEN p.year IS NOT NULL THEN hashtextextended(${value},
      ((${kind} * 2 + (p.sex = 'F')::int) * 10000 + p.year)::bigint * 1000000 + left(p.village, ${areaLength})::bigint) END`);
  if (chunk < nameChunks) {
    return {
      people: sql`SELECT * FROM ${t(schema, 'person')} WHERE chunk = ${sql.lit(chunk)}`,
      keys: sql`ARRAY[
        ${key(1, 'p.km_skeleton', 4)},
        CASE WHEN p.has_family_latin AND p.has_given_latin THEN ${key(2, 'p.ph', 4)} END,
        ${key(1, 'p.km_skeleton', 6)},
        CASE WHEN p.has_family_latin AND p.has_given_latin THEN ${key(2, 'p.ph', 6)} END
      ]`,
    };
  }
  return {
    people: sql`SELECT p.* FROM ${t(schema, 'person')} p
      WHERE p.national_id IN (SELECT substr(key, 2) FROM ${t(schema, 'shared')} WHERE key LIKE 'n%' AND n <= ${sql.lit(MAX_BLOCK)})
         OR p.phone IN (SELECT substr(key, 2) FROM ${t(schema, 'shared')} WHERE key LIKE 't%' AND n <= ${sql.lit(MAX_BLOCK)})`,
    keys: sql`ARRAY[hashtextextended(p.national_id, 1), hashtextextended(p.phone, 2)]`,
  };
}
