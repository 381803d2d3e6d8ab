import { randomBytes } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database';
import { stageTable } from './import-files';

/** Khmer names: Khmer letters, signs and zero-width characters, with spaces. */
export const KHMER_NAME = `'^[\u1780-\u17FF\u19E0-\u19FF\u200B\u200C\u200D ]+$'`;
/** Latin names: a letter, then letters, spaces, dots, apostrophes and hyphens. */
export const LATIN_NAME = `'^[A-Za-z][A-Za-z .''-]*$'`;

/**
 * Memory for one import statement's hashes and sorts. On PostgreSQL a national file's 15.6 M
 * member references (the duplicate check) and 3.6 M households (joins) fit in 1 GB, where
 * 256 MB spilled them to disk in batches. PGlite's 32-bit heap keeps 256 MB.
 */
export function importWorkMem(database: Database): string {
  return database.engine === 'postgres' ? '1GB' : '256MB';
}

/** The derived tables of a run, beside its staging tables. */
export function derivedTables(runId: string) {
  const h = stageTable(runId, 'households');
  const m = stageTable(runId, 'members');
  return {
    /** Distinct names of the file, cleaned, checked and folded once each. */
    names: `${m}_n`,
    /** Distinct birth dates of the file, parsed once each. */
    dates: `${m}_d`,
    /** Valid households, numbered into batches, with their final values and ids. */
    households: `${h}_ok`,
    /** Members of valid households with their final values, keys, ids and batch. */
    members: `${m}_c`,
  };
}

/**
 * Builds the per-run dictionaries of distinct names and birth dates. A national file has
 * 15.6 M members but only thousands of distinct names and tens of thousands of distinct
 * dates, so the regex-heavy cleaning, script checks and key folding run once per distinct
 * value instead of once per row (and once in all, shared by validation and writing).
 */
export async function buildDictionaries(database: Database, runId: string): Promise<void> {
  const m = stageTable(runId, 'members');
  const t = derivedTables(runId);
  await database.execScript(
    `DROP TABLE IF EXISTS ${t.names}, ${t.dates};
     CREATE UNLOGGED TABLE ${t.names} AS
       SELECT x.v, c.clean, x.v !~ ${KHMER_NAME} AS is_not_khmer, btrim(x.v) !~ ${LATIN_NAME} AS is_not_latin,
         registry_fold_km(c.clean) AS km_key, registry_fold_latin(c.clean) AS latin_key,
         registry_phonetic_word(replace(c.clean, ' ', '')) AS phonetic
       FROM (SELECT DISTINCT unnest(ARRAY[family_name_km, given_name_km, family_name_latin, given_name_latin]) AS v FROM ${m}) x
       CROSS JOIN LATERAL (SELECT registry_clean_name(x.v) AS clean) c
       WHERE x.v IS NOT NULL;
     CREATE UNIQUE INDEX ON ${t.names} (v);
     CREATE UNLOGGED TABLE ${t.dates} AS
       SELECT x.v, registry_partial_date(x.v) AS birth_date, registry_date_precision(x.v) AS birth_precision,
         (length(x.v) NOT IN (4, 7, 10) OR translate(x.v, '0123456789', '') NOT IN ('', '-', '--')
           OR (length(x.v) > 4 AND substr(x.v, 5, 1) <> '-') OR (length(x.v) = 10 AND substr(x.v, 8, 1) <> '-')) AS is_bad_format
       FROM (SELECT DISTINCT birth_date AS v FROM ${m}) x WHERE x.v IS NOT NULL;
     CREATE UNIQUE INDEX ON ${t.dates} (v);
     ANALYZE ${t.names}; ANALYZE ${t.dates};`,
  );
}

/** 17 hex digits: milliseconds now, the UUID version 7, 12 random bits, the variant. */
function orderedUuidPrefix(): string {
  return `${Date.now().toString(16).padStart(12, '0').slice(-12)}7${randomBytes(2).toString('hex').slice(0, 3)}8`;
}

/**
 * Decides which staged households are valid (no issue names them), numbers them into
 * batches in file order, and writes out every value to be stored (with their phones, and
 * time-ordered ids for the ones that are new). Returns how many valid households there are
 * and whether every one of them, and every member the file gives them, is new to the registry.
 */
export async function planHouseholds(
  database: Database,
  runId: string,
  batchSize: number,
): Promise<{ households: number; batches: number; isAllNew: boolean }> {
  const h = stageTable(runId, 'households');
  const t = derivedTables(runId);
  await database.execScript(
    `BEGIN;
     SET LOCAL work_mem = '${importWorkMem(database)}';
     DROP TABLE IF EXISTS ${t.households};
     CREATE UNLOGGED TABLE ${t.households} AS
       SELECT s.household_ref, ((row_number() OVER (ORDER BY s.row_no)) - 1) / ${batchSize} AS batch,
         coalesce(e.id, registry_ordered_uuid('${orderedUuidPrefix()}', s.row_no)) AS household_id, e.id IS NULL AS is_new,
         s.village_code, nullif(btrim(s.address), '') AS address,
         CASE WHEN s.phone IS NULL THEN '{}'::text[] ELSE coalesce((SELECT array_agg(registry_normalize_phone(p))
           FROM unnest(string_to_array(s.phone, ';')) p WHERE registry_normalize_phone(p) IS NOT NULL), '{}') END AS phones
       FROM ${h} s LEFT JOIN household e ON e.household_ref = s.household_ref
       WHERE s.household_ref IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM import_issue i WHERE i.import_run_id = '${runId}' AND i.household_ref = s.household_ref);
     CREATE INDEX ON ${t.households} (batch);
     COMMIT;
     ANALYZE ${t.households};`,
  );
  const row = await sql<{ households: number; batches: number; isAllNew: boolean }>`
    SELECT (SELECT count(*) FROM ${sql.table(t.households)})::int AS households,
      (SELECT coalesce(max(batch) + 1, 0) FROM ${sql.table(t.households)})::int AS batches,
      NOT ${anyReferenceTaken(runId)} AS "isAllNew"`.execute(database.db);
  return row.rows[0] ?? { households: 0, batches: 0, isAllNew: true };
}

/**
 * Whether a planned household or a staged member of the run is already in the registry: the
 * test that decides an all-new run (planHouseholds) and that the at-once write repeats under
 * its lock. A boolean SQL expression.
 */
export function anyReferenceTaken(runId: string): RawBuilder<boolean> {
  const t = derivedTables(runId);
  return sql<boolean>`(EXISTS (SELECT 1 FROM ${sql.table(t.households)} k JOIN household h ON h.household_ref = k.household_ref)
    OR EXISTS (SELECT 1 FROM ${sql.table(stageTable(runId, 'members'))} s JOIN member e ON e.member_ref = s.member_ref))`;
}

/**
 * The members of valid households with every value to be stored: cleaned names, parsed
 * dates, normalised phone, search keys (from the dictionaries), the planned household id,
 * the batch, and a time-ordered id for the rows that are new. Read once, set-based: either
 * written out for the batches (planMembers) or inserted at once (import-at-once.ts). `where`
 * narrows the staged members (`s`).
 */
export function plannedMembersSelect(
  runId: string,
  options: { isAllNew?: boolean; where?: string } = {},
): string {
  const m = stageTable(runId, 'members');
  const t = derivedTables(runId);
  // A run known to be all new (import-at-once.ts) has no stored member to look up.
  const existing = options.isAllNew
    ? { id: 'NULL::uuid', relation: 'NULL::text', join: '' }
    : {
        id: 'e.id',
        relation: 'e.relation_to_head',
        join: 'LEFT JOIN member e ON e.member_ref = s.member_ref',
      };
  return `SELECT k.batch, s.row_no, coalesce(${existing.id}, registry_ordered_uuid('${orderedUuidPrefix()}', s.row_no)) AS id,
         ${existing.id} IS NOT NULL AND ${existing.relation} = 'head' AS was_head, ${existing.id} IS NULL AS is_new,
         s.member_ref, s.household_ref, k.household_id, fk.clean AS family_name_km, gk.clean AS given_name_km,
         fl.clean AS family_name_latin, gl.clean AS given_name_latin, s.sex, d.birth_date, d.birth_precision,
         s.relation_to_head, nullif(btrim(s.national_id), '') AS national_id, registry_normalize_phone(s.phone) AS phone,
         CASE WHEN s.disability IS NULL THEN '{}'::text[] ELSE coalesce((SELECT array_agg(DISTINCT btrim(x))
           FROM unnest(string_to_array(s.disability, ';')) x WHERE btrim(x) <> ''), '{}') END AS disability,
         lower(s.chronic_illness)::boolean AS chronic_illness,
         -- Equal to the former generated columns: folding a family name and a given name
         -- apart and joining them with one space gives the fold of the joined name.
         btrim(fk.km_key || ' ' || gk.km_key) AS name_km_key,
         btrim(coalesce(fl.latin_key, '') || ' ' || coalesce(gl.latin_key, '')) AS name_latin_key,
         coalesce(fl.phonetic, '') || ' ' || coalesce(gl.phonetic, '') AS phonetic_key
       FROM ${m} s
       JOIN ${t.households} k ON k.household_ref = s.household_ref
       JOIN ${t.names} fk ON fk.v = s.family_name_km
       JOIN ${t.names} gk ON gk.v = s.given_name_km
       LEFT JOIN ${t.names} fl ON fl.v = s.family_name_latin
       LEFT JOIN ${t.names} gl ON gl.v = s.given_name_latin
       LEFT JOIN ${t.dates} d ON d.v = s.birth_date
       ${existing.join}
       ${options.where ? `WHERE ${options.where}` : ''}`;
}

/**
 * Writes out the planned members for the batches, indexed by batch; returns how many, and how
 * many are new to the registry. On PostgreSQL in one statement (its CREATE TABLE AS runs with
 * parallel workers). On PGlite batch by batch when `batches` is given, each its own
 * transaction: its one connection would otherwise be held for the whole plan (38 s at 100 k
 * households), and every request with it.
 */
export async function planMembers(
  database: Database,
  runId: string,
  options: { batches?: number } = {},
): Promise<{ members: number; newMembers: number }> {
  const t = derivedTables(runId);
  const inPieces = database.engine === 'pglite' && options.batches !== undefined;
  // Large hash joins (every member against every valid household) stay in memory.
  await database.execScript(
    `BEGIN;
     SET LOCAL work_mem = '${importWorkMem(database)}';
     DROP TABLE IF EXISTS ${t.members};
     CREATE UNLOGGED TABLE ${t.members} AS ${plannedMembersSelect(runId, inPieces ? { where: 'false' } : {})};
     COMMIT;`,
  );
  for (let batch = 0; inPieces && batch < (options.batches ?? 0); batch++) {
    await database.execScript(
      `INSERT INTO ${t.members} ${plannedMembersSelect(runId, { where: `k.batch = ${Number(batch)}` })};`,
    );
  }
  await database.execScript(`CREATE INDEX ON ${t.members} (batch); ANALYZE ${t.members};`);
  const row = await sql<{ members: number; newMembers: number }>`
    SELECT count(*)::int AS members, (count(*) FILTER (WHERE is_new))::int AS "newMembers"
    FROM ${sql.table(t.members)}`.execute(database.db);
  return row.rows[0] ?? { members: 0, newMembers: 0 };
}
