import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { todayInCambodia } from '../geography';
import { POOR_RURAL } from './testing/answers';
import { insertHousehold } from './testing/households';
import { assessOnDemand, call } from './testing/workflow';

type Refusal = { message: string; reason?: { code: string; params: Record<string, unknown> } };

const VILLAGE = '02010101';
type List = {
  id: string;
  status: string;
  entries: { householdId: string; proposedLevel: number | null; finalLevel: number | null }[];
  objections: { id: string; status: string }[];
};
type Card = {
  id: string;
  householdId: string;
  level: number;
  status: string;
  cardNumber: string;
  qrPayload: string;
};

describe.each(ENGINES)('community validation on %s', (engine) => {
  let t: TestApp;
  let chief: { cookie: string };
  let commune: { cookie: string };
  let province: { cookie: string };
  const today = todayInCambodia();

  beforeAll(async () => {
    t = await createTestApp(engine);
    chief = (await t.signedIn({ role: 'village_chief', areaCodes: [VILLAGE] })).headers;
    commune = (await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] })).headers;
    province = (await t.signedIn({ role: 'provincial_officer', areaCodes: ['02'] })).headers;
  });
  afterAll(async () => t?.close());

  it('runs draft → printable list → objection that changes the outcome → approval → publication → cards', async () => {
    const hh = async () => (await insertHousehold(t.database, { villageCode: VILLAGE })).householdId;
    const [a, b, c, d] = [await hh(), await hh(), await hh(), await hh()];
    const poor = await assessOnDemand(t, chief, a, POOR_RURAL, today);
    const veryPoor = await assessOnDemand(
      t,
      chief,
      b,
      { ...POOR_RURAL, serious_illness: true, lost_main_earner: true },
      today,
    );
    const rich = await assessOnDemand(
      t,
      chief,
      c,
      {
        ...POOR_RURAL,
        roof_material: 'concrete',
        wall_material: 'brick',
        floor_area_m2: 150,
        transport: ['car'],
      },
      today,
    );
    const borderline = await assessOnDemand(
      t,
      chief,
      d,
      {
        ...POOR_RURAL,
        house_condition: 'good',
        transport: ['motorbike'],
        appliances: ['mobile_phone', 'tv'],
      },
      today,
    );
    expect([poor, veryPoor, rich, borderline].map((x) => x.explanation.level)).toEqual([2, 1, null, null]);
    expect(borderline.explanation.score).toBe(30);

    // Step 1: the draft, by the commune officer; the village chief may not draft.
    await call(t, chief, 'POST', '/api/assessment/lists', { villageCode: VILLAGE }, [403]);
    const draft = await call<List>(t, commune, 'POST', '/api/assessment/lists', { villageCode: VILLAGE });
    expect(draft.status).toBe('draft');
    expect(draft.entries).toHaveLength(4);

    // Step 2: posted with an objection period; the printable list is a PDF.
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await call(t, commune, 'POST', `/api/assessment/lists/${draft.id}/display`, { objectionUntil: tomorrow });
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/assessment/lists/${draft.id}/print.pdf`,
      headers: chief,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Step 3: objections. One asks that the borderline household be included (upheld), one
    // that the poor household be taken off (rejected).
    const withObjections = await call<List>(
      t,
      chief,
      'POST',
      `/api/assessment/lists/${draft.id}/objections`,
      {
        householdId: d,
        lodgedByName: 'Neighbour Chan',
        reason: 'The husband died last month; the family has no income',
        requestedLevel: 2,
      },
    );
    await call(t, chief, 'POST', `/api/assessment/lists/${draft.id}/objections`, {
      householdId: a,
      lodgedByName: 'Neighbour Dara',
      reason: 'They own a second house in town',
      requestedLevel: null,
    });
    const listed = await call<List>(t, commune, 'GET', `/api/assessment/lists/${draft.id}`);
    const [upheld, rejected] = listed.objections;
    expect(withObjections.objections).toHaveLength(1);
    await call(
      t,
      chief,
      'POST',
      `/api/assessment/objections/${upheld!.id}/decision`,
      { decision: 'upheld', reason: 'x' },
      [403],
    );
    await call(t, commune, 'POST', `/api/assessment/objections/${upheld!.id}/decision`, {
      decision: 'upheld',
      reason: 'Confirmed by the VRG: loss of the main earner',
    });
    await call(t, commune, 'POST', `/api/assessment/objections/${rejected!.id}/decision`, {
      decision: 'rejected',
      reason: 'The house belongs to a relative',
    });
    // Each refusal names its rule (the web app says it in Khmer) with the values it needs.
    const decidedTwice = await call<Refusal>(
      t,
      commune,
      'POST',
      `/api/assessment/objections/${rejected!.id}/decision`,
      { decision: 'upheld', reason: 'again' },
      [409],
    );
    expect(decidedTwice.reason).toEqual({
      code: 'assessment.objection_decided',
      params: { id: rejected!.id, status: 'rejected' },
    });
    expect(decidedTwice.message).toBe(`Objection ${rejected!.id} is already rejected.`);

    // Step 4: approval waits for the end of the objection period.
    const early = await call<Refusal>(
      t,
      commune,
      'POST',
      `/api/assessment/lists/${draft.id}/approve`,
      { councilDecisionRef: 'CC-2026-14' },
      [409],
    );
    expect(early.reason).toEqual({ code: 'assessment.objection_period_runs', params: { date: tomorrow } });
    await t.database.db
      .updateTable('village_list')
      .set({ objection_until: today })
      .where('id', '=', draft.id)
      .execute();
    const late = await call<Refusal>(
      t,
      chief,
      'POST',
      `/api/assessment/lists/${draft.id}/objections`,
      { householdId: c, lodgedByName: 'Late', reason: 'Too late now', requestedLevel: 1 },
      [409],
    );
    expect(late.reason).toEqual({ code: 'assessment.objection_period_ended', params: { date: today } });
    await call(t, commune, 'POST', `/api/assessment/lists/${draft.id}/publish`, undefined, [403]);
    const approved = await call<List>(t, commune, 'POST', `/api/assessment/lists/${draft.id}/approve`, {
      councilDecisionRef: 'CC-2026-14',
    });
    expect(approved.status).toBe('approved');
    const finalLevels = new Map(
      approved.entries.map((e) => [e.householdId, [e.proposedLevel, e.finalLevel]]),
    );
    expect(finalLevels.get(d)).toEqual([null, 2]);
    expect(finalLevels.get(a)).toEqual([2, 2]);

    // Step 5: publication by the province issues cards to level 1 and 2 (and the upheld one).
    const published = await call<{ issued: number }>(
      t,
      province,
      'POST',
      `/api/assessment/lists/${draft.id}/publish`,
    );
    expect(published.issued).toBe(3);
    const { items } = await call<{ items: Card[] }>(
      t,
      commune,
      'GET',
      `/api/assessment/cards?listId=${draft.id}`,
    );
    expect(new Map(items.map((i) => [i.householdId, i.level]))).toEqual(
      new Map([
        [a, 2],
        [b, 1],
        [d, 2],
      ]),
    );

    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [draft.id, upheld!.id, rejected!.id])
      .orderBy('seq')
      .execute();
    expect(actions.map((r) => r.action)).toEqual([
      'assessment.list.draft',
      'assessment.list.display',
      'assessment.objection.record',
      'assessment.objection.record',
      'assessment.objection.decide',
      'assessment.objection.decide',
      'assessment.list.approve',
      'assessment.list.publish',
    ]);
  });

  it('keeps each step inside its scope: another village reads as not found', async () => {
    const { householdId } = await insertHousehold(t.database, { villageCode: '02010102' });
    const other = (await t.signedIn({ role: 'commune_officer', areaCodes: ['020101'] })).headers;
    await assessOnDemand(t, other, householdId, POOR_RURAL, today);
    const list = await call<List>(t, other, 'POST', '/api/assessment/lists', { villageCode: '02010102' });
    await call(t, chief, 'GET', `/api/assessment/lists/${list.id}`, undefined, [404]);
    await call(t, chief, 'GET', '/api/assessment/households?villageCode=02010102', undefined, [404]);
    const own = await call<{ items: { householdRef: string; activeCardLevel: number | null }[] }>(
      t,
      chief,
      'GET',
      `/api/assessment/households?villageCode=${VILLAGE}`,
    );
    expect(own.items.filter((h) => h.activeCardLevel !== null)).toHaveLength(3);
    await call(
      t,
      chief,
      'POST',
      '/api/assessment/requests',
      {
        householdId,
        requestedVia: 'village_chief',
        requesterName: 'x',
        reason: 'out of scope',
      },
      [404],
    );
  });
});
