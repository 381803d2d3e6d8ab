import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';
import { getDummyHash, verifyPassword } from './passwords';
import * as repo from './users.repo';
import { actorForUser } from './users.service';

export const SESSION_COOKIE = 'mlob_session';
export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks a username and password. Wrong username and wrong password answer alike; after
 * MAX_FAILED_LOGINS failures in a row the account is locked for LOCKOUT_MINUTES, and the
 * lock is audited. Returns a new session token on success.
 */
export async function login(options: {
  database: Database;
  username: string;
  password: string;
  requestId?: string;
}) {
  const { db } = options.database;
  const user = await repo.findUserByUsername(db, options.username);
  if (!user?.is_active) {
    await verifyPassword(await getDummyHash(), options.password);
    throw new AppError('unauthenticated', 'Wrong username or password.');
  }
  if (user.locked_until && user.locked_until > new Date()) {
    throw new AppError(
      'locked',
      `Too many failed sign-ins. Try again after ${user.locked_until.toISOString()}.`,
    );
  }
  if (!(await verifyPassword(user.password_hash, options.password))) {
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('app_user')
        .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
        .where('id', '=', user.id)
        .returning(['failed_login_count'])
        .executeTakeFirstOrThrow();
      if (updated.failed_login_count >= MAX_FAILED_LOGINS) {
        await trx
          .updateTable('app_user')
          .set({
            locked_until: sql`now() + make_interval(mins => ${LOCKOUT_MINUTES})`,
            failed_login_count: 0,
          })
          .where('id', '=', user.id)
          .execute();
        await recordAudit(
          trx,
          {
            actor: { kind: 'system', id: 'auth', name: 'auth', role: 'admin', scope: { kind: 'national' } },
            requestId: options.requestId,
          },
          {
            action: 'user.lock',
            entityType: 'user',
            entityId: user.id,
            after: { lockedForMinutes: LOCKOUT_MINUTES },
            reason: `${MAX_FAILED_LOGINS} failed sign-ins`,
          },
        );
      }
    });
    throw new AppError('unauthenticated', 'Wrong username or password.');
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ failed_login_count: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('user_session')
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        expires_at: sql`now() + make_interval(hours => ${SESSION_HOURS})`,
      })
      .execute();
  });
  return { token, user, actor: await actorForUser(db, user) };
}

/** The actor behind a session cookie, or null when it is unknown, expired or its user inactive. */
export async function resolveSession(database: Database, token: string): Promise<Actor | null> {
  const { db } = database;
  const session = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user')
    .select(['user_session.last_seen_at', 'user_session.token_hash'])
    .where('user_session.token_hash', '=', hashToken(token))
    .where('user_session.expires_at', '>', sql<Date>`now()`)
    .where('app_user.is_active', '=', true)
    .executeTakeFirst();
  if (!session) return null;
  // Sliding expiry, written at most every five minutes to keep reads cheap.
  if (Date.now() - session.last_seen_at.getTime() > 5 * 60_000) {
    await db
      .updateTable('user_session')
      .set({ last_seen_at: sql`now()`, expires_at: sql`now() + make_interval(hours => ${SESSION_HOURS})` })
      .where('token_hash', '=', session.token_hash)
      .execute();
  }
  return actorForUser(db, session);
}

export async function logout(database: Database, token: string): Promise<void> {
  await database.db.deleteFrom('user_session').where('token_hash', '=', hashToken(token)).execute();
}
