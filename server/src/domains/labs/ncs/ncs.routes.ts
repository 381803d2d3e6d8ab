import {
  ZAddActionRequest,
  ZAddLinkRequest,
  ZCompleteActionRequest,
  ZCorrectionRequest,
  ZCreateNcRequest,
  ZDueAction,
  ZEffectivenessRequest,
  ZLabCode,
  ZNcBoard,
  ZNcDetail,
  ZNcSource,
  ZNcStage,
  ZNcSummary,
  ZRiskRequest,
  ZRootCauseRequest,
} from '@mlob/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../../platform/http/context';
import { actorOf, auditContextOf } from '../../../platform/http/context';
import { labsPolicies } from '../labs.policy';
import { presentNcDetail, presentNcSummary } from './nc.presenter';
import { daysUntil } from './nc-rules';
import * as steps from './nc-steps.service';
import * as service from './ncs.service';

const tags = ['labs'];
const ZId = z.object({ id: z.uuid() });

/** Nonconformities and CAPA: raise, correct, grade, analyse, act, verify, close; board; due actions. */
export function ncsRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;
  const detail = async (request: FastifyRequest, id: string) =>
    presentNcDetail(await service.getNc({ database, actor: actorOf(request), id }));

  app.get(
    '/api/labs/ncs',
    {
      config: { policy: labsPolicies.read },
      schema: {
        tags,
        querystring: z.object({
          labCode: ZLabCode.optional(),
          stage: ZNcStage.optional(),
          source: ZNcSource.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(ZNcSummary) }) },
      },
    },
    async (request) => ({
      items: (await service.listNcs({ database, actor: actorOf(request), ...request.query })).map(
        presentNcSummary,
      ),
    }),
  );

  app.get(
    '/api/labs/ncs/board',
    {
      config: { policy: labsPolicies.read },
      schema: {
        tags,
        description: 'Nonconformities by stage.',
        querystring: z.object({ labCode: ZLabCode.optional() }),
        response: { 200: ZNcBoard },
      },
    },
    async (request) => ({
      columns: (
        await service.ncBoard({ database, actor: actorOf(request), labCode: request.query.labCode })
      ).map((c) => ({
        stage: c.stage,
        items: c.items.map(presentNcSummary),
      })),
    }),
  );

  app.get(
    '/api/labs/actions/due',
    {
      config: { policy: labsPolicies.read },
      schema: {
        tags,
        description:
          'Open corrective/preventive actions due within `withinDays` days, and every overdue one.',
        querystring: z.object({
          withinDays: z.coerce.number().int().min(0).max(365).default(14),
          labCode: ZLabCode.optional(),
        }),
        response: { 200: z.object({ today: z.string(), items: z.array(ZDueAction) }) },
      },
    },
    async (request) => {
      const { today, rows } = await service.dueActions({
        database,
        actor: actorOf(request),
        ...request.query,
      });
      return {
        today,
        items: rows.map((r) => {
          const daysLeft = daysUntil(today, r.due_on);
          return {
            actionId: r.id,
            ncId: r.nc_id,
            ncNumber: r.number,
            labCode: r.lab_code,
            description: r.description,
            ownerName: r.owner_name,
            dueOn: r.due_on,
            daysLeft,
            state: daysLeft < 0 ? ('overdue' as const) : ('due_soon' as const),
          };
        }),
      };
    },
  );

  app.post(
    '/api/labs/ncs',
    {
      config: { policy: labsPolicies.ncWrite },
      schema: { tags, body: ZCreateNcRequest, response: { 201: ZNcDetail } },
    },
    async (request, reply) => {
      const id = await service.createNc({ database, audit: auditContextOf(request), input: request.body });
      return reply.status(201).send(await detail(request, id));
    },
  );

  app.post(
    '/api/labs/audits/:id/findings/:itemId/nc',
    {
      config: { policy: labsPolicies.ncWrite },
      schema: {
        tags,
        description:
          'One click from a finding (No or Partial) to a nonconformity; pressing again returns the same one.',
        params: z.object({ id: z.uuid(), itemId: z.string().min(1).max(60) }),
        response: { 201: ZNcDetail, 200: ZNcDetail },
      },
    },
    async (request, reply) => {
      const { id, isNew } = await service.raiseFromFinding({
        database,
        audit: auditContextOf(request),
        auditId: request.params.id,
        itemId: request.params.itemId,
      });
      return reply.status(isNew ? 201 : 200).send(await detail(request, id));
    },
  );

  app.get(
    '/api/labs/ncs/:id',
    { config: { policy: labsPolicies.read }, schema: { tags, params: ZId, response: { 200: ZNcDetail } } },
    async (request) => detail(request, request.params.id),
  );

  const post = <B extends z.ZodType>(
    path: string,
    body: B,
    run: (request: FastifyRequest, ncId: string, body: z.infer<B>) => Promise<unknown>,
    params: z.ZodObject = ZId,
  ) =>
    app.post(
      `/api/labs/ncs/:id/${path}`,
      {
        config: { policy: labsPolicies.ncWrite },
        schema: { tags, params, body, response: { 200: ZNcDetail } },
      },
      async (request) => {
        const ncId = (request.params as { id: string }).id;
        await run(request, ncId, request.body as z.infer<B>);
        return detail(request, ncId);
      },
    );
  const base = (request: FastifyRequest, ncId: string) => ({
    database,
    audit: auditContextOf(request),
    ncId,
  });

  post('correction', ZCorrectionRequest, (r, id, b) => steps.recordCorrection({ ...base(r, id), ...b }));
  post('risk', ZRiskRequest, (r, id, b) => steps.gradeRisk({ ...base(r, id), ...b }));
  post('root-cause', ZRootCauseRequest, (r, id, b) =>
    steps.recordRootCause({ ...base(r, id), rootCause: b }),
  );
  post('actions', ZAddActionRequest, (r, id, b) => steps.addAction({ ...base(r, id), ...b }));
  post(
    'actions/:actionId/complete',
    ZCompleteActionRequest,
    (r, id, b) =>
      steps.completeAction({ ...base(r, id), actionId: (r.params as { actionId: string }).actionId, ...b }),
    z.object({ id: z.uuid(), actionId: z.uuid() }),
  );
  post('effectiveness', ZEffectivenessRequest, (r, id, b) =>
    steps.checkEffectiveness({ ...base(r, id), ...b }),
  );
  post('links', ZAddLinkRequest, (r, id, b) => steps.addLink({ ...base(r, id), ...b }));
}
