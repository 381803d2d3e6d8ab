import { describe, expect, it } from 'vitest';
import { RuleError } from './rule-ast';
import { evaluateRule, ruleToText } from './rule-eval';
import type { HouseholdFacts } from './rule-fields';
import { parseRule } from './rule-parser';

const household: HouseholdFacts = {
  household_ref: 'HH-1',
  location_class: 'rural',
  province: '02',
  district: '0201',
  commune: '020101',
  village: '02010101',
  poverty_level: 2,
  card_status: 'active',
  is_at_risk: false,
  member_count: 3,
  head_sex: 'F',
  members: [
    {
      member_ref: 'M-1',
      birth_date: '1980-01-01',
      sex: 'F',
      has_disability: false,
      chronic_illness: null,
      is_pregnant: true,
      relation: 'head',
    },
    {
      member_ref: 'M-2',
      birth_date: '2025-06-15',
      sex: 'M',
      has_disability: false,
      chronic_illness: false,
      is_pregnant: false,
      relation: 'child',
    },
    {
      member_ref: 'M-3',
      birth_date: null,
      sex: 'M',
      has_disability: true,
      chronic_illness: true,
      is_pregnant: false,
      relation: 'parent',
    },
  ],
};

function errorOf(source: string): string {
  try {
    parseRule(source);
  } catch (error) {
    if (error instanceof RuleError) return error.message;
    throw error;
  }
  throw new Error('no error');
}

describe('rule language', () => {
  it('evaluates the Family Package rule and explains it per step', () => {
    const rule = parseRule(`poverty_level in (1, 2) and card_status = 'active'
      and (count(members where is_pregnant = true) >= 1 or count(members where age_months < 24) >= 1)`);
    const result = evaluateRule(rule, household, '2026-11-21');
    expect(result.isPassed).toBe(true);
    expect(result.parts?.map((p) => [p.test, p.isPassed, p.because])).toEqual([
      ['poverty_level in (1, 2)', true, 'poverty_level is 2'],
      ["card_status = 'active'", true, "card_status is 'active'"],
      [
        'count(members where is_pregnant = true) >= 1 or count(members where age_months < 24) >= 1',
        true,
        '2 of 2 alternatives hold',
      ],
    ]);
    expect(result.parts?.[2]?.parts?.[1]?.because).toBe('1 member matches: M-2');
  });

  it('explains why a household is not eligible', () => {
    const result = evaluateRule(
      parseRule("location_class = 'phnom_penh_urban' and poverty_level = 1"),
      household,
      '2026-11-21',
    );
    expect(result).toMatchObject({ isPassed: false, because: '2 of 2 conditions fail' });
    expect(result.parts?.[0]?.because).toBe("location_class is 'rural'");
  });

  it('never lets an unknown value pass a test, in either direction', () => {
    const unknownAge = parseRule('count(members where age >= 0 or age < 0) = 2');
    expect(evaluateRule(unknownAge, household, '2026-11-21').isPassed).toBe(true);
    const negated = parseRule('count(members where not (age >= 60)) = 3');
    expect(evaluateRule(negated, household, '2026-11-21').isPassed).toBe(true);
  });

  it('prints a rule back in its own language', () => {
    const text = "not (head_sex = 'M') and province not in ('02', '12') or count(members) > 4";
    expect(ruleToText(parseRule(text))).toBe(
      "(not (head_sex = 'M') and province not in ('02', '12')) or count(members) > 4",
    );
    expect(ruleToText(parseRule(ruleToText(parseRule(text))))).toBe(ruleToText(parseRule(text)));
  });

  it.each([
    ['', 'line 1, column 1: the rule is empty'],
    ['poverty_levl = 1', 'line 1, column 1: unknown field "poverty_levl"; known fields:'],
    [
      'age < 5',
      'line 1, column 1: unknown field "age" (it is a member field: use it inside count(members where …))',
    ],
    [
      "count(members where province = '02') > 0",
      'unknown field "province" (it is a household field: use it outside count(…))',
    ],
    [
      "location_class = 'urban'",
      "line 1, column 18: 'urban' is not a value of \"location_class\"; use one of 'phnom_penh_urban', 'other_urban', 'rural'",
    ],
    [
      "poverty_level = 'one'",
      'line 1, column 17: "poverty_level" is a number; the text \'one\' does not fit',
    ],
    ["head_sex > 'F'", 'line 1, column 1: "head_sex" can only be compared with = or !='],
    [
      'poverty_level = 1 and\n  card_status',
      'line 2, column 14: expected a comparison (=, !=, <, <=, >, >=) but found the end of the rule',
    ],
    ['poverty_level = 1 card_status', 'line 1, column 19: unexpected "card_status" (missing "and" or "or"?)'],
    ["province = '2'", "line 1, column 12: '2' is not a valid province code"],
    ['count(members) >= 1.5', 'a count is compared with a whole number, not the number 1.5'],
    ["location_class = 'rural", 'line 1, column 18: text that starts here has no closing quote'],
    ['poverty_level ~ 1', 'line 1, column 15: unexpected character "~"'],
  ])('rejects %j with a clear message', (source, message) => {
    expect(errorOf(source)).toContain(message);
  });
});
