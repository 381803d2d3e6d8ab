import {
  ZAssessment,
  ZAssessmentRequest,
  ZAtRiskHousehold,
  ZAtRiskQuery,
  ZCreateAssessmentRequest,
  ZRecordAssessmentRequest,
  ZVillageCode,
  ZVillageHousehold,
} from '@mlob/contracts';
import { z } from 'zod';
import { notFound } from '../../platform/errors';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { isAreaInScope } from '../../platform/scope';
import { todayInCambodia } from '../geography';
import { assessmentPolicies as policies } from './assessment.policy';
import { presentAssessment, presentRequest } from './assessment.presenter';
import { probeAssessment } from './assessment.probes';
import { villageHouseholds } from './assessments.repo';
import { getAssessment, recordAssessment, requestAssessment } from './assessments.service';
import { findAtRisk } from './at-risk.repo';
import { ruleValue } from './cards.repo';

const tags = ['assessment'];

/** On-demand requests, interviews with their score explanation, and at-risk households. */
export function assessmentsRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/assessment/households',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description:
          'Households of a village in scope, for choosing whom to assess (head, members, active card).',
        querystring: z.object({ villageCode: ZVillageCode }),
        response: { 200: z.object({ items: z.array(ZVillageHousehold) }) },
      },
    },
    async (request) => {
      const { villageCode } = request.query;
      if (!isAreaInScope(actorOf(request).scope, villageCode)) throw notFound(`Village ${villageCode}`);
      const rows = await villageHouseholds(database.db, villageCode);
      return {
        items: rows.map((r) => ({
          householdId: r.id,
          householdRef: r.household_ref,
          headNameKm: r.head_name_km,
          memberCount: Number(r.member_count),
          activeCardId: r.card_id,
          activeCardLevel: r.card_level === 1 || r.card_level === 2 ? (r.card_level as 1 | 2) : null,
        })),
      };
    },
  );

  app.post(
    '/api/assessment/requests',
    {
      config: { policy: policies.request },
      schema: {
        tags,
        description:
          'An on-demand assessment requested through a village chief, commune councillor or officer.',
        body: ZCreateAssessmentRequest,
        response: { 201: ZAssessmentRequest },
      },
    },
    async (request, reply) => {
      const row = await requestAssessment({
        database,
        audit: auditContextOf(request),
        request: request.body,
      });
      return reply.status(201).send(presentRequest(row));
    },
  );

  app.post(
    '/api/assessment/assessments',
    {
      config: { policy: policies.record },
      schema: {
        tags,
        description:
          'Records an interview (round or on-demand) and scores it; answers computed from members are filled in.',
        body: ZRecordAssessmentRequest,
        response: { 201: ZAssessment },
      },
    },
    async (request, reply) => {
      const id = await recordAssessment({ database, audit: auditContextOf(request), input: request.body });
      const detail = await getAssessment({ database, actor: actorOf(request), id });
      return reply.status(201).send(presentAssessment(detail.row, detail.answers, detail.explanation));
    },
  );

  app.get(
    '/api/assessment/assessments/:id',
    {
      config: {
        policy: policies.read,
        scopeProbe: async ({ database: db, villageCode }) => ({
          method: 'GET',
          url: `/api/assessment/assessments/${(await probeAssessment(db, villageCode)).assessmentId}`,
        }),
      },
      schema: {
        tags,
        description:
          'An assessment with its explanation: points per answer, adjustments, the deciding cut-off.',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZAssessment },
      },
    },
    async (request) => {
      const detail = await getAssessment({ database, actor: actorOf(request), id: request.params.id });
      return presentAssessment(detail.row, detail.answers, detail.explanation);
    },
  );

  app.get(
    '/api/assessment/at-risk',
    {
      config: { policy: policies.atRisk },
      schema: {
        tags,
        description:
          'Near-poor households: just above the level-2 cut-off (margin from the rules, or given) with vulnerability categories.',
        querystring: ZAtRiskQuery,
        response: { 200: z.object({ margin: z.number().int(), items: z.array(ZAtRiskHousehold) }) },
      },
    },
    async (request) => {
      const onDate = todayInCambodia();
      const margin = request.query.margin ?? (await ruleValue(database.db, 'at_risk_margin', onDate));
      const items = await findAtRisk(database.db, {
        scope: actorOf(request).scope,
        areaCode: request.query.areaCode,
        margin,
        onDate,
        limit: request.query.limit,
      });
      return { margin, items };
    },
  );
}
