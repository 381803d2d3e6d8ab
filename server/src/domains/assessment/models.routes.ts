import {
  ZCreateRoundRequest,
  ZJob,
  ZLoadModelRequest,
  ZModelDetail,
  ZModelSummary,
  ZRescoreRequest,
  ZRound,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { presentJob } from '../../platform/jobs/jobs.presenter';
import { enqueueJob } from '../../platform/jobs/jobs.service';
import { assessmentPolicies as policies } from './assessment.policy';
import { presentModelSummary, presentRound } from './assessment.presenter';
import { findRound, listRounds } from './assessments.repo';
import { createRound } from './assessments.service';
import { getModel, listModels, loadQuestionnaire, loadScoringModel } from './models.service';

const tags = ['assessment'];

/** Scoring models and questionnaires (versioned data), rounds, and re-scoring runs. */
export function modelsRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/assessment/models',
    {
      config: { policy: policies.readModels },
      schema: { tags, response: { 200: z.object({ items: z.array(ZModelSummary) }) } },
    },
    async () => ({ items: (await listModels(database.db)).map(presentModelSummary) }),
  );

  app.get(
    '/api/assessment/models/:id',
    {
      config: { policy: policies.readModels },
      schema: {
        tags,
        description: 'A scoring model version with its questionnaire (what the entry screen renders).',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: ZModelDetail },
      },
    },
    async (request) => {
      const loaded = await getModel(database.db, request.params.id);
      const summary = (await listModels(database.db)).find((m) => m.id === loaded.id)!;
      return {
        ...presentModelSummary(summary),
        definition: loaded.model,
        questionnaire: loaded.questionnaire,
      };
    },
  );

  app.post(
    '/api/assessment/models',
    {
      config: { policy: policies.loadModel },
      schema: {
        tags,
        description:
          'Loads a new scoring model version (and optionally its new questionnaire). Validated in full: every question covered, cut-offs ordered. Versions are never edited.',
        body: ZLoadModelRequest,
        response: { 201: z.object({ id: z.number().int(), questionnaireId: z.number().int().nullable() }) },
      },
    },
    async (request, reply) => {
      const audit = auditContextOf(request);
      const result = await database.db.transaction().execute(async (trx) => {
        const q = request.body.questionnaire
          ? await loadQuestionnaire(trx, audit, request.body.questionnaire, 'questionnaire')
          : null;
        const m = await loadScoringModel(trx, audit, request.body.model, 'model');
        return { id: m.id, questionnaireId: q?.id ?? null };
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/assessment/rounds',
    {
      config: { policy: policies.readRounds },
      schema: { tags, response: { 200: z.object({ items: z.array(ZRound) }) } },
    },
    async () => ({ items: (await listRounds(database.db)).map(presentRound) }),
  );

  app.post(
    '/api/assessment/rounds',
    {
      config: { policy: policies.manageRounds },
      schema: { tags, body: ZCreateRoundRequest, response: { 201: ZRound } },
    },
    async (request, reply) => {
      const id = await createRound({ database, audit: auditContextOf(request), round: request.body });
      const row =
        (await listRounds(database.db)).find((r) => r.id === id) ?? (await findRound(database.db, id))!;
      return reply
        .status(201)
        .send(presentRound({ village_count: request.body.villageCodes.length, ...row }));
    },
  );

  app.post(
    '/api/assessment/rescore',
    {
      config: { policy: policies.rescore },
      schema: {
        tags,
        description:
          "Re-scores a round, or every assessment on the model's questionnaire, as a job with progress.",
        body: ZRescoreRequest,
        response: { 202: ZJob },
      },
    },
    async (request, reply) => {
      const job = await enqueueJob({
        database,
        actor: actorOf(request),
        kind: 'assessment.score',
        params: { modelVersionId: request.body.modelVersionId, roundId: request.body.roundId ?? null },
      });
      ctx.pokeJobs();
      return reply.status(202).send(presentJob(job));
    },
  );
}
