import {
  ZApproveListRequest,
  ZDecideObjectionRequest,
  ZDisplayListRequest,
  ZDraftListRequest,
  ZObjectionRequest,
  ZVillageCode,
  ZVillageList,
  ZVillageListSummary,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import type { ScopeProbe } from '../../platform/policy';
import { daysFromTodayInCambodia } from '../geography';
import { assessmentPolicies as policies } from './assessment.policy';
import { presentList, presentListSummary } from './assessment.presenter';
import { type ProbeListStep, probeList, probeObjection } from './assessment.probes';
import { listListsInScope } from './lists.repo';
import * as lists from './lists.service';

const tags = ['assessment'];
const ZId = z.object({ id: z.uuid() });

function listProbe(
  step: ProbeListStep,
  method: 'GET' | 'POST',
  suffix: string,
  payload?: () => object,
): ScopeProbe {
  return async ({ database, villageCode }) => ({
    method,
    url: `/api/assessment/lists/${(await probeList(database, villageCode, step)).listId}${suffix}`,
    ...(payload ? { payload: payload() } : {}),
  });
}

/** Community validation: draft → displayed (objections) → approved → published. */
export function listsRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;
  const detail = async (actor: ReturnType<typeof actorOf>, id: string) => {
    const { list, entries, objections } = await lists.getList({ database, actor, id });
    return presentList(list, entries, objections);
  };

  app.post(
    '/api/assessment/lists',
    {
      config: { policy: policies.draftList },
      schema: {
        tags,
        description: 'Step 1: the draft village list from the scores.',
        body: ZDraftListRequest,
        response: { 201: ZVillageList },
      },
    },
    async (request, reply) => {
      const id = await lists.createDraftList({
        database,
        audit: auditContextOf(request),
        villageCode: request.body.villageCode,
        roundId: request.body.roundId ?? null,
      });
      return reply.status(201).send(await detail(actorOf(request), id));
    },
  );

  app.get(
    '/api/assessment/lists',
    {
      config: { policy: policies.readList },
      schema: {
        tags,
        querystring: z.object({ villageCode: ZVillageCode.optional() }),
        response: { 200: z.object({ items: z.array(ZVillageListSummary) }) },
      },
    },
    async (request) => {
      const rows = await listListsInScope(database.db, actorOf(request).scope, request.query.villageCode);
      return { items: rows.map(presentListSummary) };
    },
  );

  app.get(
    '/api/assessment/lists/:id',
    {
      config: { policy: policies.readList, scopeProbe: listProbe('draft', 'GET', '') },
      schema: { tags, params: ZId, response: { 200: ZVillageList } },
    },
    async (request) => detail(actorOf(request), request.params.id),
  );

  app.get(
    '/api/assessment/lists/:id/print.pdf',
    {
      config: { policy: policies.readList, scopeProbe: listProbe('displayed', 'GET', '/print.pdf') },
      schema: {
        tags,
        description: 'Step 2: the printable list (Khmer) to post in the village.',
        params: ZId,
      },
    },
    async (request, reply) => {
      const pdf = await lists.printList({ database, actor: actorOf(request), id: request.params.id });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="village-list-${request.params.id}.pdf"`)
        .send(pdf);
    },
  );

  app.post(
    '/api/assessment/lists/:id/display',
    {
      config: {
        policy: policies.displayList,
        scopeProbe: listProbe('draft', 'POST', '/display', () => ({
          objectionUntil: daysFromTodayInCambodia(14),
        })),
      },
      schema: {
        tags,
        description: 'Step 2: posted in the village; the objection period opens.',
        params: ZId,
        body: ZDisplayListRequest,
        response: { 200: ZVillageList },
      },
    },
    async (request) => {
      await lists.displayList({
        database,
        audit: auditContextOf(request),
        id: request.params.id,
        ...request.body,
      });
      return detail(actorOf(request), request.params.id);
    },
  );

  app.post(
    '/api/assessment/lists/:id/objections',
    {
      config: {
        policy: policies.recordObjection,
        scopeProbe: async ({ database: db, villageCode }) => {
          const { listId, householdId } = await probeList(db, villageCode, 'displayed');
          return {
            method: 'POST',
            url: `/api/assessment/lists/${listId}/objections`,
            payload: { householdId, lodgedByName: 'Neighbour', reason: 'Probe objection', requestedLevel: 1 },
          };
        },
      },
      schema: {
        tags,
        description: 'Step 3: an objection during the objection period.',
        params: ZId,
        body: ZObjectionRequest,
        response: { 201: ZVillageList },
      },
    },
    async (request, reply) => {
      await lists.recordObjection({
        database,
        audit: auditContextOf(request),
        listId: request.params.id,
        objection: request.body,
      });
      return reply.status(201).send(await detail(actorOf(request), request.params.id));
    },
  );

  app.post(
    '/api/assessment/objections/:id/decision',
    {
      config: {
        policy: policies.decideObjection,
        scopeProbe: async ({ database: db, villageCode }) => ({
          method: 'POST',
          url: `/api/assessment/objections/${await probeObjection(db, villageCode)}/decision`,
          payload: { decision: 'rejected', reason: 'Probe decision' },
        }),
      },
      schema: {
        tags,
        description: 'Step 3: the commune council decides an objection.',
        params: ZId,
        body: ZDecideObjectionRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await lists.decideObjection({
        database,
        audit: auditContextOf(request),
        id: request.params.id,
        ...request.body,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/assessment/lists/:id/approve',
    {
      config: {
        policy: policies.approveList,
        scopeProbe: listProbe('closed', 'POST', '/approve', () => ({ councilDecisionRef: 'CC-PROBE' })),
      },
      schema: {
        tags,
        description: 'Step 4: commune council approval.',
        params: ZId,
        body: ZApproveListRequest,
        response: { 200: ZVillageList },
      },
    },
    async (request) => {
      await lists.approveList({
        database,
        audit: auditContextOf(request),
        id: request.params.id,
        ...request.body,
      });
      return detail(actorOf(request), request.params.id);
    },
  );

  app.post(
    '/api/assessment/lists/:id/publish',
    {
      config: { policy: policies.publishList, scopeProbe: listProbe('approved', 'POST', '/publish') },
      schema: {
        tags,
        description:
          'Step 5: publication; issues Equity Cards to level 1 and 2 and supersedes earlier cards.',
        params: ZId,
        response: { 200: z.object({ issued: z.number().int(), superseded: z.number().int() }) },
      },
    },
    async (request) => lists.publishList({ database, audit: auditContextOf(request), id: request.params.id }),
  );
}
