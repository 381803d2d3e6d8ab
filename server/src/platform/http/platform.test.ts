import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';

describe.each(ENGINES)('platform HTTP on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('answers health with the engine and version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ status: 'ok', database: engine, version: expect.any(String) });
  });

  it('serves an OpenAPI document that describes every registered route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of t.routes) {
      const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
      expect(
        doc.paths[openApiPath]?.[route.method.toLowerCase()],
        `${route.method} ${route.url}`,
      ).toBeDefined();
    }
  });

  it('answers malformed JSON, unknown routes and bad fields in the one error shape', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({ code: 'bad_request', message: expect.any(String), details: [] });
    const missing = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    const invalid = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({
      code: 'validation_failed',
      details: expect.arrayContaining([
        expect.objectContaining({ path: ['body', 'password'], code: 'required' }),
        expect.objectContaining({ path: ['body', 'username'], code: 'required' }),
      ]),
    });
  });

  it('never leaks internals in a 5xx', async () => {
    const { headers } = await t.signedIn({ role: 'admin' });
    const original = t.database.db.selectFrom.bind(t.database.db);
    (t.database.db as unknown as { selectFrom: unknown }).selectFrom = () => {
      throw new Error('secret connection string postgres://user:pw@host');
    };
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/audit', headers });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        code: 'internal',
        message: 'Something went wrong on the server.',
        details: [],
      });
    } finally {
      (t.database.db as unknown as { selectFrom: unknown }).selectFrom = original;
    }
  });
});
