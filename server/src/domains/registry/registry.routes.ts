import {
  ZAsOfQuery,
  ZChangeRequest,
  ZChangeRequestQueueQuery,
  ZCreateChangeRequest,
  ZDecideChangeRequest,
  ZHistoryEntry,
  ZHousehold,
  ZMemberSearchQuery,
  ZMemberSearchResult,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { subjectsOf } from './change-request-subjects';
import * as changeRequests from './change-requests.service';
import * as households from './household.service';
import { registryPolicies } from './registry.policy';
import { presentChangeRequest, presentHistory, presentHousehold, presentMember } from './registry.presenter';
import { insertProbeChangeRequest, insertProbeHousehold } from './registry.probes';
import { registryAdminRoutes } from './registry-admin.routes';
import { registryFilesRoutes } from './registry-files.routes';

const tags = ['registry'];
const ZIdParams = z.object({ id: z.uuid('Not an id') });

/** Search, households (now, as of a date, history) and change requests with their approvals. */
export function registryRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;
  registryFilesRoutes(app, ctx);
  registryAdminRoutes(app, ctx);

  app.get(
    '/api/registry/members',
    {
      config: { policy: registryPolicies.read },
      schema: {
        tags,
        description:
          'Members by name in Khmer or Latin script (fuzzy), national ID, phone, reference or area; within scope.',
        querystring: ZMemberSearchQuery,
        response: { 200: ZMemberSearchResult },
      },
    },
    async (request) => {
      const result = await households.searchMembers({
        database,
        actor: actorOf(request),
        query: request.query,
      });
      return {
        hasMore: result.hasMore,
        items: result.rows.map((r) => ({
          ...presentMember(r),
          householdRef: r.household_ref,
          villageCode: r.village_code,
          matchedBy: result.mode,
        })),
      };
    },
  );

  const householdProbe =
    (suffix: string) =>
    async ({ database: db, villageCode }: { database: typeof database; villageCode: string }) => {
      const { householdId } = await insertProbeHousehold(db, villageCode);
      return { method: 'GET' as const, url: `/api/registry/households/${householdId}${suffix}` };
    };

  app.get(
    '/api/registry/households/:id',
    {
      config: { policy: registryPolicies.read, scopeProbe: householdProbe('') },
      schema: { tags, params: ZIdParams, response: { 200: ZHousehold } },
    },
    async (request) => {
      const { household, members } = await households.getHousehold({
        database,
        actor: actorOf(request),
        id: request.params.id,
      });
      return presentHousehold(household, members);
    },
  );

  app.get(
    '/api/registry/households/:id/as-of',
    {
      config: { policy: registryPolicies.read, scopeProbe: householdProbe('/as-of') },
      schema: {
        tags,
        description: 'The household and its members as they were at the end of a date (or at a timestamp).',
        params: ZIdParams,
        querystring: ZAsOfQuery,
        response: { 200: ZHousehold },
      },
    },
    async (request) => {
      const { household, members } = await households.getHouseholdAsOf({
        database,
        actor: actorOf(request),
        id: request.params.id,
        asOf: request.query.asOf,
      });
      return presentHousehold(household, members);
    },
  );

  app.get(
    '/api/registry/households/:id/history',
    {
      config: { policy: registryPolicies.read, scopeProbe: householdProbe('/history') },
      schema: {
        tags,
        description:
          'Every change to the household and its members: who, when, why, and each field before and after.',
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZHistoryEntry) }) },
      },
    },
    async (request) => {
      const versions = await households.getHouseholdHistory({
        database,
        actor: actorOf(request),
        id: request.params.id,
      });
      return { items: presentHistory(versions.households as never, versions.members as never) };
    },
  );

  app.post(
    '/api/registry/change-requests',
    {
      config: { policy: registryPolicies.propose },
      schema: {
        tags,
        description:
          'Propose a change (new household, member added or removed, correction, birth, death, move, split, merge).',
        body: ZCreateChangeRequest,
        response: { 201: ZChangeRequest },
      },
    },
    async (request, reply) => {
      const created = await changeRequests.proposeChange({
        database,
        audit: auditContextOf(request),
        change: request.body.change,
        reason: request.body.reason,
      });
      return reply.status(201).send(presentChangeRequest(created, []));
    },
  );

  app.get(
    '/api/registry/change-requests',
    {
      config: { policy: registryPolicies.propose },
      schema: {
        tags,
        querystring: ZChangeRequestQueueQuery,
        response: { 200: z.object({ items: z.array(ZChangeRequest) }) },
      },
    },
    async (request) => {
      const rows = await changeRequests.listChangeRequests({
        database,
        actor: actorOf(request),
        ...request.query,
      });
      const subjects = await subjectsOf(
        database,
        rows.map((r) => r.request.payload),
      );
      return {
        items: rows.map((r) => presentChangeRequest(r.request, r.steps, subjects(r.request.payload))),
      };
    },
  );

  app.get(
    '/api/registry/change-requests/:id',
    {
      config: {
        policy: registryPolicies.propose,
        scopeProbe: async ({ database: db, villageCode }) => {
          const { requestId } = await insertProbeChangeRequest(db, villageCode);
          return { method: 'GET', url: `/api/registry/change-requests/${requestId}` };
        },
      },
      schema: { tags, params: ZIdParams, response: { 200: ZChangeRequest } },
    },
    async (request) => {
      const { request: row, steps } = await changeRequests.getChangeRequest({
        database,
        actor: actorOf(request),
        id: request.params.id,
      });
      return presentChangeRequest(row, steps);
    },
  );

  app.post(
    '/api/registry/change-requests/:id/decision',
    {
      config: {
        policy: registryPolicies.decide,
        scopeProbe: async ({ database: db, villageCode }) => {
          const { requestId } = await insertProbeChangeRequest(db, villageCode);
          return {
            method: 'POST',
            url: `/api/registry/change-requests/${requestId}/decision`,
            payload: { decision: 'approve', comment: 'scope probe' },
          };
        },
      },
      schema: { tags, params: ZIdParams, body: ZDecideChangeRequest, response: { 200: ZChangeRequest } },
    },
    async (request) => {
      const { request: row, steps } = await changeRequests.decideChangeRequest({
        database,
        audit: auditContextOf(request),
        id: request.params.id,
        decision: request.body.decision,
        comment: request.body.comment,
      });
      return presentChangeRequest(row, steps);
    },
  );
}
