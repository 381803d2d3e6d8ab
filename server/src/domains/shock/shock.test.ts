import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { insertHousehold } from '../programmes/testing/fixtures';
import { approvedCycle } from '../programmes/testing/journey';

async function villages(t: TestApp, n: number): Promise<string[]> {
  const rows = await sql<{
    code: string;
  }>`SELECT code FROM area WHERE level = 4 AND code LIKE '0204%' ORDER BY code LIMIT ${n}`.execute(
    t.database.db,
  );
  return rows.rows.map((r) => r.code);
}

const TOP_UP = [{ component: 'household', amountRiel: 50_000, isConfirmed: true }];

describe.each(ENGINES)('shock response on %s', (engine) => {
  let t: TestApp;
  let officer: { headers: { cookie: string } };
  beforeAll(async () => {
    t = await createTestApp(engine);
    officer = await t.signedIn({ role: 'programme_officer' });
  });
  afterAll(async () => t?.close());
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, headers: officer.headers });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: officer.headers });

  async function declare(areaCodes: string[]) {
    const response = await post('/api/shock/events', {
      kind: 'flood',
      name: { en: 'Tonle Sap flood', km: 'ទឹកជំនន់ទន្លេសាប' },
      startsOn: '2026-10-01',
      areaCodes,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it('refuses unknown areas', async () => {
    const response = await post('/api/shock/events', {
      kind: 'flood',
      name: { en: 'Nowhere', km: 'គ្មាន' },
      startsOn: '2026-10-01',
      areaCodes: ['99999999'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details[0]).toMatchObject({ path: ['areaCodes', 0], value: '99999999' });
  });

  it('tops up households enrolled in a programme there (vertical), paid through the usual cycle', async () => {
    const [inArea, outside] = await villages(t, 2);
    const source = await approvedCycle(t, { villageCode: inArea!, households: 3 });
    await approvedCycle(t, { villageCode: outside!, households: 2 });
    const event = await declare([inArea!]);
    const created = await post(`/api/shock/events/${event.id}/responses`, {
      mode: 'vertical',
      code: 'flood-top-up',
      sourceProgrammeCodes: [source.code],
      endsOn: '2027-01-31',
      benefits: TOP_UP,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ mode: 'vertical', enrolledCount: 3, endsOn: '2027-01-31' });
    const cycle = await post('/api/programmes/flood-top-up/cycles', { period: '2026-12' });
    expect(cycle.json()).toMatchObject({ householdCount: 3, totalRiel: 150_000 });
    const late = await post('/api/programmes/flood-top-up/cycles', { period: '2027-02' });
    expect(late.statusCode).toBe(409);
    expect(late.json().reason).toEqual({
      code: 'programmes.version_dates',
      params: { from: expect.any(String), until: '2027-01-31', date: '2027-02-01' },
    });
    const rerun = await post('/api/programmes/flood-top-up/enrolment-runs', {});
    expect(rerun.statusCode).toBe(409);
    expect(rerun.json()).toMatchObject({
      message: 'A shock response enrols its households when it is created, not by a rule run.',
      reason: { code: 'programmes.shock_enrols_itself', params: {} },
    });
  });

  it('temporarily enrols at-risk households there (horizontal) and lists the unassessed', async () => {
    const [, , area] = await villages(t, 3);
    const atRisk = await insertHousehold(t.database, { villageCode: area!, isAtRisk: true });
    await insertHousehold(t.database, { villageCode: area!, card: { level: 1 } });
    const unassessed = await insertHousehold(t.database, { villageCode: area! });
    const event = await declare([area!.slice(0, 6)]);
    const created = await post(`/api/shock/events/${event.id}/responses`, {
      mode: 'horizontal',
      code: 'flood-near-poor',
      endsOn: '2027-03-31',
      benefits: TOP_UP,
    });
    expect(created.json()).toMatchObject({ mode: 'horizontal', enrolledCount: 1 });
    const enrolled = (await get('/api/programmes/flood-near-poor/enrolments')).json();
    expect(enrolled.items.map((i: { householdRef: string }) => i.householdRef)).toEqual([
      atRisk.householdRef,
    ]);
    expect(enrolled.items[0].reason).toContain('until 2027-03-31');
    const list = (await get(`/api/shock/events/${event.id}/unassessed`)).json();
    expect(list.map((h: { householdRef: string }) => h.householdRef)).toContain(unassessed.householdRef);
    expect(list.map((h: { householdRef: string }) => h.householdRef)).not.toContain(atRisk.householdRef);
    const wrong = await post(`/api/shock/events/${event.id}/responses`, {
      mode: 'vertical',
      code: 'flood-wrong',
      endsOn: '2027-03-31',
      benefits: TOP_UP,
    });
    expect(wrong.statusCode).toBe(400);
  });
});
