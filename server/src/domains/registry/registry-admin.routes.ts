import {
  ZApprovalRule,
  ZChangeKind,
  ZCreateApprovalRule,
  ZIdentifier,
  ZIdentifierType,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf, auditContextOf } from '../../platform/http/context';
import * as rules from './approval-rules.service';
import * as identifiers from './identifiers.service';
import { registryPolicies } from './registry.policy';
import { insertProbeHousehold } from './registry.probes';
import { presentApprovalRule, presentIdentifier, presentIdentifierType } from './registry-admin.presenter';

const tags = ['registry'];

/** Approval rules (levels per change kind, by effective date) and typed identifiers. */
export function registryAdminRoutes(app: ZodApp, ctx: AppContext): void {
  const { database } = ctx;

  app.get(
    '/api/registry/approval-rules',
    {
      config: { policy: registryPolicies.rulesRead },
      schema: {
        tags,
        description: 'Approval levels per change kind: the rule in force, past rules and rules to come.',
        querystring: z.object({ changeKind: ZChangeKind.optional() }),
        response: { 200: z.object({ items: z.array(ZApprovalRule) }) },
      },
    },
    async (request) => {
      const rows = await rules.listApprovalRules({ database, changeKind: request.query.changeKind });
      return { items: rows.map((r) => presentApprovalRule(r.row, r.state)) };
    },
  );

  app.post(
    '/api/registry/approval-rules',
    {
      config: { policy: registryPolicies.rulesWrite },
      schema: {
        tags,
        description:
          'A new rule for a change kind from a date on (today or later); requests already proposed keep their levels. Audited.',
        body: ZCreateApprovalRule,
        response: { 201: ZApprovalRule },
      },
    },
    async (request, reply) => {
      const created = await rules.addApprovalRule({
        database,
        audit: auditContextOf(request),
        rule: request.body,
      });
      const listed = await rules.listApprovalRules({ database, changeKind: created.change_kind });
      const state = listed.find((r) => r.row.id === created.id)?.state ?? 'future';
      return reply.status(201).send(presentApprovalRule(created, state));
    },
  );

  app.get(
    '/api/registry/identifier-types',
    {
      config: { policy: registryPolicies.identifierTypes },
      schema: {
        tags,
        description: 'Identifier types with their validation pattern and an example.',
        response: { 200: z.object({ items: z.array(ZIdentifierType) }) },
      },
    },
    async () => ({ items: (await identifiers.listIdentifierTypes(database)).map(presentIdentifierType) }),
  );

  app.get(
    '/api/registry/households',
    {
      config: { policy: registryPolicies.read },
      schema: {
        tags,
        description: 'Households with this reference (case-insensitive), within scope.',
        querystring: z.object({ ref: z.string().trim().min(1).max(64) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                householdRef: z.string(),
                villageCode: z.string(),
                status: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rows = await identifiers.findHouseholdsByRef({
        database,
        actor: actorOf(request),
        ref: request.query.ref,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          householdRef: r.household_ref,
          villageCode: r.village_code,
          status: r.status,
        })),
      };
    },
  );

  app.get(
    '/api/registry/households/:id/identifiers',
    {
      config: {
        policy: registryPolicies.read,
        scopeProbe: async ({ database: db, villageCode }) => {
          const { householdId } = await insertProbeHousehold(db, villageCode);
          return { method: 'GET', url: `/api/registry/households/${householdId}/identifiers` };
        },
      },
      schema: {
        tags,
        description:
          'Typed identifiers of the household and its members, open and closed; set or correct one with a set_identifier change request.',
        params: z.object({ id: z.uuid('Not an id') }),
        response: { 200: z.object({ items: z.array(ZIdentifier) }) },
      },
    },
    async (request) => {
      const rows = await identifiers.listHouseholdIdentifiers({
        database,
        actor: actorOf(request),
        householdId: request.params.id,
      });
      return { items: rows.map(presentIdentifier) };
    },
  );
}
