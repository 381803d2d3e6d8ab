import { ZCardActionRequest, ZCardVerification, ZEquityCard } from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { assessmentPolicies as policies } from './assessment.policy';
import { presentCard } from './assessment.presenter';
import { probeCard } from './assessment.probes';
import { listCardsInScope } from './cards.repo';
import * as cards from './cards.service';

const tags = ['assessment'];
const ZId = z.object({ id: z.uuid() });

/** Equity Cards: view, print, warn, revoke, expire; and the public verification. */
export function cardsRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/assessment/cards',
    {
      config: { policy: policies.readCards },
      schema: {
        tags,
        querystring: z.object({ householdId: z.uuid().optional(), listId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(ZEquityCard) }) },
      },
    },
    async (request) => ({
      items: (await listCardsInScope(database.db, actorOf(request).scope, request.query)).map(presentCard),
    }),
  );

  app.get(
    '/api/assessment/cards/:id',
    {
      config: {
        policy: policies.readCards,
        scopeProbe: async ({ database: db, villageCode }) => ({
          method: 'GET',
          url: `/api/assessment/cards/${await probeCard(db, villageCode)}`,
        }),
      },
      schema: { tags, params: ZId, response: { 200: ZEquityCard } },
    },
    async (request) =>
      presentCard(await cards.getCard({ database, actor: actorOf(request), id: request.params.id })),
  );

  app.get(
    '/api/assessment/cards/:id/card.pdf',
    {
      config: {
        policy: policies.readCards,
        scopeProbe: async ({ database: db, villageCode }) => ({
          method: 'GET',
          url: `/api/assessment/cards/${await probeCard(db, villageCode)}/card.pdf`,
        }),
      },
      schema: { tags, description: 'The printable card with its QR code.', params: ZId },
    },
    async (request, reply) => {
      const pdf = await cards.printCard({ database, actor: actorOf(request), id: request.params.id });
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="equity-card.pdf"')
        .send(pdf);
    },
  );

  app.post(
    '/api/assessment/cards/:id/warn',
    {
      config: {
        policy: policies.warnCard,
        scopeProbe: async ({ database: db, villageCode }) => ({
          method: 'POST',
          url: `/api/assessment/cards/${await probeCard(db, villageCode)}/warn`,
          payload: { reason: 'Probe warning' },
        }),
      },
      schema: {
        tags,
        description: 'The warning that must precede a revocation.',
        params: ZId,
        body: ZCardActionRequest,
        response: { 200: ZEquityCard },
      },
    },
    async (request) => {
      await cards.warnCard({
        database,
        audit: auditContextOf(request),
        id: request.params.id,
        reason: request.body.reason,
      });
      return presentCard(await cards.getCard({ database, actor: actorOf(request), id: request.params.id }));
    },
  );

  app.post(
    '/api/assessment/cards/:id/revoke',
    {
      config: {
        policy: policies.revokeCard,
        scopeProbe: async ({ database: db, villageCode }) => ({
          method: 'POST',
          url: `/api/assessment/cards/${await probeCard(db, villageCode, true)}/revoke`,
          payload: { reason: 'Probe revocation' },
        }),
      },
      schema: {
        tags,
        description: 'Revocation, after the warning period.',
        params: ZId,
        body: ZCardActionRequest,
        response: { 200: ZEquityCard },
      },
    },
    async (request) => {
      await cards.revokeCard({
        database,
        audit: auditContextOf(request),
        id: request.params.id,
        reason: request.body.reason,
      });
      return presentCard(await cards.getCard({ database, actor: actorOf(request), id: request.params.id }));
    },
  );

  app.post(
    '/api/assessment/cards/expire',
    {
      config: { policy: policies.expireCards },
      schema: {
        tags,
        description: 'Marks cards past their validity as expired.',
        response: { 200: z.object({ expired: z.number().int() }) },
      },
    },
    async (request) => ({ expired: await cards.expireCards({ database, audit: auditContextOf(request) }) }),
  );

  app.get(
    '/api/equity-cards/verify',
    {
      // Public: limited per client address so card numbers cannot be enumerated. The count is
      // kept per server process (several processes each allow this many); the proxy in front
      // may limit more strictly.
      config: { policy: policies.verifyCard, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        description:
          'For other systems: a card number (or the QR payload) → valid or not, level, valid until. Nothing else.',
        querystring: z.object({ code: z.string().trim().min(1).max(100) }),
        response: { 200: ZCardVerification },
      },
    },
    async (request) => cards.verifyCard({ database, input: request.query.code }),
  );
}
