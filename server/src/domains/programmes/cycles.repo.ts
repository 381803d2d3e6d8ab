import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

export interface CategoryColumn {
  componentId: number;
  /** Compiled member condition over alias `pm` (programme_member_facts). */
  condition: RawBuilder<boolean>;
}

/**
 * Writes a cycle's frozen beneficiary snapshot in one statement: every household enrolled
 * in the programme, active in the registry, with its location class on `onDate`, its active
 * card's level, its active members and the members in each benefit category, priced from
 * the version's benefit rows (each matching row adds amount × multiplier). Households no row
 * prices are left out (counted by the caller). Returns the inserted count.
 */
export async function insertSnapshot(
  trx: Transaction<DB>,
  options: {
    cycleId: string;
    programmeId: string;
    versionId: string;
    onDate: string;
    categories: CategoryColumn[];
  },
): Promise<number> {
  const { categories } = options;
  const catColumns = categories.map(
    (c) =>
      sql`count(*) FILTER (WHERE pm.household_id IS NOT NULL AND ${c.condition})::int AS ${sql.ref(`cat_${c.componentId}`)}`,
  );
  const catCase =
    categories.length === 0
      ? sql`0`
      : sql`CASE bc.id ${sql.join(
          categories.map((c) => sql`WHEN ${c.componentId} THEN agg.${sql.ref(`cat_${c.componentId}`)}`),
          sql` `,
        )} ELSE 0 END`;
  const multiplier = sql`(CASE bc.component WHEN 'household' THEN 1 WHEN 'per_member' THEN agg.member_count ELSE ${catCase} END)`;
  const catTotal =
    categories.length === 0
      ? sql`0`
      : sql.join(
          categories.map((c) => sql`agg.${sql.ref(`cat_${c.componentId}`)}`),
          sql` + `,
        );
  const result = await sql`
    INSERT INTO cycle_beneficiary (cycle_id, household_id, household_ref, village_code, location_class, poverty_level,
      member_count, category_count, amount_riel, has_unconfirmed_amount, recipient_name, phone)
    WITH agg AS (
      SELECT e.household_id, hh.household_ref, hh.village_code, cls.location_class, card.level AS poverty_level,
        hh.phones[1] AS household_phone, count(pm.household_id)::int AS member_count
        ${categories.length === 0 ? sql`` : sql`, ${sql.join(catColumns)}`}
      FROM enrolment e
      JOIN household hh ON hh.id = e.household_id AND hh.status = 'active'
      LEFT JOIN (
        SELECT DISTINCT ON (c.village_code) c.village_code, c.location_class
        FROM village_location_class c WHERE c.effective_from <= ${options.onDate}::date
        ORDER BY c.village_code, c.effective_from DESC
      ) cls ON cls.village_code = hh.village_code
      LEFT JOIN equity_card card ON card.household_id = e.household_id AND card.status = 'active'
      LEFT JOIN programme_member_facts pm ON pm.household_id = e.household_id
      WHERE e.programme_id = ${options.programmeId}::uuid AND e.state = 'enrolled'
      GROUP BY e.household_id, hh.household_ref, hh.village_code, cls.location_class, card.level, hh.phones[1]
    ), priced AS (
      SELECT agg.household_id, agg.household_ref, agg.village_code, agg.location_class, agg.poverty_level,
        agg.household_phone, agg.member_count, ${catTotal} AS category_count,
        sum(bc.amount_riel::bigint * ${multiplier}) AS amount,
        bool_or(NOT bc.is_confirmed AND ${multiplier} > 0) AS has_unconfirmed
      FROM agg
      JOIN benefit_component bc ON bc.programme_version_id = ${options.versionId}::uuid
        AND (bc.location_class IS NULL OR bc.location_class = agg.location_class)
        AND (bc.poverty_level IS NULL OR bc.poverty_level = agg.poverty_level)
      GROUP BY agg.household_id, agg.household_ref, agg.village_code, agg.location_class, agg.poverty_level,
        agg.household_phone, agg.member_count ${categories.length === 0 ? sql`` : sql`, ${sql.join(categories.map((c) => sql`agg.${sql.ref(`cat_${c.componentId}`)}`))}`}
    )
    SELECT ${options.cycleId}::uuid, p.household_id, p.household_ref, p.village_code, p.location_class, p.poverty_level,
      p.member_count, p.category_count, p.amount::int, p.has_unconfirmed,
      coalesce(head.family_name_km || ' ' || head.given_name_km, p.household_ref), coalesce(head.phone, p.household_phone)
    FROM priced p
    LEFT JOIN member head ON head.household_id = p.household_id AND head.relation_to_head = 'head' AND head.status = 'active'
    WHERE p.amount > 0`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** Enrolled households at the moment of preparation (to report the unpriced ones). */
export async function countEnrolled(trx: Transaction<DB>, programmeId: string): Promise<number> {
  const row = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM enrolment e JOIN household hh ON hh.id = e.household_id
    WHERE e.programme_id = ${programmeId}::uuid AND e.state = 'enrolled' AND hh.status = 'active'`.execute(
    trx,
  );
  return row.rows[0]?.n ?? 0;
}

export async function snapshotTotals(trx: Transaction<DB>, cycleId: string) {
  const row = await sql<{ households: number; members: number; total: number; unconfirmed: number }>`
    SELECT count(*)::int AS households, coalesce(sum(member_count), 0)::int AS members,
      coalesce(sum(amount_riel), 0)::bigint AS total, count(*) FILTER (WHERE has_unconfirmed_amount)::int AS unconfirmed
    FROM cycle_beneficiary WHERE cycle_id = ${cycleId}::uuid`.execute(trx);
  return row.rows[0]!;
}
