import type { Database } from '../../db/database';
import { daysFromTodayInCambodia, todayInCambodia } from '../geography';
import { newCardNumber } from './card-number';
import { POOR_RURAL } from './testing/answers';
import { insertHousehold } from './testing/households';

/**
 * Data for the route matrix's scope probes (config.scopeProbe): an assessment, a village
 * list at a given step, an objection or a card, in the village the matrix names. Written
 * with plain inserts so each probe costs a few statements.
 */

export async function probeAssessment(database: Database, villageCode: string) {
  const { db } = database;
  const { householdId } = await insertHousehold(database, { villageCode });
  const model = await db
    .selectFrom('scoring_model_version')
    .select(['id', 'questionnaire_version_id'])
    .where('code', '=', 'illustrative-rural-2026')
    .executeTakeFirstOrThrow();
  const request = await db
    .insertInto('assessment_request')
    .values({
      household_id: householdId,
      village_code: villageCode,
      requested_via: 'officer',
      requester_name: 'probe',
      reason: 'scope probe',
      status: 'assessed',
      created_by: 'probe',
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
      interviewer_name: 'probe',
      interviewed_on: todayInCambodia(),
      answers: JSON.stringify(POOR_RURAL),
      recorded_by: 'probe',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('assessment_score')
    .values({
      assessment_id: assessment.id,
      model_version_id: model.id,
      base_points: 20,
      adjustment: 0,
      score: 20,
      level: 2,
    })
    .execute();
  return { householdId, assessmentId: assessment.id };
}

export type ProbeListStep = 'draft' | 'displayed' | 'closed' | 'approved' | 'published';

/** A list with one household at level 2; 'closed' is displayed with the objection period over. */
export async function probeList(database: Database, villageCode: string, step: ProbeListStep) {
  const { db } = database;
  const { householdId, assessmentId } = await probeAssessment(database, villageCode);
  const status = step === 'closed' ? 'displayed' : step;
  const list = await db
    .insertInto('village_list')
    .values({
      village_code: villageCode,
      round_id: null,
      status,
      objection_until:
        step === 'draft'
          ? null
          : step === 'displayed'
            ? daysFromTodayInCambodia(14)
            : daysFromTodayInCambodia(-1),
      created_by: 'probe',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('village_list_entry')
    .values({
      list_id: list.id,
      household_id: householdId,
      assessment_id: assessmentId,
      score: 20,
      proposed_level: 2,
      final_level: 2,
    })
    .execute();
  return { listId: list.id, householdId, assessmentId };
}

export async function probeObjection(database: Database, villageCode: string) {
  const { listId, householdId } = await probeList(database, villageCode, 'displayed');
  const row = await database.db
    .insertInto('list_objection')
    .values({
      list_id: listId,
      household_id: householdId,
      lodged_by_name: 'probe',
      reason: 'scope probe',
      requested_level: 1,
      recorded_by: 'probe',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An active card; `isWarned` backdates a warning past any warning period. */
export async function probeCard(database: Database, villageCode: string, isWarned = false) {
  const { listId, householdId, assessmentId } = await probeList(database, villageCode, 'published');
  const row = await database.db
    .insertInto('equity_card')
    .values({
      card_number: newCardNumber(villageCode.slice(0, 2)),
      household_id: householdId,
      village_code: villageCode,
      level: 2,
      valid_from: todayInCambodia(),
      valid_until: daysFromTodayInCambodia(365),
      list_id: listId,
      assessment_id: assessmentId,
      issued_by: 'probe',
      warning_at: isWarned ? new Date(Date.now() - 400 * 86_400_000) : null,
      warning_reason: isWarned ? 'scope probe' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
