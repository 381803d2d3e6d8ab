import { ZError, ZLoginRequest, ZMe, ZTokenRequest, ZTokenResponse } from '@mlob/contracts';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../platform/http/context';
import { actorOf } from '../../platform/http/context';
import { issueClientToken } from './api-clients.service';
import { identityPolicies } from './identity.policy';
import { presentMe } from './identity.presenter';
import { login, logout, SESSION_COOKIE, SESSION_HOURS } from './sessions.service';
import { findUserById } from './users.repo';

/** Sign-in by password (cookie session), sign-out, who-am-I, and OAuth2 client credentials. */
export function authRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    {
      config: { policy: identityPolicies.login },
      schema: { tags: ['auth'], body: ZLoginRequest, response: { 200: ZMe, 401: ZError, 423: ZError } },
    },
    async (request, reply) => {
      const result = await login({ database: ctx.database, ...request.body, requestId: request.id });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.isSecureCookies,
        path: '/',
        maxAge: SESSION_HOURS * 3600,
      });
      return presentMe(result.user, result.actor);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { policy: identityPolicies.logout }, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(ctx.database, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { policy: identityPolicies.me }, schema: { tags: ['auth'], response: { 200: ZMe } } },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'user') {
        return {
          id: actor.id,
          username: actor.name,
          displayName: actor.name,
          role: actor.role,
          scope: { kind: actor.scope.kind },
          locale: 'en' as const,
        };
      }
      const user = await findUserById(ctx.database.db, actor.id);
      if (!user) throw new Error('signed-in user vanished');
      return presentMe(user, actor);
    },
  );

  app.post(
    '/api/oauth/token',
    {
      config: { policy: identityPolicies.token },
      schema: {
        tags: ['auth'],
        description: 'OAuth2 client-credentials grant (RFC 6749 §4.4); form-encoded or JSON body.',
        body: ZTokenRequest,
        response: { 200: ZTokenResponse, 401: ZError },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return issueClientToken({
        database: ctx.database,
        clientId: request.body.client_id,
        clientSecret: request.body.client_secret,
      });
    },
  );
}
