import {
  ZDeclareShockRequest,
  ZShockEvent,
  ZShockResponse,
  ZShockResponseRequest,
  ZUnassessedHousehold,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { auditContextOf } from '../../platform/http/context';
import { shockPolicies as policies } from './shock.policy';
import { createResponse, declareEvent, getEvent, listEvents, unassessedHouseholds } from './shock.service';

const tags = ['shock'];
const ZEventParams = z.object({ eventId: z.uuid() });

function presentEvent(e: Awaited<ReturnType<typeof getEvent>>): z.infer<typeof ZShockEvent> {
  return {
    id: e.id,
    kind: e.kind,
    name: { en: e.name_en, km: e.name_km },
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    areaCodes: e.areaCodes,
    declaredBy: e.declared_by,
  };
}

/** Shock events, response plans (vertical / horizontal) and the unassessed households there. */
export function shockRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.post(
    '/api/shock/events',
    {
      config: { policy: policies.declare },
      schema: {
        tags,
        description: 'Declares a shock event over areas and dates.',
        body: ZDeclareShockRequest,
        response: { 201: ZShockEvent },
      },
    },
    async (request, reply) => {
      const event = await declareEvent({ database, audit: auditContextOf(request), input: request.body });
      return reply.status(201).send(presentEvent(await getEvent({ database, eventId: event.id })));
    },
  );

  app.get(
    '/api/shock/events',
    {
      config: { policy: policies.read },
      schema: { tags, description: 'Shock events, newest first.', response: { 200: z.array(ZShockEvent) } },
    },
    async () => (await listEvents({ database })).map(presentEvent),
  );

  app.get(
    '/api/shock/events/:eventId',
    {
      config: { policy: policies.read },
      schema: { tags, description: 'One shock event.', params: ZEventParams, response: { 200: ZShockEvent } },
    },
    async (request) => presentEvent(await getEvent({ database, eventId: request.params.eventId })),
  );

  app.post(
    '/api/shock/events/:eventId/responses',
    {
      config: { policy: policies.respond },
      schema: {
        tags,
        description:
          'A vertical top-up or horizontal temporary enrolment, as a programme with its own formula and end date.',
        params: ZEventParams,
        body: ZShockResponseRequest,
        response: { 201: ZShockResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createResponse({
          database,
          audit: auditContextOf(request),
          eventId: request.params.eventId,
          input: request.body,
        }),
      ),
  );

  app.get(
    '/api/shock/events/:eventId/unassessed',
    {
      config: { policy: policies.unassessed },
      schema: {
        tags,
        description: 'Active households in the affected areas never assessed (for on-demand assessment).',
        params: ZEventParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(ZUnassessedHousehold) },
      },
    },
    async (request) => unassessedHouseholds({ database, eventId: request.params.eventId, ...request.query }),
  );
}
