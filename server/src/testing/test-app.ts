import { createHash, randomBytes } from 'node:crypto';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { Engine } from '../db/database';
import { createUser } from '../domains/identity';
import { SYSTEM_ACTOR } from '../platform/actor';
import { type Role, SCOPE_KIND_BY_ROLE } from '../platform/roles';
import { createTestDatabase } from './test-database';

export const TEST_PASSWORD = 'test-password-123';

export interface TestUserSpec {
  role: Role;
  areaCodes?: string[];
  unitId?: string;
}

/**
 * An app on a fresh test database, with helpers to make users and sign in. Each call makes
 * its own users (random names), so test files never depend on each other's data.
 */
export async function createTestApp(engine: Engine) {
  const database = await createTestDatabase(engine);
  const config = { ...loadConfig({}), webDistDir: '/nonexistent' };
  const { app, routes } = await buildApp({ database, config });

  async function makeUser(spec: TestUserSpec) {
    const kinds = SCOPE_KIND_BY_ROLE[spec.role];
    const scopeKind = spec.areaCodes
      ? 'areas'
      : spec.unitId
        ? kinds.find((k) => k !== 'national' && k !== 'areas')!
        : kinds[0]!;
    const username = `${spec.role.replace(/_/g, '-')}-${randomBytes(4).toString('hex')}`;
    const user = await createUser({
      database,
      audit: { actor: SYSTEM_ACTOR },
      user: {
        username,
        displayName: username,
        password: TEST_PASSWORD,
        role: spec.role,
        scopeKind,
        scopeAreaCodes: spec.areaCodes,
        scopeUnitId: spec.unitId ?? (scopeKind === 'national' || scopeKind === 'areas' ? null : 'UNIT-1'),
      },
    });
    return user;
  }

  /** Signs in and returns the Cookie header to send with app.inject(). */
  async function login(username: string, password = TEST_PASSWORD): Promise<{ cookie: string }> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    });
    if (response.statusCode !== 200)
      throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'mlob_session');
    if (!cookie) throw new Error('no session cookie');
    return { cookie: `mlob_session=${cookie.value}` };
  }

  /** A user of the role (and scope) already signed in: headers for app.inject(). */
  async function signedIn(spec: TestUserSpec) {
    const user = await makeUser(spec);
    const { cookie } = await login(user.username);
    return { user, headers: { cookie } };
  }

  /**
   * A fresh session for the user written straight to the database: the route matrix sends
   * hundreds of requests and must not pay a password hash for each.
   */
  async function sessionHeaders(userId: string): Promise<{ cookie: string }> {
    const [headers] = await sessionHeadersMany([userId]);
    return headers!;
  }

  /** Fresh sessions for several users in one insert (the route matrix makes one per role per route). */
  async function sessionHeadersMany(userIds: string[]): Promise<{ cookie: string }[]> {
    const tokens = userIds.map(() => randomBytes(32).toString('base64url'));
    await database.db
      .insertInto('user_session')
      .values(
        userIds.map((userId, i) => ({
          token_hash: createHash('sha256').update(tokens[i]!).digest('hex'),
          user_id: userId,
          expires_at: new Date(Date.now() + 3600_000),
        })),
      )
      .execute();
    return tokens.map((token) => ({ cookie: `mlob_session=${token}` }));
  }

  async function close() {
    await app.close();
    await database.close();
  }

  return { app, routes, database, makeUser, login, signedIn, sessionHeaders, sessionHeadersMany, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
