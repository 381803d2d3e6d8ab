import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database';
import { createTestDatabase, ENGINES } from '../../../testing/test-database';
import type { ComparisonOp, Literal, RuleNode } from './rule-ast';
import { evaluateRule, ruleToText } from './rule-eval';
import {
  type FieldSpec,
  HOUSEHOLD_FIELDS,
  type HouseholdFacts,
  MEMBER_FIELDS,
  type MemberFacts,
} from './rule-fields';
import { parseRule } from './rule-parser';
import { compileRule } from './rule-sql';

const ON_DATE = '2026-11-21';
const at = { line: 1, column: 1 };
const OPS: ComparisonOp[] = ['=', '!=', '<', '<=', '>', '>='];

function literalFor(name: string, spec: FieldSpec): fc.Arbitrary<Literal> {
  if (spec.type === 'boolean') return fc.boolean();
  if (spec.type === 'number')
    return name.startsWith('age') ? fc.integer({ min: -2, max: 900 }) : fc.integer({ min: -1, max: 8 });
  if (spec.values) return fc.constantFrom(...spec.values);
  const digits = spec.pattern?.source.match(/\{(\d+)\}/)?.[1] ?? '2';
  return fc
    .constantFrom('02', '12', '0201', '1201', '020101', '020102', '02010101', '02010102')
    .filter((c) => c.length === Number(digits));
}

function testArb(fields: Record<string, FieldSpec>): fc.Arbitrary<RuleNode> {
  return fc.constantFrom(...Object.keys(fields)).chain((field) => {
    const spec = fields[field]!;
    const value = literalFor(field, spec);
    const op = spec.type === 'number' ? fc.constantFrom(...OPS) : fc.constantFrom<ComparisonOp>('=', '!=');
    return fc.oneof(
      fc.record({ op, value }).map(({ op, value }): RuleNode => ({ kind: 'compare', field, op, value, at })),
      fc
        .array(value, { minLength: 1, maxLength: 3 })
        .map((values): RuleNode => ({ kind: 'in', field, values, at })),
    );
  });
}

function ruleArb(fields: Record<string, FieldSpec>, depth: number): fc.Arbitrary<RuleNode> {
  const leaves: fc.Arbitrary<RuleNode>[] = [testArb(fields)];
  if (fields === HOUSEHOLD_FIELDS) {
    leaves.push(
      fc
        .record({
          where: fc.option(ruleArb(MEMBER_FIELDS, 2), { nil: null }),
          op: fc.constantFrom(...OPS),
          value: fc.integer({ min: 0, max: 4 }),
        })
        .map(({ where, op, value }): RuleNode => ({ kind: 'count', where, op, value, at })),
    );
  }
  if (depth <= 0) return fc.oneof(...leaves);
  const sub = ruleArb(fields, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...leaves) },
    {
      weight: 1,
      arbitrary: fc
        .record({
          kind: fc.constantFrom<'and' | 'or'>('and', 'or'),
          items: fc.array(sub, { minLength: 2, maxLength: 3 }),
        })
        .map((r): RuleNode => ({ ...r, at })),
    },
    { weight: 1, arbitrary: sub.map((item): RuleNode => ({ kind: 'not', item, at })) },
  );
}

const dateArb = fc.option(
  fc
    .date({ min: new Date('1930-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  { nil: null },
);
const memberArb: fc.Arbitrary<Omit<MemberFacts, 'member_ref'>> = fc.record({
  birth_date: dateArb,
  sex: fc.constantFrom('F', 'M'),
  has_disability: fc.boolean(),
  chronic_illness: fc.option(fc.boolean(), { nil: null }),
  is_pregnant: fc.boolean(),
  relation: fc.constantFrom(...(MEMBER_FIELDS.relation!.values ?? [])),
});
const householdArb = fc.record({
  location_class: fc.option(fc.constantFrom('phnom_penh_urban', 'other_urban', 'rural'), { nil: null }),
  village: fc.constantFrom('02010101', '02010102', '12010101', '02010201'),
  poverty_level: fc.option(fc.constantFrom(1, 2), { nil: null }),
  card_status: fc.constantFrom('active', 'expired', 'revoked', 'superseded', 'none'),
  is_at_risk: fc.boolean(),
  head_sex: fc.option(fc.constantFrom('F', 'M'), { nil: null }),
  members: fc.array(memberArb, { maxLength: 6 }),
});

type RawHousehold = typeof householdArb extends fc.Arbitrary<infer T> ? T : never;

function toFacts(raw: RawHousehold, i: number): HouseholdFacts {
  const members = raw.members.map((m, j) => ({ ...m, member_ref: `M-${i}-${j}` }));
  const v = raw.village;
  return {
    ...raw,
    household_ref: `H-${i}`,
    province: v.slice(0, 2),
    district: v.slice(0, 4),
    commune: v.slice(0, 6),
    member_count: members.length,
    members,
  };
}

describe.each(ENGINES)('compiled SQL and per-household evaluation agree on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await database.execScript(`
      CREATE TABLE rule_test_household (household_id int PRIMARY KEY, household_ref text, location_class text, province text,
        district text, commune text, village text, poverty_level int, card_status text, is_at_risk boolean, member_count int, head_sex text);
      CREATE TABLE rule_test_member (household_id int, member_ref text, birth_date date, sex text, has_disability boolean,
        chronic_illness boolean, is_pregnant boolean, relation text);`);
  });
  afterAll(async () => database?.close());

  it('on random households and random rules', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(householdArb, { minLength: 1, maxLength: 25 }),
        fc.array(ruleArb(HOUSEHOLD_FIELDS, 3), { minLength: 1, maxLength: 4 }),
        async (raw, rules) => {
          const households = raw.map(toFacts);
          await database.execScript('TRUNCATE rule_test_household; TRUNCATE rule_test_member;');
          await database.db
            .insertInto('rule_test_household' as never)
            .values(households.map(({ members: _m, ...h }, i) => ({ household_id: i, ...h })) as never)
            .execute();
          const members = households.flatMap((h, i) => h.members.map((m) => ({ household_id: i, ...m })));
          if (members.length > 0)
            await database.db
              .insertInto('rule_test_member' as never)
              .values(members as never)
              .execute();
          for (const generated of rules) {
            // Through the text form: what an officer types is what runs.
            const rule = parseRule(ruleToText(generated));
            const target = { householdAlias: 'h', memberRelation: 'rule_test_member', onDate: ON_DATE };
            const expected = households.map((h) => evaluateRule(rule, h, ON_DATE).isPassed);
            // As a WHERE condition (bare tests outside NOT) ...
            const where = compileRule(rule, { ...target, usage: 'where' });
            const selected = await sql<{
              household_ref: string;
            }>`SELECT h.household_ref FROM rule_test_household h WHERE ${where} ORDER BY h.household_id`.execute(
              database.db,
            );
            expect(
              selected.rows.map((r) => r.household_ref),
              ruleToText(rule),
            ).toEqual(households.filter((_, i) => expected[i]).map((h) => h.household_ref));
            // ... and as a value, which must never be NULL.
            const value = compileRule(rule, target);
            const values = await sql<{
              is_passed: boolean | null;
            }>`SELECT ${value} AS is_passed FROM rule_test_household h ORDER BY h.household_id`.execute(
              database.db,
            );
            expect(
              values.rows.map((r) => r.is_passed),
              ruleToText(rule),
            ).toEqual(expected);
          }
        },
      ),
      { numRuns: engine === 'pglite' ? 60 : 100 },
    );
  });
});
