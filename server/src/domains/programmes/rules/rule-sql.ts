import { type RawBuilder, sql } from 'kysely';
import type { Literal, RuleNode } from './rule-ast';

export interface RuleSqlTarget {
  /** Alias of the household facts relation in the surrounding query. */
  householdAlias: string;
  /** The member facts relation (table or view name) with a household_id column. */
  memberRelation: string;
  /** Date ages are computed at ('YYYY-MM-DD'). */
  onDate: string;
  /**
   * 'where': the expression is only ever used as a WHERE condition, where NULL and FALSE both
   * drop the row. Tests outside any NOT are then left bare (no coalesce), so the planner sees
   * strict conditions and can turn the facts view's outer joins into inner joins. 'value'
   * (default) gives a true boolean, never NULL.
   */
  usage?: 'where' | 'value';
}

/**
 * Compiles a parsed rule to one SQL boolean expression over the household facts, so a
 * programme's eligibility runs as one set-based statement over the whole registry.
 * Every comparison is coalesced to false: a missing value never passes a test, exactly as
 * in the per-household evaluator, and NOT never meets a NULL.
 */
export function compileRule(node: RuleNode, target: RuleSqlTarget): RawBuilder<boolean> {
  return compile(node, target, sql.ref(target.householdAlias), target.usage === 'where');
}

/**
 * Compiles a member condition (the part inside `count(members where …)`, e.g. a benefit
 * category) to a WHERE condition over the member facts alias `memberAlias`.
 */
export function compileMemberCondition(
  node: RuleNode,
  target: { memberAlias: string; onDate: string },
): RawBuilder<boolean> {
  const full: RuleSqlTarget = { householdAlias: '', memberRelation: '', onDate: target.onDate };
  return compile(node, full, sql.ref(target.memberAlias), true);
}

function compile(
  node: RuleNode,
  target: RuleSqlTarget,
  alias: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
  isBare: boolean,
): RawBuilder<boolean> {
  const guard = (test: RawBuilder<boolean>) => (isBare ? test : sql<boolean>`coalesce(${test}, FALSE)`);
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.items.map((item) => compile(item, target, alias, isBare));
      return sql<boolean>`(${sql.join(parts, sql.raw(node.kind === 'and' ? ' AND ' : ' OR '))})`;
    }
    case 'not':
      // Under NOT a NULL would stay NULL: back to coalesced tests.
      return sql<boolean>`(NOT ${compile(node.item, target, alias, false)})`;
    case 'literal':
      return node.value ? sql<boolean>`TRUE` : sql<boolean>`FALSE`;
    case 'compare':
      return guard(
        sql<boolean>`(${column(node.field, alias, target)} ${sql.raw(node.op === '!=' ? '<>' : node.op)} ${literal(node.value)})`,
      );
    case 'in':
      return guard(
        sql<boolean>`(${column(node.field, alias, target)} IN (${sql.join(node.values.map(literal))}))`,
      );
    case 'count': {
      const member = sql.ref('rule_m');
      // The member condition is a WHERE of its own: bare tests are safe there.
      const where = node.where ? sql`AND ${compile(node.where, target, member, true)}` : sql``;
      return sql<boolean>`((SELECT count(*) FROM ${sql.table(target.memberRelation)} AS rule_m
        WHERE rule_m.household_id = ${sql.ref(`${target.householdAlias}.household_id`)} ${where}) ${sql.raw(node.op === '!=' ? '<>' : node.op)} ${node.value})`;
    }
  }
}

function column(field: string, alias: unknown, target: RuleSqlTarget): RawBuilder<unknown> {
  const ref = (name: string) => sql`${alias as RawBuilder<unknown>}.${sql.ref(name)}`;
  if (field === 'age_months' || field === 'age') {
    const birth = ref('birth_date');
    const on = sql`${target.onDate}::date`;
    // Same arithmetic as ageInMonths() in rule-fields.ts.
    const months = sql`((extract(year FROM ${on}) - extract(year FROM ${birth})) * 12
      + (extract(month FROM ${on}) - extract(month FROM ${birth}))
      - CASE WHEN extract(day FROM ${on}) < extract(day FROM ${birth}) THEN 1 ELSE 0 END)`;
    return field === 'age' ? sql`floor(${months} / 12.0)` : months;
  }
  return ref(field);
}

function literal(value: Literal): RawBuilder<unknown> {
  // Whole numbers as integers: an integer column is then compared as itself, so the planner
  // keeps its statistics (a numeric literal would cast the column and blind the estimate).
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? sql`${value}::int` : sql`${value}::numeric`;
  if (typeof value === 'boolean') return sql`${value}::boolean`;
  return sql`${value}::text`;
}
