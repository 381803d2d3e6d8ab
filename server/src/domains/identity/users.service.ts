import type { Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';
import { AREA_LEVEL_BY_ROLE, type Role, SCOPE_KIND_BY_ROLE, type ScopeKind } from '../../platform/roles';
import type { Scope } from '../../platform/scope';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import * as repo from './users.repo';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeAreaCodes?: string[];
  scopeUnitId?: string | null;
  locale?: 'km' | 'en';
}

/** Builds the actor (role and scope) for a stored user. */
export async function actorForUser(db: Database['db'], user: repo.UserRow): Promise<Actor> {
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    role: user.role as Role,
    scope: await scopeOf(db, user),
  };
}

async function scopeOf(db: Database['db'], user: repo.UserRow): Promise<Scope> {
  const kind = user.scope_kind as ScopeKind;
  switch (kind) {
    case 'national':
      return { kind: 'national' };
    case 'areas':
      return { kind: 'areas', areaCodes: await repo.findScopeAreas(db, user.id) };
    case 'facility':
    case 'lab':
    case 'school':
      return { kind, unitId: user.scope_unit_id ?? '' };
  }
}

/**
 * Creates a user after checking that the role fits the scope (a village chief gets exactly
 * villages, a commune officer communes) and that every area exists. Audited in the same
 * transaction; the password hash never enters the audit record.
 */
export async function createUser(options: { database: Database; audit: AuditContext; user: NewUser }) {
  const { user } = options;
  const problems = validateNewUser(user);
  if (problems.length > 0) throw new AppError('validation_failed', problems[0]!.message, problems);
  const passwordHash = await hashPassword(user.password);
  return options.database.db.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, user.username)) {
      throw new AppError('conflict', `A user named "${user.username}" already exists.`, [
        { path: ['username'], message: 'already taken' },
      ]);
    }
    await assertAreasExist(trx, user.scopeAreaCodes ?? []);
    const created = await trx
      .insertInto('app_user')
      .values({
        username: user.username,
        display_name: user.displayName,
        password_hash: passwordHash,
        role: user.role,
        scope_kind: user.scopeKind,
        scope_unit_id:
          user.scopeKind === 'national' || user.scopeKind === 'areas' ? null : (user.scopeUnitId ?? null),
        locale: user.locale ?? 'km',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const areas = user.scopeKind === 'areas' ? (user.scopeAreaCodes ?? []) : [];
    if (areas.length > 0) {
      await trx
        .insertInto('user_scope_area')
        .values(areas.map((area_code) => ({ user_id: created.id, area_code })))
        .execute();
    }
    await recordAudit(trx, options.audit, {
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      after: {
        username: created.username,
        role: created.role,
        scopeKind: created.scope_kind,
        scopeAreas: areas,
        scopeUnitId: created.scope_unit_id,
      },
    });
    return created;
  });
}

function validateNewUser(user: NewUser) {
  const problems: { path: string[]; message: string }[] = [];
  if (user.password.length < MIN_PASSWORD_LENGTH) {
    problems.push({
      path: ['password'],
      message: `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
    });
  }
  if (!SCOPE_KIND_BY_ROLE[user.role].includes(user.scopeKind)) {
    problems.push({
      path: ['scopeKind'],
      message: `A ${user.role} must have a scope of kind ${SCOPE_KIND_BY_ROLE[user.role].join(' or ')}, not ${user.scopeKind}.`,
    });
  }
  if (user.scopeKind === 'areas') {
    const codes = user.scopeAreaCodes ?? [];
    if (codes.length === 0)
      problems.push({ path: ['scopeAreaCodes'], message: 'An area scope needs at least one area.' });
    const level = AREA_LEVEL_BY_ROLE[user.role];
    for (const [i, code] of codes.entries()) {
      if (level !== undefined && code.length !== level * 2) {
        problems.push({
          path: ['scopeAreaCodes', String(i)],
          message: `A ${user.role} is scoped to ${level * 2}-digit codes; "${code}" has ${code.length}.`,
        });
      }
    }
  }
  if (
    (user.scopeKind === 'facility' || user.scopeKind === 'lab' || user.scopeKind === 'school') &&
    !user.scopeUnitId
  ) {
    problems.push({
      path: ['scopeUnitId'],
      message: `A ${user.scopeKind} scope needs the ${user.scopeKind} id.`,
    });
  }
  return problems;
}

async function assertAreasExist(trx: Transaction<DB>, codes: string[]) {
  if (codes.length === 0) return;
  const found = await trx.selectFrom('area').select('code').where('code', 'in', codes).execute();
  const known = new Set(found.map((r) => r.code));
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length > 0) {
    throw new AppError(
      'validation_failed',
      `Unknown area code ${missing.join(', ')}.`,
      missing.map((code) => ({ path: ['scopeAreaCodes'], message: 'unknown area code', value: code })),
    );
  }
}

export async function listUsersWithScopes(database: Database, options: { limit: number; offset: number }) {
  const users = await repo.listUsers(database.db, options);
  const areas = await repo.listScopeAreasForUsers(
    database.db,
    users.map((u) => u.id),
  );
  return users.map((u) => ({
    ...u,
    scopeAreaCodes: areas.filter((a) => a.user_id === u.id).map((a) => a.area_code),
  }));
}
