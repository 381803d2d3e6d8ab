import type { ComparisonOp, Literal, RuleNode } from './rule-ast';
import { ageInMonths, type HouseholdFacts, type MemberFacts } from './rule-fields';

/** One step of an explanation: the test as written, its outcome, and why. */
export interface Explanation {
  test: string;
  isPassed: boolean;
  because: string;
  parts?: Explanation[];
}

/** Evaluates a rule for one household, with the reason for every step. */
export function evaluateRule(node: RuleNode, household: HouseholdFacts, onDate: string): Explanation {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.items.map((item) => evaluateRule(item, household, onDate));
      const isPassed = node.kind === 'and' ? parts.every((p) => p.isPassed) : parts.some((p) => p.isPassed);
      const deciding = parts.filter((p) => p.isPassed === isPassed).length;
      const because =
        node.kind === 'and'
          ? isPassed
            ? 'every condition holds'
            : `${deciding} of ${parts.length} conditions fail`
          : isPassed
            ? `${deciding} of ${parts.length} alternatives hold`
            : 'no alternative holds';
      return { test: ruleToText(node), isPassed, because, parts };
    }
    case 'not': {
      const inner = evaluateRule(node.item, household, onDate);
      return {
        test: ruleToText(node),
        isPassed: !inner.isPassed,
        because: `the negated condition ${inner.isPassed ? 'holds' : 'does not hold'}`,
        parts: [inner],
      };
    }
    case 'literal':
      return { test: String(node.value), isPassed: node.value, because: 'constant' };
    case 'compare':
    case 'in': {
      const value = householdValue(household, node.field);
      return {
        test: ruleToText(node),
        isPassed: test(node, value),
        because: `${node.field} is ${show(value)}`,
      };
    }
    case 'count': {
      const matching = household.members.filter((m) => !node.where || evaluateMember(node.where, m, onDate));
      const isPassed = compare(matching.length, node.op, node.value);
      const who = matching.length > 0 ? `: ${matching.map((m) => m.member_ref).join(', ')}` : '';
      return {
        test: ruleToText(node),
        isPassed,
        because: `${matching.length} ${matching.length === 1 ? 'member matches' : 'members match'}${who}`,
      };
    }
  }
}

function evaluateMember(node: RuleNode, member: MemberFacts, onDate: string): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((item) => evaluateMember(item, member, onDate));
    case 'or':
      return node.items.some((item) => evaluateMember(item, member, onDate));
    case 'not':
      return !evaluateMember(node.item, member, onDate);
    case 'literal':
      return node.value;
    case 'compare':
    case 'in':
      return test(node, memberValue(member, node.field, onDate));
    case 'count':
      throw new Error('count inside count is rejected by the parser');
  }
}

function test(node: Extract<RuleNode, { kind: 'compare' | 'in' }>, value: Literal | null): boolean {
  if (value === null) return false;
  return node.kind === 'in' ? node.values.some((v) => v === value) : compare(value, node.op, node.value);
}

function compare(a: Literal, op: ComparisonOp, b: Literal): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function householdValue(household: HouseholdFacts, field: string): Literal | null {
  const value = (household as unknown as Record<string, Literal | null | undefined>)[field];
  return value ?? null;
}

function memberValue(member: MemberFacts, field: string, onDate: string): Literal | null {
  if (field === 'age_months' || field === 'age') {
    if (!member.birth_date) return null;
    const months = ageInMonths(member.birth_date, onDate);
    return field === 'age' ? Math.floor(months / 12) : months;
  }
  const value = (member as unknown as Record<string, Literal | null | undefined>)[field];
  return value ?? null;
}

function show(value: Literal | null): string {
  return value === null ? 'unknown' : typeof value === 'string' ? `'${value}'` : String(value);
}

/** Prints a rule back in the rule language (normalised spacing), for explanations and screens. */
export function ruleToText(node: RuleNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.items
        .map((i) => (i.kind === 'and' || i.kind === 'or' ? `(${ruleToText(i)})` : ruleToText(i)))
        .join(` ${node.kind} `);
    case 'not':
      return node.item.kind === 'in'
        ? `${node.item.field} not in (${node.item.values.map(showLiteral).join(', ')})`
        : `not (${ruleToText(node.item)})`;
    case 'literal':
      return String(node.value);
    case 'compare':
      return `${node.field} ${node.op} ${showLiteral(node.value)}`;
    case 'in':
      return `${node.field} in (${node.values.map(showLiteral).join(', ')})`;
    case 'count':
      return `count(members${node.where ? ` where ${ruleToText(node.where)}` : ''}) ${node.op} ${node.value}`;
  }
}

function showLiteral(value: Literal): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
