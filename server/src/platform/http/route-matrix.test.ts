import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { isAllowed } from '../policy';
import { ROLES, type Role } from '../roles';
import { installAccessControl } from './access-hooks';

/**
 * The route-by-role-by-scope matrix. It walks every /api route the app registers, so a
 * route added by any later issue joins it without editing this file.
 */

const AREA_CASES: {
  role: Role;
  scope: string;
  inScopeVillage: string;
  outOfScopeVillage: string;
  what: string;
}[] = [
  {
    role: 'village_chief',
    scope: '02010101',
    inScopeVillage: '02010101',
    outOfScopeVillage: '02010102',
    what: 'another village of the same commune',
  },
  {
    role: 'commune_officer',
    scope: '020101',
    inScopeVillage: '02010103',
    outOfScopeVillage: '02010201',
    what: 'a village of another commune',
  },
  {
    role: 'provincial_officer',
    scope: '02',
    inScopeVillage: '02030101',
    outOfScopeVillage: '01020101',
    what: 'a village of another province',
  },
];

const DEFAULT_AREAS: Partial<Record<Role, string[]>> = {
  provincial_officer: ['02'],
  commune_officer: ['020101'],
  village_chief: ['02010101'],
};

function fillParams(url: string): string {
  return url.replace(/:code\b/g, '02010101').replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
}

it('refuses to start when an /api route has no policy', async () => {
  const app = Fastify();
  installAccessControl(app, { resolveActor: async () => null });
  expect(() => app.get('/api/forgotten', async () => 'oops')).toThrow(/has no policy/);
});

describe.each(ENGINES)('route matrix on %s', (engine) => {
  let t: TestApp;
  const userIds = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const role of ROLES) {
      const user = await t.makeUser({ role, areaCodes: DEFAULT_AREAS[role] });
      userIds.set(role, user.id);
    }
  });
  afterAll(async () => t?.close());

  it('registers routes, each with a policy', () => {
    expect(t.routes.length).toBeGreaterThan(10);
    for (const route of t.routes) expect(route.policy.name).toBeTruthy();
  });

  it('answers 401 to anonymous callers on every non-public route', async () => {
    for (const route of t.routes.filter((r) => r.policy.allow !== 'public')) {
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: fillParams(route.url),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('allows and denies every route for every role exactly as its policy says', async () => {
    const failures: string[] = [];
    for (const route of t.routes) {
      // A fresh session per role and route: a route may end its caller's session (logout).
      const sessions = await t.sessionHeadersMany(ROLES.map((role) => userIds.get(role)!));
      for (const [index, role] of ROLES.entries()) {
        const headers = sessions[index]!;
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: fillParams(route.url),
          headers,
          payload: route.method === 'GET' ? undefined : {},
        });
        const body = String(response.headers['content-type'] ?? '').includes('json')
          ? (response.json() as { code?: string; message?: string })
          : {};
        const isDeniedByPolicy =
          response.statusCode === 403 &&
          body.code === 'forbidden' &&
          body.message?.includes(`(${route.policy.name})`);
        const shouldAllow = isAllowed(route.policy, role);
        if (shouldAllow && (isDeniedByPolicy || response.statusCode === 401))
          failures.push(`${role} was refused ${route.method} ${route.url}`);
        if (!shouldAllow && !isDeniedByPolicy)
          failures.push(`${role} was not refused ${route.method} ${route.url} (${response.statusCode})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives every area-scoped route a scope probe', () => {
    const missing = t.routes.filter((r) => r.policy.scope === 'area' && r.url.includes(':') && !r.scopeProbe);
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it.each(AREA_CASES)('lets a $role read in scope and answers 404 for $what', async (c) => {
    const user = await t.makeUser({ role: c.role, areaCodes: [c.scope] });
    const failures: string[] = [];
    for (const route of t.routes.filter((r) => r.scopeProbe && isAllowed(r.policy, c.role))) {
      const inScope = await route.scopeProbe!({ database: t.database, villageCode: c.inScopeVillage });
      const outOfScope = await route.scopeProbe!({ database: t.database, villageCode: c.outOfScopeVillage });
      const inResponse = await t.app.inject({ ...inScope, headers: await t.sessionHeaders(user.id) });
      const outResponse = await t.app.inject({ ...outOfScope, headers: await t.sessionHeaders(user.id) });
      if (inResponse.statusCode >= 400)
        failures.push(`${route.method} ${route.url} in scope: ${inResponse.statusCode} ${inResponse.body}`);
      if (outResponse.statusCode !== 404)
        failures.push(`${route.method} ${route.url} out of scope: ${outResponse.statusCode}, expected 404`);
    }
    expect(failures).toEqual([]);
  });
});
