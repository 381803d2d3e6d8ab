import {
  ZApiClientCreated,
  ZCreateApiClientRequest,
  ZCreateUserRequest,
  ZPageQuery,
  ZUser,
} from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { auditContextOf } from '../../platform/http/context';
import { createApiClient } from './api-clients.service';
import { identityPolicies } from './identity.policy';
import { presentUser } from './identity.presenter';
import { createUser, listUsersWithScopes } from './users.service';

/** Administration of users and API clients. */
export function usersRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/users',
    {
      config: { policy: identityPolicies.manageUsers },
      schema: {
        tags: ['users'],
        querystring: ZPageQuery,
        response: { 200: z.object({ items: z.array(ZUser) }) },
      },
    },
    async (request) => {
      const users = await listUsersWithScopes(ctx.database, request.query);
      return { items: users.map(presentUser) };
    },
  );

  app.post(
    '/api/users',
    {
      config: { policy: identityPolicies.manageUsers },
      schema: { tags: ['users'], body: ZCreateUserRequest, response: { 201: ZUser } },
    },
    async (request, reply) => {
      const created = await createUser({
        database: ctx.database,
        audit: auditContextOf(request),
        user: request.body,
      });
      return reply.status(201).send(
        presentUser({
          ...created,
          scopeAreaCodes: request.body.scopeKind === 'areas' ? (request.body.scopeAreaCodes ?? []) : [],
        }),
      );
    },
  );

  app.post(
    '/api/api-clients',
    {
      config: { policy: identityPolicies.manageClients },
      schema: { tags: ['users'], body: ZCreateApiClientRequest, response: { 201: ZApiClientCreated } },
    },
    async (request, reply) => {
      const created = await createApiClient({
        database: ctx.database,
        audit: auditContextOf(request),
        ...request.body,
      });
      return reply.status(201).send({
        id: created.id,
        clientId: created.client_id,
        clientSecret: created.clientSecret,
        name: created.name,
        role: request.body.role,
      });
    },
  );
}
