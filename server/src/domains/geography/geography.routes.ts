import {
  ZArea,
  ZAreaCode,
  ZAreaDetail,
  ZAreaSearchQuery,
  ZAreaTreeNode,
  ZLocationClassEntry,
  ZSetLocationClassRequest,
  ZVillageCode,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import { geographyPolicies } from './geography.policy';
import { presentArea, presentLocationClassEntry } from './geography.presenter';
import * as service from './geography.service';

const tags = ['geography'];

/** The gazetteer: tree, children, one area with its path, search, and village location classes. */
export function geographyRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/geography/tree',
    {
      config: { policy: geographyPolicies.read },
      schema: {
        tags,
        description: 'The gazetteer as a nested tree, down to `depth` (1 provinces … 4 villages).',
        querystring: z.object({ depth: z.coerce.number().int().min(1).max(4).default(2) }),
        response: { 200: z.object({ items: z.array(ZAreaTreeNode) }) },
      },
    },
    async (request) => {
      const rows = await service.areaTree({ database, actor: actorOf(request), depth: request.query.depth });
      const byCode = new Map(
        rows.map((r) => [r.code, { ...presentArea(r), children: [] as z.infer<typeof ZAreaTreeNode>[] }]),
      );
      const roots: z.infer<typeof ZAreaTreeNode>[] = [];
      for (const node of byCode.values()) {
        const parent = node.parentCode ? byCode.get(node.parentCode) : undefined;
        if (parent) parent.children?.push(node);
        else if (node.level === 1 || !node.parentCode) roots.push(node);
      }
      return { items: roots };
    },
  );

  app.get(
    '/api/geography/areas',
    {
      config: { policy: geographyPolicies.read },
      schema: {
        tags,
        description: 'Children of `parent`, or the provinces when it is absent.',
        querystring: z.object({ parent: ZAreaCode.optional() }),
        response: { 200: z.object({ items: z.array(ZArea) }) },
      },
    },
    async (request) => {
      const children = await service.listChildren({
        database,
        actor: actorOf(request),
        parentCode: request.query.parent ?? null,
      });
      return { items: children.map(presentArea) };
    },
  );

  app.get(
    '/api/geography/areas/:code',
    {
      config: {
        policy: geographyPolicies.read,
        scopeProbe: async ({ villageCode }) => ({
          method: 'GET',
          url: `/api/geography/areas/${villageCode}`,
        }),
      },
      schema: { tags, params: z.object({ code: ZAreaCode }), response: { 200: ZAreaDetail } },
    },
    async (request) => {
      const detail = await service.getAreaDetail({
        database,
        actor: actorOf(request),
        code: request.params.code,
      });
      return {
        ...presentArea(detail.area),
        ancestors: detail.ancestors.map(presentArea),
        children: detail.children.map(presentArea),
      };
    },
  );

  app.get(
    '/api/geography/search',
    {
      config: { policy: geographyPolicies.read },
      schema: {
        tags,
        description: 'Search by name (Khmer or Latin script) or code prefix, within scope.',
        querystring: ZAreaSearchQuery,
        response: { 200: z.object({ items: z.array(ZArea) }) },
      },
    },
    async (request) => {
      const rows = await service.searchAreas({ database, actor: actorOf(request), ...request.query });
      return { items: rows.map(presentArea) };
    },
  );

  app.get(
    '/api/geography/villages/:code/location-class',
    {
      config: {
        policy: geographyPolicies.read,
        scopeProbe: async ({ villageCode }) => ({
          method: 'GET',
          url: `/api/geography/villages/${villageCode}/location-class`,
        }),
      },
      schema: {
        tags,
        params: z.object({ code: ZVillageCode }),
        response: { 200: z.object({ items: z.array(ZLocationClassEntry) }) },
      },
    },
    async (request) => {
      const rows = await service.getLocationClassHistory({
        database,
        actor: actorOf(request),
        villageCode: request.params.code,
      });
      return { items: rows.map(presentLocationClassEntry) };
    },
  );

  app.post(
    '/api/geography/villages/:code/location-class',
    {
      config: {
        policy: geographyPolicies.setLocationClass,
        scopeProbe: async ({ villageCode }) => ({
          method: 'POST',
          url: `/api/geography/villages/${villageCode}/location-class`,
          payload: { locationClass: 'rural', effectiveFrom: '2030-01-01', reason: 'scope probe' },
        }),
      },
      schema: {
        tags,
        params: z.object({ code: ZVillageCode }),
        body: ZSetLocationClassRequest,
        response: { 201: ZLocationClassEntry },
      },
    },
    async (request, reply) => {
      const row = await service.setLocationClass({
        database,
        audit: auditContextOf(request),
        villageCode: request.params.code,
        ...request.body,
      });
      return reply.status(201).send(presentLocationClassEntry(row));
    },
  );
}
