import {
  ZCreateProgrammeRequest,
  ZHouseholdExplanation,
  ZProgramme,
  ZRuleCheckRequest,
  ZRuleCheckResponse,
  ZVersionInput,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { auditContextOf } from '../../platform/http/context';
import { programmePolicies as policies } from './programmes.policy';
import * as service from './programmes.service';

const tags = ['programmes'];
const ZProgrammeParams = z.object({ programme: z.string().max(60) });

/** Programme definitions, versions, the live eligible count and per-household explanations. */
export function programmesRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/programmes',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: 'Every programme with its versions and benefit tables.',
        response: { 200: z.array(ZProgramme) },
      },
    },
    async () => service.listProgrammes({ database }),
  );

  app.post(
    '/api/programmes',
    {
      config: { policy: policies.define },
      schema: {
        tags,
        description: 'A new programme with its first draft version (rule and benefit table validated).',
        body: ZCreateProgrammeRequest,
        response: { 201: ZProgramme },
      },
    },
    async (request, reply) => {
      await service.createProgramme({ database, audit: auditContextOf(request), input: request.body });
      return reply.status(201).send(await service.getProgramme({ database, code: request.body.code }));
    },
  );

  app.get(
    '/api/programmes/:programme',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: 'One programme.',
        params: ZProgrammeParams,
        response: { 200: ZProgramme },
      },
    },
    async (request) => service.getProgramme({ database, code: request.params.programme }),
  );

  app.post(
    '/api/programmes/:programme/versions',
    {
      config: { policy: policies.define },
      schema: {
        tags,
        description: 'A new draft version; versions in force never change.',
        params: ZProgrammeParams,
        body: ZVersionInput,
        response: { 201: ZProgramme },
      },
    },
    async (request, reply) => {
      await service.addVersion({
        database,
        audit: auditContextOf(request),
        code: request.params.programme,
        input: request.body,
      });
      return reply.status(201).send(await service.getProgramme({ database, code: request.params.programme }));
    },
  );

  app.post(
    '/api/programmes/:programme/versions/:version/activate',
    {
      config: { policy: policies.define },
      schema: {
        tags,
        description: 'Puts a draft version in force (the previous one is retired).',
        params: ZProgrammeParams.extend({ version: z.coerce.number().int().positive() }),
        response: { 200: ZProgramme },
      },
    },
    async (request) => {
      await service.activateVersion({
        database,
        audit: auditContextOf(request),
        code: request.params.programme,
        version: request.params.version,
      });
      return service.getProgramme({ database, code: request.params.programme });
    },
  );

  app.post(
    '/api/programmes/rules/check',
    {
      config: { policy: policies.define },
      schema: {
        tags,
        description:
          'Validates a draft rule (errors name line and column) and counts who would be eligible now.',
        body: ZRuleCheckRequest,
        response: { 200: ZRuleCheckResponse },
      },
    },
    async (request) =>
      service.countEligible({ database, rule: request.body.rule, onDate: request.body.onDate }),
  );

  app.get(
    '/api/programmes/:programme/households/:householdRef/explanation',
    {
      config: { policy: policies.read },
      schema: {
        tags,
        description: 'Why a household is or is not eligible under the version in force, step by step.',
        params: ZProgrammeParams.extend({ householdRef: z.string().max(64) }),
        querystring: z.object({ onDate: z.iso.date().optional() }),
        response: { 200: ZHouseholdExplanation },
      },
    },
    async (request) =>
      service.explainHousehold({
        database,
        code: request.params.programme,
        householdRef: request.params.householdRef,
        onDate: request.query.onDate,
      }),
  );
}
