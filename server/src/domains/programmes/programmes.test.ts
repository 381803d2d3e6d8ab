import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../platform/jobs/job-runner';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { COVID_VERSION } from './programmes.seed';
import { insertHousehold, phnomPenhVillage, villageClass } from './testing/fixtures';

/** Villages of province 02 nobody else in this file uses: each test takes its own. */
async function freshVillages(t: TestApp, n: number, offset: number): Promise<string[]> {
  const rows = await sql<{
    code: string;
  }>`SELECT code FROM area WHERE level = 4 AND code LIKE '0202%' ORDER BY code
    OFFSET ${offset} LIMIT ${n}`.execute(t.database.db);
  return rows.rows.map((r) => r.code);
}

describe.each(ENGINES)('programmes on %s', (engine) => {
  let t: TestApp;
  let officer: { headers: { cookie: string } };
  beforeAll(async () => {
    t = await createTestApp(engine);
    officer = await t.signedIn({ role: 'programme_officer' });
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: unknown, headers = officer.headers) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers });
  const get = (url: string, headers = officer.headers) => t.app.inject({ method: 'GET', url, headers });

  async function defineProgramme(
    code: string,
    villages: string[],
    overrides: Partial<typeof COVID_VERSION> = {},
  ) {
    const rule = `${COVID_VERSION.eligibilityRule} and village in (${villages.map((v) => `'${v}'`).join(', ')})`;
    const created = await post('/api/programmes', {
      code,
      name: { en: `Test ${code}`, km: `សាកល្បង ${code}` },
      version: {
        ...COVID_VERSION,
        effectiveFrom: '2026-01-01',
        effectiveUntil: null,
        eligibilityRule: rule,
        ...overrides,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const activated = await post(`/api/programmes/${code}/versions/1/activate`, {});
    expect(activated.statusCode, activated.body).toBe(200);
  }

  async function enrol(code: string) {
    // Small chunks: a run crosses several chunk transactions and checkpoints.
    const started = await post(`/api/programmes/${code}/enrolment-runs`, { chunkSize: 10 });
    expect(started.statusCode, started.body).toBe(202);
    await new JobRunner({ database: t.database }).drain();
    const job = await t.database.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', started.json().jobId)
      .executeTakeFirstOrThrow();
    expect(job.status, JSON.stringify(job.result)).toBe('succeeded');
  }

  it('seeds the COVID-19 cash transfer and the Family Package, unconfirmed amounts marked', async () => {
    const response = await get('/api/programmes/covid19-cash-transfer');
    expect(response.statusCode).toBe(200);
    const covid = response.json();
    expect(covid.versions[0].status).toBe('active');
    const unconfirmed = covid.versions[0].benefits.filter((b: { isConfirmed: boolean }) => !b.isConfirmed);
    expect(unconfirmed).toEqual([
      expect.objectContaining({ component: 'per_member', locationClass: 'rural', povertyLevel: 1 }),
    ]);
    expect((await get('/api/programmes/family-package-mch')).json().versions[0].eligibilityRule).toContain(
      'age_months < 24',
    );
  });

  it('refuses a rule with a clear error naming line and column', async () => {
    const response = await post('/api/programmes/rules/check', {
      rule: "poverty_level in (1, 2) and\ncard_status = 'lost'",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('line 2');
    const bad = await post('/api/programmes', {
      code: 'bad-rule',
      name: { en: 'Bad', km: 'មិនល្អ' },
      version: { ...COVID_VERSION, eligibilityRule: 'income < 5' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toEqual(['eligibilityRule']);
  });

  it('counts who would be eligible and explains a household', async () => {
    const [v] = await freshVillages(t, 1, 0);
    const poor = await insertHousehold(t.database, { villageCode: v!, card: { level: 1 } });
    await insertHousehold(t.database, { villageCode: v!, card: { level: 2, status: 'expired' } });
    await insertHousehold(t.database, { villageCode: v! });
    const count = await post('/api/programmes/rules/check', {
      rule: `card_status = 'active' and village = '${v}'`,
    });
    expect(count.json()).toEqual({ isValid: true, eligibleCount: 1 });
    const child = await post('/api/programmes/rules/check', {
      rule: `village = '${v}' and count(members where age_months < 24) >= 1`,
      onDate: '2023-01-01',
    });
    expect(child.json().eligibleCount).toBe(3);
    const explained = await get(
      `/api/programmes/covid19-cash-transfer/households/${poor.householdRef}/explanation`,
    );
    expect(explained.statusCode, explained.body).toBe(200);
    expect(explained.json()).toMatchObject({ isEligible: true, state: null });
    expect(explained.json().explanation.parts[1]).toMatchObject({
      isPassed: true,
      because: "card_status is 'active'",
    });
  });

  it('enrols set-based, keeps history on re-runs, respects manual decisions, marks merged households', async () => {
    const villages = await freshVillages(t, 1, 1);
    await defineProgramme('enrol-test', villages);
    const a = await insertHousehold(t.database, { villageCode: villages[0]!, card: { level: 1 } });
    const b = await insertHousehold(t.database, { villageCode: villages[0]!, card: { level: 2 } });
    const c = await insertHousehold(t.database, { villageCode: villages[0]!, card: { level: 2 } });
    const none = await insertHousehold(t.database, { villageCode: villages[0]! });
    await enrol('enrol-test');
    const first = (await get('/api/programmes/enrol-test/enrolments')).json();
    expect(first.counts).toEqual({ enrolled: 3 });

    // Manual exclusion of c, with a reason; a card revoked for b; a merge for a.
    const excluded = await post(`/api/programmes/enrol-test/enrolments/${c.householdRef}/decisions`, {
      action: 'exclude',
      reason: 'Household declined the programme',
    });
    expect(excluded.json()).toEqual({ state: 'rejected', isManual: true });
    await sql`UPDATE equity_card SET status = 'revoked', status_reason = 'test', warning_at = now()
      WHERE household_id = ${b.householdId}::uuid`.execute(t.database.db);
    const change = await t.database.db
      .insertInto('registry_change')
      .values({ kind: 'merge', source: 'merge', actor_kind: 'system', reason: 'test merge' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`UPDATE household SET status = 'merged', merged_into_household_id = ${none.householdId}::uuid,
      change_id = ${change.id}::uuid WHERE id = ${a.householdId}::uuid`.execute(t.database.db);
    await enrol('enrol-test');
    const second = (await get('/api/programmes/enrol-test/enrolments')).json();
    expect(second.counts).toEqual({ exited: 1, rejected: 1, duplicate: 1 });
    const history = (await get(`/api/programmes/enrol-test/enrolments/${b.householdRef}/history`)).json();
    expect(history.map((h: { state: string }) => h.state)).toEqual(['enrolled', 'exited']);
    expect(history[1].reason).toBe('no longer meets the eligibility rule');

    // A third run changes nothing; manual inclusion then re-entry of b with a new card.
    await enrol('enrol-test');
    expect((await get('/api/programmes/enrol-test/enrolments')).json().counts).toEqual(second.counts);
    await insertHousehold(t.database, { villageCode: villages[0]!, card: { level: 1 } });
    await enrol('enrol-test');
    expect((await get('/api/programmes/enrol-test/enrolments')).json().counts).toMatchObject({
      enrolled: 1,
      rejected: 1,
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('action', '=', 'programme.enrolment.exclude')
      .execute();
    expect(audit).toEqual([
      { action: 'programme.enrolment.exclude', reason: 'Household declined the programme' },
    ]);
  });

  it('prices a cycle from the benefit table, freezes it, and approves maker-checker in order', async () => {
    const [rural] = await freshVillages(t, 1, 2);
    const pp = await phnomPenhVillage(t.database);
    await defineProgramme('cycle-test', [rural!, pp]);
    const ruralClass = await villageClass(t.database, rural!);
    // Phnom Penh, level 1: head 46, spouse 76 (60+), child born 2022 (0–5): 3 members, 2 vulnerable.
    const ppHome = await insertHousehold(t.database, { villageCode: pp, card: { level: 1 } });
    // Rural-or-other class, level 2, two adults.
    const adults = [
      { sex: 'F' as const, relation: 'head' as const, birthDate: '1990-01-01' },
      { sex: 'M' as const, relation: 'spouse' as const, birthDate: '1988-01-01' },
    ];
    await insertHousehold(t.database, { villageCode: rural!, card: { level: 2 }, members: adults });
    await enrol('cycle-test');
    const prepared = await post('/api/programmes/cycle-test/cycles', { period: '2026-11' });
    expect(prepared.statusCode, prepared.body).toBe(201);
    const cycle = prepared.json();
    const ppAmount = 120_000 + 3 * 52_000 + 2 * 40_000;
    const ruralAmount = ruralClass === 'rural' ? 80_000 + 2 * 12_000 : 120_000 + 2 * 28_000;
    expect(cycle).toMatchObject({
      householdCount: 2,
      memberCount: 5,
      totalRiel: ppAmount + ruralAmount,
      status: 'prepared',
    });

    // Registry edits after preparation do not change the snapshot.
    await insertHousehold(t.database, { villageCode: pp, card: { level: 1 } });
    await sql`UPDATE member SET status = 'moved_out', change_id = (SELECT id FROM registry_change LIMIT 1)
      WHERE household_id = ${ppHome.householdId}::uuid AND relation_to_head = 'child'`.execute(t.database.db);
    expect((await get(`/api/cycles/${cycle.id}`)).json().totalRiel).toBe(ppAmount + ruralAmount);
    await expect(sql`UPDATE cycle_beneficiary SET amount_riel = 1`.execute(t.database.db)).rejects.toThrow(
      /frozen/,
    );
    const again = await post('/api/programmes/cycle-test/cycles', { period: '2026-11' });
    expect(again.statusCode).toBe(409);
    // The refusal names its rule, so the web app says it in Khmer; the English is unchanged.
    expect(again.json()).toMatchObject({
      message: 'A cycle for 2026-11 already exists.',
      reason: { code: 'programmes.cycle_exists', params: { period: '2026-11' } },
      details: [{ path: ['period'], message: 'already prepared', code: 'programmes.cycle_exists' }],
    });

    // Maker-checker: preparer refused, step 2 before step 1 refused, wrong role refused.
    const decide = (stepNo: number, headers: { cookie: string }) =>
      post(`/api/cycles/${cycle.id}/decisions`, { stepNo, decision: 'approved' }, headers);
    expect((await decide(1, officer.headers)).statusCode).toBe(409);
    const payments = await t.signedIn({ role: 'payment_officer' });
    expect((await decide(2, payments.headers)).statusCode).toBe(409);
    expect((await decide(1, payments.headers)).statusCode).toBe(409);
    const checker = await t.signedIn({ role: 'programme_officer' });
    const step1 = await decide(1, checker.headers);
    expect(step1.statusCode, step1.body).toBe(200);
    expect(step1.json().status).toBe('prepared');
    const step2 = await decide(2, payments.headers);
    expect(step2.json()).toMatchObject({ status: 'approved', approvals: [{ stepNo: 1 }, { stepNo: 2 }] });
    expect((await decide(3, payments.headers)).statusCode).toBe(409);
    await expect(
      sql`UPDATE programme_cycle SET status = 'prepared' WHERE id = ${cycle.id}::uuid`.execute(t.database.db),
    ).rejects.toThrow(/for good/);
  });
});
