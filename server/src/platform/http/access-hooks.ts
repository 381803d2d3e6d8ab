import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor } from '../actor';
import { authorize, type Policy, type ScopeProbe } from '../policy';

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: Policy;
  scopeProbe: ScopeProbe | undefined;
}

export interface AccessOptions {
  /** Resolves the actor from the request (session cookie or bearer token); null when anonymous. */
  resolveActor(request: FastifyRequest): Promise<Actor | null>;
}

/**
 * Enforces "every route declares its policy": registering an /api route without
 * `config.policy` throws, so the server does not start. Every request is then authorised
 * before its body is validated, so a denied caller learns nothing about the schema.
 * Returns the list of routes, which the route-by-role-by-scope matrix test walks.
 */
export function installAccessControl(app: FastifyInstance, options: AccessOptions): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const policy = route.config?.policy;
    if (!policy) throw new Error(`Route ${String(route.method)} ${route.url} has no policy (config.policy).`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, policy, scopeProbe: route.config?.scopeProbe });
    }
  });
  app.addHook('onRequest', async (request) => {
    const policy = request.routeOptions.config?.policy;
    if (!policy) return; // docs, static files, 404s
    request.actor = await options.resolveActor(request);
    authorize(policy, request.actor);
  });
  return routes;
}
