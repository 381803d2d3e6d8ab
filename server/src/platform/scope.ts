import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { ScopeKind } from './roles';

/** What an actor may see. Area scopes are sets of gazetteer codes (any level). */
export type Scope =
  | { kind: 'national' }
  | { kind: 'areas'; areaCodes: readonly string[] }
  | { kind: Exclude<ScopeKind, 'national' | 'areas'>; unitId: string };

/** True when the area (any level) lies inside the scope. */
export function isAreaInScope(scope: Scope, areaCode: string): boolean {
  switch (scope.kind) {
    case 'national':
      return true;
    case 'areas':
      return scope.areaCodes.some((c) => areaCode.startsWith(c));
    case 'facility':
    case 'lab':
    case 'school':
      return false;
  }
}

/** True when the area is inside the scope or is an ancestor of an area in it (for navigation). */
export function isAreaVisible(scope: Scope, areaCode: string): boolean {
  return (
    isAreaInScope(scope, areaCode) ||
    (scope.kind === 'areas' && scope.areaCodes.some((c) => c.startsWith(areaCode)))
  );
}

/**
 * A WHERE condition limiting rows whose `column` holds an area code (usually a village code)
 * to the scope. Built into every query over area-bound data, so out-of-scope rows never load.
 * Prefix match with `LIKE 'code%'` uses a text_pattern_ops / C-collation index.
 */
export function areaScopeCondition<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  scope: Scope,
): ExpressionWrapper<DB, TB, SqlBool> {
  switch (scope.kind) {
    case 'national':
      return eb.val(true) as unknown as ExpressionWrapper<DB, TB, SqlBool>;
    case 'areas': {
      if (scope.areaCodes.length === 0) return eb.val(false) as unknown as ExpressionWrapper<DB, TB, SqlBool>;
      const ref = sql.ref(column);
      return eb.or(scope.areaCodes.map((code) => eb(sql`${ref}`, 'like', `${code}%`))) as ExpressionWrapper<
        DB,
        TB,
        SqlBool
      >;
    }
    case 'facility':
    case 'lab':
    case 'school':
      return eb.val(false) as unknown as ExpressionWrapper<DB, TB, SqlBool>;
  }
}
