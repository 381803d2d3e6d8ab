import type { Answers } from '@mlob/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { todayInCambodia } from '../geography';
import { POOR_RURAL } from './testing/answers';
import { type FixtureMember, insertHousehold } from './testing/households';
import { assessOnDemand, call } from './testing/workflow';

const VILLAGE = '02010104';
type AtRisk = { margin: number; items: { householdId: string; score: number; categories: string[] }[] };

function yearsAgo(years: number, days = 0): string {
  const d = new Date(`${todayInCambodia()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

// Two adults 30–40, no child: dependency 0 % → 4 points. Score 30 with these answers.
const NEAR_POOR: Answers = {
  ...POOR_RURAL,
  house_condition: 'good',
  transport: ['motorbike'],
  appliances: ['mobile_phone', 'tv'],
};
const ADULTS: FixtureMember[] = [
  { sex: 'M', relation: 'head', birthDate: yearsAgo(40) },
  { sex: 'F', relation: 'spouse', birthDate: yearsAgo(38) },
];

describe.each(ENGINES)('at-risk households on %s', (engine) => {
  let t: TestApp;
  let commune: { cookie: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    commune = (await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] })).headers;
  });
  afterAll(async () => t?.close());

  async function assessed(members: FixtureMember[], answers = NEAR_POOR) {
    const { householdId } = await insertHousehold(t.database, { villageCode: VILLAGE, members });
    const a = await assessOnDemand(t, commune, householdId, answers, todayInCambodia());
    return { householdId, score: a.explanation.score };
  }

  it('lists households just above the level-2 cut-off with their vulnerability categories', async () => {
    const plain = await assessed(ADULTS);
    expect(plain.score).toBe(30); // level-2 cut-off 28 + 2: inside the default margin of 5
    const baby = await assessed([...ADULTS, { sex: 'F', relation: 'child', birthDate: yearsAgo(1) }]);
    const elder = await assessed([
      ...ADULTS,
      { sex: 'M', relation: 'parent', birthDate: yearsAgo(60), disability: ['walking'] },
    ]);
    const singleMother = await assessed([
      { sex: 'F', relation: 'head', birthDate: yearsAgo(35) },
      { sex: 'M', relation: 'child', birthDate: yearsAgo(16) },
    ]);
    const childHeaded = await assessed([
      { sex: 'M', relation: 'head', birthDate: yearsAgo(17) },
      { sex: 'F', relation: 'other_relative', birthDate: yearsAgo(16) },
    ]);
    const wellOff = await assessed([...ADULTS, { sex: 'F', relation: 'child', birthDate: yearsAgo(1) }], {
      ...NEAR_POOR,
      roof_material: 'concrete',
    });
    const poor = await assessed(
      [...ADULTS, { sex: 'F', relation: 'child', birthDate: yearsAgo(1) }],
      POOR_RURAL,
    );

    const result = await call<AtRisk>(t, commune, 'GET', `/api/assessment/at-risk?areaCode=${VILLAGE}`);
    expect(result.margin).toBe(5);
    const byId = new Map(result.items.map((i) => [i.householdId, i.categories]));
    expect(byId.has(plain.householdId)).toBe(false);
    expect(byId.get(baby.householdId)).toEqual(['child_under_2']);
    expect(byId.get(elder.householdId)).toEqual(['disability', 'aged_60_plus']);
    expect(byId.get(singleMother.householdId)).toEqual(['female_head', 'single_woman_head']);
    expect(byId.get(childHeaded.householdId)).toEqual(['only_under_18']);
    expect(byId.has(wellOff.householdId)).toBe(false);
    expect(byId.has(poor.householdId)).toBe(false);

    const narrow = await call<AtRisk>(
      t,
      commune,
      'GET',
      `/api/assessment/at-risk?areaCode=${VILLAGE}&margin=0`,
    );
    expect(narrow.items).toEqual([]);
    const chief = (await t.signedIn({ role: 'village_chief', areaCodes: ['02010101'] })).headers;
    expect(
      (await call<AtRisk>(t, chief, 'GET', `/api/assessment/at-risk?areaCode=${VILLAGE}`)).items,
    ).toEqual([]);
  });
});
