import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export interface GazetteerRow {
  code: string;
  kind: string;
  nameKm: string;
  nameLatin: string;
  nameUngegn: string | null;
}

/**
 * Area columns with the village's location class in effect on `onDate` and the number of
 * children; both are scalar subqueries, so they cost something only for the rows returned.
 */
function areaColumns(db: Db, onDate: string) {
  return db.selectFrom('area').select([
    'area.code',
    'area.level',
    'area.kind',
    'area.parent_code',
    'area.name_km',
    'area.name_latin',
    'area.retired_in_version_id',
    sql<string | null>`(SELECT vlc.location_class FROM village_location_class vlc
        WHERE vlc.village_code = area.code AND vlc.effective_from <= ${onDate}::date
        ORDER BY vlc.effective_from DESC LIMIT 1)`.as('location_class'),
    sql<number>`(SELECT count(*) FROM area c WHERE c.parent_code = area.code)`.as('child_count'),
  ]);
}

export type AreaRow = Awaited<ReturnType<typeof findArea>> & object;

export async function findArea(db: Db, code: string, onDate: string) {
  return areaColumns(db, onDate).where('area.code', '=', code).executeTakeFirst();
}

export async function findAreas(db: Db, codes: string[], onDate: string) {
  if (codes.length === 0) return [];
  return areaColumns(db, onDate).where('area.code', 'in', codes).orderBy('area.code').execute();
}

export async function findChildren(db: Db, parentCode: string | null, onDate: string) {
  const query = areaColumns(db, onDate).orderBy('area.code');
  return (
    parentCode === null
      ? query.where('area.parent_code', 'is', null)
      : query.where('area.parent_code', '=', parentCode)
  ).execute();
}

/** Areas down to `maxLevel`, for the tree endpoint. */
export async function findUpToLevel(db: Db, maxLevel: number, onDate: string) {
  return areaColumns(db, onDate).where('area.level', '<=', maxLevel).orderBy('area.code').execute();
}

/**
 * Name search in either script, or by code prefix. Latin is matched case-insensitively and
 * ranked by trigram similarity; Khmer by substring (Khmer has no case).
 */
export async function searchAreas(
  db: Db,
  options: {
    q: string;
    level?: number | undefined;
    limit: number;
    scopePrefixes: string[] | null;
    onDate: string;
  },
) {
  const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let query = areaColumns(db, options.onDate)
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['area.name_latin']), 'like', pattern.toLowerCase()),
        eb('area.name_km', 'like', pattern),
        eb('area.code', 'like', `${options.q}%`),
      ]),
    )
    .orderBy(sql`similarity(lower(area.name_latin), ${options.q.toLowerCase()})`, 'desc')
    .orderBy('area.level')
    .orderBy('area.code')
    .limit(options.limit);
  if (options.level !== undefined) query = query.where('area.level', '=', options.level);
  if (options.scopePrefixes !== null) {
    const prefixes = options.scopePrefixes;
    if (prefixes.length === 0) return [];
    query = query.where((eb) => eb.or(prefixes.map((p) => eb('area.code', 'like', `${p}%`))));
  }
  return query.execute();
}

export async function locationClassHistory(db: Db, villageCode: string) {
  return db
    .selectFrom('village_location_class')
    .selectAll()
    .where('village_code', '=', villageCode)
    .orderBy('effective_from', 'desc')
    .execute();
}

export async function latestGazetteerVersion(db: Db) {
  return db
    .selectFrom('gazetteer_version')
    .selectAll()
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Loads a gazetteer version in three statements: the version row, an upsert of every unit
 * (one INSERT over unnest'ed arrays), and retirement of codes the version no longer has.
 */
export async function loadGazetteerVersion(
  trx: Transaction<DB>,
  version: { label: string; effectiveFrom: string; source: string },
  rows: GazetteerRow[],
) {
  const created = await trx
    .insertInto('gazetteer_version')
    .values({ label: version.label, effective_from: version.effectiveFrom, source: version.source })
    .returning('id')
    .executeTakeFirstOrThrow();
  const col = <K extends keyof GazetteerRow>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO area (code, level, parent_code, kind, name_km, name_latin, name_ungegn, first_version_id)
    SELECT u.code, length(u.code) / 2,
           CASE WHEN length(u.code) = 2 THEN NULL ELSE left(u.code, length(u.code) - 2) END,
           u.kind, u.name_km, u.name_latin, nullif(u.name_ungegn, ''), ${created.id}
    FROM unnest(${col('code')}::text[], ${col('kind')}::text[], ${col('nameKm')}::text[],
                ${col('nameLatin')}::text[], ${rows.map((r) => r.nameUngegn ?? '')}::text[])
         AS u(code, kind, name_km, name_latin, name_ungegn)
    ON CONFLICT (code) DO UPDATE SET
      kind = EXCLUDED.kind, name_km = EXCLUDED.name_km, name_latin = EXCLUDED.name_latin,
      name_ungegn = EXCLUDED.name_ungegn, retired_in_version_id = NULL`.execute(trx);
  const retired = await trx
    .updateTable('area')
    .set({ retired_in_version_id: created.id })
    .where('retired_in_version_id', 'is', null)
    .where('code', 'not in', (eb) =>
      eb.selectFrom(sql`unnest(${col('code')}::text[])`.as('u')).select(sql<string>`u`.as('code')),
    )
    .executeTakeFirst();
  return { versionId: created.id, retired: Number(retired.numUpdatedRows) };
}

/**
 * First location class of villages that have none: villages in a sangkat of Phnom Penh are
 * Phnom Penh urban, in any other sangkat other urban, in a khum rural. An admin corrects
 * individual villages afterwards, each change dated.
 */
export async function seedLocationClasses(trx: Transaction<DB>, effectiveFrom: string) {
  const result = await sql`
    INSERT INTO village_location_class (village_code, location_class, effective_from, reason, set_by)
    SELECT v.code,
           CASE WHEN c.kind = 'sangkat' AND left(v.code, 2) = '12' THEN 'phnom_penh_urban'
                WHEN c.kind = 'sangkat' THEN 'other_urban'
                ELSE 'rural' END,
           ${effectiveFrom}::date,
           'Initial class from the commune type (sangkat = urban, khum = rural)',
           'system'
    FROM area v JOIN area c ON c.code = v.parent_code
    WHERE v.level = 4
      AND NOT EXISTS (SELECT 1 FROM village_location_class x WHERE x.village_code = v.code)`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
