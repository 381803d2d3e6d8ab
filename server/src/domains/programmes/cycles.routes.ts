import { ZCycle, ZCycleDecisionRequest, ZPrepareCycleRequest } from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { presentCycle } from './cycles.presenter';
import { decideCycle, getCycle, listCycles, prepareCycle } from './cycles.service';
import { programmePolicies as policies } from './programmes.policy';

const tags = ['programmes'];

/** Cycle preparation (frozen snapshot) and maker-checker approval. */
export function cyclesRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.post(
    '/api/programmes/:programme/cycles',
    {
      config: { policy: policies.prepareCycle },
      schema: {
        tags,
        description:
          'Prepares a cycle: freezes the enrolled beneficiaries and their amounts from the benefit table.',
        params: z.object({ programme: z.string().max(60) }),
        body: ZPrepareCycleRequest,
        response: { 201: ZCycle },
      },
    },
    async (request, reply) => {
      const cycle = await prepareCycle({
        database,
        audit: auditContextOf(request),
        code: request.params.programme,
        period: request.body.period,
        onDate: request.body.onDate,
      });
      return reply.status(201).send(presentCycle(await getCycle({ database, cycleId: cycle.id })));
    },
  );

  app.get(
    '/api/programmes/:programme/cycles',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: "A programme's cycles, newest first.",
        params: z.object({ programme: z.string().max(60) }),
        response: { 200: z.array(ZCycle) },
      },
    },
    async (request) => (await listCycles({ database, code: request.params.programme })).map(presentCycle),
  );

  app.get(
    '/api/cycles/:cycleId',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: 'One cycle with its approvals.',
        params: z.object({ cycleId: z.uuid() }),
        response: { 200: ZCycle },
      },
    },
    async (request) => presentCycle(await getCycle({ database, cycleId: request.params.cycleId })),
  );

  app.post(
    '/api/cycles/:cycleId/decisions',
    {
      config: { policy: policies.approveCycle },
      schema: {
        tags,
        description:
          'Approves or rejects the next step; order, role and separation of duties are enforced by the database.',
        params: z.object({ cycleId: z.uuid() }),
        body: ZCycleDecisionRequest,
        response: { 200: ZCycle },
      },
    },
    async (request) =>
      presentCycle(
        await decideCycle({
          database,
          audit: auditContextOf(request),
          actor: actorOf(request),
          cycleId: request.params.cycleId,
          ...request.body,
        }),
      ),
  );
}
