import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { MAX_FAILED_LOGINS } from './sessions.service';

describe.each(ENGINES)('identity on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('signs in with an HTTP-only, same-site session cookie and signs out', async () => {
    const user = await t.makeUser({ role: 'national_officer' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: 'test-password-123' },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'mlob_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(response.json()).toMatchObject({
      username: user.username,
      role: 'national_officer',
      scope: { kind: 'national' },
    });
    expect(response.body).not.toContain('password');
    const headers = { cookie: `mlob_session=${cookie.value}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const user = await t.makeUser({ role: 'national_officer' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: 'nope-nope-nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it(`locks an account after ${MAX_FAILED_LOGINS} failures, even against the right password, and audits it`, async () => {
    const user = await t.makeUser({ role: 'commune_officer', areaCodes: ['020101'] });
    for (let i = 0; i < MAX_FAILED_LOGINS; i += 1) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: 'wrong-password' },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: 'test-password-123' },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toMatch(/Too many failed sign-ins/);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.lock')
      .where('entity_id', '=', user.id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('creates users with a role-appropriate scope and refuses a mismatch, naming the field', async () => {
    const admin = await t.signedIn({ role: 'admin' });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'chief-x',
        displayName: 'Chief',
        password: 'long-enough-pw',
        role: 'village_chief',
        scopeKind: 'areas',
        scopeAreaCodes: ['020101'],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toEqual(['scopeAreaCodes', '0']);
    const unknownArea = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'chief-y',
        displayName: 'Chief',
        password: 'long-enough-pw',
        role: 'village_chief',
        scopeKind: 'areas',
        scopeAreaCodes: ['99999999'],
      },
    });
    expect(unknownArea.statusCode).toBe(400);
    expect(unknownArea.json().message).toMatch(/Unknown area code 99999999/);
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'chief-z',
        displayName: 'Chief',
        password: 'long-enough-pw',
        role: 'village_chief',
        scopeKind: 'areas',
        scopeAreaCodes: ['02010101'],
      },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({
      username: 'chief-z',
      scope: { kind: 'areas', areaCodes: ['02010101'] },
    });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'chief-z', password: 'long-enough-pw' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('issues OAuth2 client-credentials tokens that act with the client role and scope', async () => {
    const admin = await t.signedIn({ role: 'admin' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/api-clients',
      headers: admin.headers,
      payload: {
        name: 'Provincial dashboard',
        role: 'provincial_officer',
        scopeKind: 'areas',
        scopeAreaCodes: ['02'],
      },
    });
    expect(created.statusCode).toBe(201);
    const { clientId, clientSecret } = created.json();
    const form = `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`;
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
    expect(token.statusCode).toBe(200);
    expect(token.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const auth = { authorization: `Bearer ${token.json().access_token}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/geography/areas/0201', headers: auth })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/geography/areas/0102', headers: auth })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: auth })).statusCode).toBe(403);
    const badSecret = await t.app.inject({
      method: 'POST',
      url: '/api/oauth/token',
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' },
    });
    expect(badSecret.statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token.json().access_token}x` },
    });
    expect(forged.statusCode).toBe(401);
  });
});
