import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../../db/database';

export interface FixtureMember {
  sex: 'F' | 'M';
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other_relative';
  birthDate?: string | null;
  disability?: string[];
  isPregnant?: boolean;
  phone?: string | null;
}

export interface FixtureHousehold {
  villageCode: string;
  members?: FixtureMember[];
  /** An Equity Card for the household (status active unless given). */
  card?: { level: 1 | 2; status?: 'active' | 'expired' | 'revoked' | 'superseded' };
  /** An assessment scored just above the level-2 cut-off (near-poor: at risk with a female head). */
  isAtRisk?: boolean;
}

const FAMILY: FixtureMember[] = [
  { sex: 'F', relation: 'head', birthDate: '1980-03-01', phone: '012345678' },
  { sex: 'M', relation: 'spouse', birthDate: '1950-01-01' },
  { sex: 'F', relation: 'child', birthDate: '2022-06-15' },
];

/**
 * A household with members and (optionally) an Equity Card, written straight into the
 * registry and assessment tables (test data only, synthetic names). The card needs an
 * assessment and a published village list, which are made here too.
 */
export async function insertHousehold(database: Database, spec: FixtureHousehold) {
  const { db } = database;
  const tag = randomBytes(6).toString('hex');
  const change = await db
    .insertInto('registry_change')
    .values({
      kind: 'fixture',
      source: 'seed',
      actor_kind: 'system',
      actor_id: 'test',
      reason: 'test fixture',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const household = await db
    .insertInto('household')
    .values({ household_ref: `P-${tag}`, village_code: spec.villageCode, change_id: change.id })
    .returning(['id', 'household_ref'])
    .executeTakeFirstOrThrow();
  const members = spec.members ?? FAMILY;
  for (const [i, m] of members.entries()) {
    await db
      .insertInto('member')
      .values({
        member_ref: `P-${tag}-${i + 1}`,
        household_id: household.id,
        family_name_km: 'សុខ',
        given_name_km: `សមាជិក${i + 1}`,
        sex: m.sex,
        birth_date: m.birthDate ?? null,
        birth_precision: m.birthDate ? 'day' : null,
        relation_to_head: m.relation,
        disability: m.disability ?? [],
        is_pregnant: m.isPregnant ?? false,
        phone: m.phone ?? null,
        change_id: change.id,
      })
      .execute();
  }
  if (spec.card) await insertCard(database, household.id, spec.villageCode, spec.card);
  if (spec.isAtRisk) {
    const { assessmentId, modelId } = await insertAssessment(database, household.id, spec.villageCode);
    await sql`INSERT INTO assessment_score (assessment_id, model_version_id, base_points, adjustment, score, level)
      SELECT ${assessmentId}::uuid, m.id, m.level2_cutoff + 1, 0, m.level2_cutoff + 1, NULL
      FROM scoring_model_version m WHERE m.id = ${modelId}`.execute(database.db);
  }
  return { householdId: household.id, householdRef: household.household_ref };
}

async function insertAssessment(database: Database, householdId: string, villageCode: string) {
  const { db } = database;
  const model = await db
    .selectFrom('scoring_model_version')
    .select(['id', 'questionnaire_version_id'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const request = await db
    .insertInto('assessment_request')
    .values({
      household_id: householdId,
      village_code: villageCode,
      requested_via: 'officer',
      requester_name: 'fixture',
      reason: 'fixture',
      status: 'assessed',
      created_by: 'fixture',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const assessment = await db
    .insertInto('assessment')
    .values({
      household_id: householdId,
      village_code: villageCode,
      request_id: request.id,
      questionnaire_version_id: model.questionnaire_version_id,
      model_version_id: model.id,
      interviewer_name: 'fixture',
      interviewed_on: '2026-01-15',
      answers: JSON.stringify({}),
      recorded_by: 'fixture',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { assessmentId: assessment.id, modelId: model.id };
}

async function insertCard(
  database: Database,
  householdId: string,
  villageCode: string,
  card: NonNullable<FixtureHousehold['card']>,
) {
  const { db } = database;
  const { assessmentId } = await insertAssessment(database, householdId, villageCode);
  const list = await db
    .insertInto('village_list')
    .values({
      village_code: villageCode,
      round_id: null,
      status: 'published',
      objection_until: '2026-01-30',
      created_by: 'fixture',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const status = card.status ?? 'active';
  await db
    .insertInto('equity_card')
    .values({
      card_number: String(randomInt(10 ** 12, 10 ** 13 - 1)),
      household_id: householdId,
      village_code: villageCode,
      level: card.level,
      valid_from: '2026-01-01',
      valid_until: '2028-12-31',
      status,
      status_reason: status === 'active' ? null : 'fixture',
      warning_at: status === 'revoked' ? new Date() : null,
      list_id: list.id,
      assessment_id: assessmentId,
      issued_by: 'fixture',
    })
    .execute();
}

/** The location class in effect for a village today. */
export async function villageClass(database: Database, villageCode: string): Promise<string> {
  const row = await sql<{
    c: string;
  }>`SELECT location_class AS c FROM programme_village_class WHERE village_code = ${villageCode}`
    .execute(database.db)
    .then((r) => r.rows[0]);
  if (!row) throw new Error(`village ${villageCode} has no class`);
  return row.c;
}

/** A first Phnom Penh village (province 12) with the Phnom Penh urban class. */
export async function phnomPenhVillage(database: Database): Promise<string> {
  const row = await sql<{ v: string }>`SELECT village_code AS v FROM programme_village_class
    WHERE location_class = 'phnom_penh_urban' ORDER BY village_code LIMIT 1`
    .execute(database.db)
    .then((r) => r.rows[0]);
  if (!row) throw new Error('no Phnom Penh urban village');
  return row.v;
}
