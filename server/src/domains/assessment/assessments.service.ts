import type {
  Answers,
  RecordAssessmentRequest,
  Setting,
  ZCreateAssessmentRequest,
  ZCreateRoundRequest,
} from '@mlob/contracts';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { notFound } from '../../platform/errors';
import { isAreaInScope } from '../../platform/scope';
import * as repo from './assessments.repo';
import { validateAnswers } from './model-validation';
import { getModel, type LoadedModel, latestModelFor } from './models.service';
import { refused } from './refusals';
import { scoreSet } from './scoring.repo';
import { explainScore } from './scoring-explain';

/** Creates a round, numbered after the last round of its setting (rural and urban count apart). */
export async function createRound(options: {
  database: Database;
  audit: AuditContext;
  round: z.infer<typeof ZCreateRoundRequest>;
}) {
  const { round } = options;
  if (round.endsOn < round.startsOn)
    throw refused('validation_failed', 'round_ends_before_start', {
      path: ['endsOn'],
      detailMessage: 'must be on or after startsOn',
    });
  return options.database.db.transaction().execute(async (trx) => {
    const model = await getModel(trx, round.modelVersionId);
    if (model.setting !== round.setting)
      throw refused('validation_failed', 'model_wrong_setting', {
        args: { code: model.code, setting: model.setting },
        path: ['modelVersionId'],
        detailMessage: `not a ${round.setting} model`,
      });
    const villages = [...new Set(round.villageCodes)];
    const known = await trx
      .selectFrom('area')
      .select('code')
      .where('code', 'in', villages)
      .where('level', '=', 4)
      .execute();
    const knownSet = new Set(known.map((k) => k.code));
    const unknown = villages.filter((v) => !knownSet.has(v));
    if (unknown.length > 0)
      throw refused('validation_failed', 'unknown_villages', {
        details: unknown
          .slice(0, 50)
          .map((v) => ({ path: ['villageCodes'], message: 'unknown village', value: v })),
      });
    const number = await repo.nextRoundNumber(trx, round.setting);
    const row = await trx
      .insertInto('assessment_round')
      .values({
        setting: round.setting,
        number,
        title: round.title,
        starts_on: round.startsOn,
        ends_on: round.endsOn,
        questionnaire_version_id: model.questionnaireVersionId,
        model_version_id: model.id,
        card_valid_months: round.cardValidMonths,
        created_by: options.audit.actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('assessment_round_village')
      .values(villages.map((v) => ({ round_id: row.id, village_code: v })))
      .execute();
    await recordAudit(trx, options.audit, {
      action: 'assessment.round.create',
      entityType: 'assessment_round',
      entityId: row.id,
      after: { setting: round.setting, number, model: model.code, villages: villages.length },
    });
    return row.id;
  });
}

/** Records an on-demand request for a household in the actor's scope. */
export async function requestAssessment(options: {
  database: Database;
  audit: AuditContext;
  request: z.infer<typeof ZCreateAssessmentRequest>;
}) {
  const { request, audit } = options;
  return options.database.db.transaction().execute(async (trx) => {
    const household = await repo.findHouseholdInScope(trx, request.householdId, audit.actor.scope);
    if (!household) throw notFound(`Household ${request.householdId}`);
    const row = await trx
      .insertInto('assessment_request')
      .values({
        household_id: household.id,
        village_code: household.village_code,
        requested_via: request.requestedVia,
        requester_name: request.requesterName,
        reason: request.reason,
        created_by: audit.actor.name,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: 'assessment.request.create',
      entityType: 'assessment_request',
      entityId: row.id,
      after: { householdId: household.id, requestedVia: request.requestedVia },
      reason: request.reason,
    });
    return row;
  });
}

/**
 * Records an interview: finds the questionnaire and model (the round's, or for an on-demand
 * request the one asked for or the latest of the village's setting), fills the answers
 * computed from the members, checks every answer, stores it, and scores it with the same
 * set-based SQL a re-scoring run uses.
 */
export async function recordAssessment(options: {
  database: Database;
  audit: AuditContext;
  input: RecordAssessmentRequest;
}) {
  const { input, audit } = options;
  return options.database.db.transaction().execute(async (trx) => {
    const household = await repo.findHouseholdInScope(trx, input.householdId, audit.actor.scope);
    if (household?.status !== 'active') throw notFound(`Household ${input.householdId}`);
    const setting = await repo.villageSetting(trx, household.village_code, input.interviewedOn);
    let model: LoadedModel;
    if (input.roundId) {
      const round = await repo.findRound(trx, input.roundId);
      if (!round) throw notFound(`Round ${input.roundId}`);
      if (!(await repo.isVillageInRound(trx, round.id, household.village_code)))
        throw refused('conflict', 'round_not_in_village', {
          args: { round: round.number, village: household.village_code },
        });
      if (input.interviewedOn < round.starts_on || input.interviewedOn > round.ends_on)
        throw refused('validation_failed', 'interview_outside_round', {
          path: ['interviewedOn'],
          detailMessage: `between ${round.starts_on} and ${round.ends_on}`,
        });
      model = await getModel(trx, round.model_version_id);
    } else {
      const request = await repo.findOpenRequest(trx, input.requestId!, household.id);
      if (!request) throw notFound(`Request ${input.requestId}`);
      if (request.status !== 'open')
        throw refused('conflict', 'request_not_open', { args: { id: request.id, status: request.status } });
      model = input.modelVersionId
        ? await getModel(trx, input.modelVersionId)
        : await latestModelFor(trx, (setting ?? 'rural') as Setting);
    }
    if (setting && model.setting !== setting)
      throw refused('conflict', 'village_model_setting', {
        args: { village: household.village_code, setting, code: model.code, model_setting: model.setting },
      });
    const facts = await repo.memberFacts(trx, household.id, input.interviewedOn);
    const computed: Answers = {
      member_count: facts.members,
      dependant_count: facts.dependants,
      dependency_ratio_pct: facts.members === 0 ? 0 : Math.round((100 * facts.dependants) / facts.members),
    };
    const withComputed: Answers = { ...input.answers };
    for (const q of model.questionnaire.questions) {
      if (q.type === 'number' && q.computed) withComputed[q.key] = computed[q.computed]!;
    }
    const answers = validateAnswers(model.questionnaire, withComputed);
    const row = await trx
      .insertInto('assessment')
      .values({
        household_id: household.id,
        village_code: household.village_code,
        round_id: input.roundId ?? null,
        request_id: input.requestId ?? null,
        questionnaire_version_id: model.questionnaireVersionId,
        model_version_id: model.id,
        interviewer_name: input.interviewerName,
        interviewed_on: input.interviewedOn,
        answers: JSON.stringify(answers),
        recorded_by: audit.actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await scoreSet(trx, model, { assessmentIds: [row.id] });
    if (input.requestId)
      await trx
        .updateTable('assessment_request')
        .set({ status: 'assessed' })
        .where('id', '=', input.requestId)
        .execute();
    const explanation = explainScore(model.model, model.questionnaire, answers);
    await recordAudit(trx, audit, {
      action: 'assessment.record',
      entityType: 'assessment',
      entityId: row.id,
      after: {
        householdId: household.id,
        model: model.code,
        score: explanation.score,
        level: explanation.level,
      },
    });
    return row.id;
  });
}

/** An assessment in scope with its per-answer explanation under its own model. */
export async function getAssessment(options: { database: Database; actor: Actor; id: string }) {
  const { db } = options.database;
  const row = await repo.findAssessmentInScope(db, options.id, options.actor.scope);
  if (!row || !isAreaInScope(options.actor.scope, row.village_code))
    throw notFound(`Assessment ${options.id}`);
  const model = await getModel(db, row.model_version_id);
  const answers = row.answers as Answers;
  return { row, answers, explanation: explainScore(model.model, model.questionnaire, answers) };
}
