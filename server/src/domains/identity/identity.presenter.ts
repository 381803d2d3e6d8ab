import type { Me, User } from '@mlob/contracts';
import type { Actor } from '../../platform/actor';
import type { UserRow } from './users.repo';

export function presentMe(user: UserRow, actor: Actor): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: actor.role,
    scope: presentScope(actor),
    locale: user.locale === 'en' ? 'en' : 'km',
  };
}

function presentScope(actor: Actor): Me['scope'] {
  const { scope } = actor;
  switch (scope.kind) {
    case 'national':
      return { kind: 'national' };
    case 'areas':
      return { kind: 'areas', areaCodes: [...scope.areaCodes] };
    case 'facility':
    case 'lab':
    case 'school':
      return { kind: scope.kind, unitId: scope.unitId };
  }
}

export function presentUser(user: UserRow & { scopeAreaCodes: string[] }): User {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role as User['role'],
    scope: {
      kind: user.scope_kind as User['scope']['kind'],
      ...(user.scope_kind === 'areas' ? { areaCodes: user.scopeAreaCodes } : {}),
      ...(user.scope_unit_id ? { unitId: user.scope_unit_id } : {}),
    },
    locale: user.locale === 'en' ? 'en' : 'km',
    isActive: user.is_active,
    isLocked: user.locked_until !== null && user.locked_until > new Date(),
    createdAt: user.created_at.toISOString(),
  };
}
