import type { VulnerabilityCategory } from '@mlob/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Scope } from '../../platform/scope';

type Db = Kysely<DB> | Transaction<DB>;

function scopeSql(scope: Scope, areaCode: string | undefined) {
  const parts = [];
  if (areaCode) parts.push(sql`a.village_code LIKE ${`${areaCode}%`}`);
  switch (scope.kind) {
    case 'national':
      break;
    case 'areas':
      parts.push(
        scope.areaCodes.length === 0
          ? sql`false`
          : sql`(${sql.join(
              scope.areaCodes.map((c) => sql`a.village_code LIKE ${`${c}%`}`),
              sql` OR `,
            )})`,
      );
      break;
    case 'facility':
    case 'lab':
    case 'school':
      parts.push(sql`false`);
      break;
  }
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` AND `);
}

/**
 * At-risk (near-poor) households, set-based: each household's latest assessment, scored
 * above its model's level-2 cut-off by at most `margin` points, with at least one
 * vulnerability category among its active members on `onDate`. Birth dates known only to
 * the year count from 1 January of that year.
 */
export async function findAtRisk(
  db: Db,
  options: { scope: Scope; areaCode?: string | undefined; margin: number; onDate: string; limit: number },
) {
  const d = options.onDate;
  const result = await sql<{
    household_id: string;
    household_ref: string;
    village_code: string;
    score: number;
    level2_cutoff: number;
    disability: boolean;
    child_under_2: boolean;
    aged_60_plus: boolean;
    female_head: boolean;
    single_woman_head: boolean;
    only_under_18: boolean;
  }>`
    WITH latest AS (
      SELECT DISTINCT ON (a.household_id) a.id, a.household_id, a.village_code, a.model_version_id
      FROM assessment a
      WHERE ${scopeSql(options.scope, options.areaCode)}
      ORDER BY a.household_id, a.interviewed_on DESC, a.created_at DESC
    ), near AS (
      SELECT l.household_id, l.village_code, s.score, m.level2_cutoff
      FROM latest l
      JOIN assessment_score s ON s.assessment_id = l.id AND s.model_version_id = l.model_version_id
      JOIN scoring_model_version m ON m.id = l.model_version_id
      WHERE s.score > m.level2_cutoff AND s.score <= m.level2_cutoff + ${options.margin}::int
    ), cats AS (
      SELECT n.household_id, n.village_code, n.score, n.level2_cutoff,
        bool_or(cardinality(mb.disability) > 0) AS disability,
        coalesce(bool_or(mb.birth_date > ${d}::date - interval '2 years'), false) AS child_under_2,
        coalesce(bool_or(mb.birth_date <= ${d}::date - interval '60 years'), false) AS aged_60_plus,
        bool_or(mb.relation_to_head = 'head' AND mb.sex = 'F') AS female_head,
        bool_or(mb.relation_to_head = 'head' AND mb.sex = 'F')
          AND NOT bool_or(mb.relation_to_head = 'spouse') AS single_woman_head,
        bool_and(coalesce(mb.birth_date > ${d}::date - interval '18 years', false)) AS only_under_18
      FROM near n
      JOIN household h ON h.id = n.household_id AND h.status = 'active'
      JOIN member mb ON mb.household_id = n.household_id AND mb.status = 'active'
      GROUP BY n.household_id, n.village_code, n.score, n.level2_cutoff
    )
    SELECT c.*, h.household_ref
    FROM cats c JOIN household h ON h.id = c.household_id
    WHERE c.disability OR c.child_under_2 OR c.aged_60_plus OR c.female_head OR c.only_under_18
    ORDER BY c.village_code, c.score, h.household_ref
    LIMIT ${options.limit}`.execute(db);
  const CATEGORIES: VulnerabilityCategory[] = [
    'disability',
    'child_under_2',
    'aged_60_plus',
    'female_head',
    'single_woman_head',
    'only_under_18',
  ];
  return result.rows.map((r) => ({
    householdId: r.household_id,
    householdRef: r.household_ref,
    villageCode: r.village_code,
    score: Number(r.score),
    level2Cutoff: Number(r.level2_cutoff),
    categories: CATEGORIES.filter((c) => r[c]),
  }));
}
