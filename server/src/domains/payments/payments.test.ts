import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../platform/jobs/job-runner';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { ENGINES } from '../../testing/test-database';
import { approvedCycle } from '../programmes/testing/journey';
import { verifyProviderFile } from './provider-file';

async function village(t: TestApp, offset: number): Promise<string> {
  const rows = await sql<{
    code: string;
  }>`SELECT code FROM area WHERE level = 4 AND code LIKE '0203%' ORDER BY code
    OFFSET ${offset} LIMIT 1`.execute(t.database.db);
  return rows.rows[0]!.code;
}

describe.each(ENGINES)('payments on %s', (engine) => {
  let t: TestApp;
  let payer: { headers: { cookie: string } };
  beforeAll(async () => {
    t = await createTestApp(engine);
    payer = await t.signedIn({ role: 'payment_officer' });
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers: payer.headers });
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: payer.headers });
  const count = async (table: string, where = sql`TRUE`) =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(
        t.database.db,
      )
    ).rows[0]!.n;

  it('generates one payroll however often and however concurrently it is asked for', async () => {
    const { cycleId, householdIds, code } = await approvedCycle(t, {
      villageCode: await village(t, 0),
      households: 5,
    });
    const programme = await t.database.db
      .selectFrom('programme')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('payment_preference')
      .values({ programme_id: programme.id, household_id: householdIds[0]!, provider_code: 'bank' })
      .execute();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => post(`/api/cycles/${cycleId}/payroll`)),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    const payroll = answers[0]!.json();
    expect(payroll.paymentCount).toBe(5);
    expect(
      payroll.batches.map((b: { providerCode: string; paymentCount: number }) => [
        b.providerCode,
        b.paymentCount,
      ]),
    ).toEqual([
      ['bank', 1],
      ['wing', 4],
    ]);
    expect(await count('payment', sql`cycle_id = ${cycleId}::uuid`)).toBe(5);
    const sms = await t.database.db.selectFrom('sms_outbox').select(['body', 'language']).execute();
    expect(sms.length).toBeGreaterThanOrEqual(5);
    expect(sms[0]!.language).toBe('km');
    expect(sms[0]!.body).toMatch(/រៀល/);
    await expect(
      sql`INSERT INTO payment (payroll_id, cycle_id, household_id, provider_code, amount_riel)
        SELECT payroll_id, cycle_id, household_id, provider_code, amount_riel FROM payment WHERE cycle_id = ${cycleId}::uuid LIMIT 1`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('generates a payroll as a job too, with progress, and a second job finds the same payroll', async () => {
    const { cycleId } = await approvedCycle(t, { villageCode: await village(t, 3), households: 2 });
    const jobs: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const started = await post(`/api/cycles/${cycleId}/payroll-jobs`);
      expect(started.statusCode, started.body).toBe(202);
      jobs.push(started.json().jobId);
      await new JobRunner({ database: t.database }).drain();
    }
    const rows = await t.database.db
      .selectFrom('job')
      .select(['status', 'progress_done', 'progress_total'])
      .where('id', 'in', jobs)
      .execute();
    expect(rows.map((r) => [r.status, r.progress_done, r.progress_total])).toEqual([
      ['succeeded', 2, 2],
      ['succeeded', 2, 2],
    ]);
    expect(await count('payroll', sql`cycle_id = ${cycleId}::uuid`)).toBe(1);
  });

  it('leaves nothing when generation crashes mid-way, and everything on the next try', async () => {
    const { cycleId } = await approvedCycle(t, { villageCode: await village(t, 1), households: 3 });
    // The last statement of generation (the SMS alerts) fails, as a crash there would.
    await t.database.execScript(`CREATE FUNCTION test_crash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated crash'; END; $$;
      CREATE TRIGGER test_crash BEFORE INSERT ON sms_outbox FOR EACH ROW EXECUTE FUNCTION test_crash();`);
    const crashed = await post(`/api/cycles/${cycleId}/payroll`);
    expect(crashed.statusCode).toBe(500);
    expect(await count('payroll', sql`cycle_id = ${cycleId}::uuid`)).toBe(0);
    expect(await count('payment', sql`cycle_id = ${cycleId}::uuid`)).toBe(0);
    expect(await count('payment_batch', sql`payroll_id NOT IN (SELECT id FROM payroll)`)).toBe(0);
    await t.database.execScript('DROP TRIGGER test_crash ON sms_outbox; DROP FUNCTION test_crash();');
    const retried = await post(`/api/cycles/${cycleId}/payroll`);
    expect(retried.statusCode).toBe(201);
    expect(await count('payment', sql`cycle_id = ${cycleId}::uuid`)).toBe(3);
  });

  it('exports a provider file with control total and checksum, reconciles, re-issues and expires', async () => {
    const { cycleId } = await approvedCycle(t, { villageCode: await village(t, 2), households: 6 });
    const payroll = (await post(`/api/cycles/${cycleId}/payroll`, { withdrawalFrom: '2026-01-01' })).json();
    const wing = payroll.batches.find((b: { providerCode: string }) => b.providerCode === 'wing');
    const file = await get(`/api/payment-batches/${wing.id}/file`);
    expect(file.statusCode).toBe(200);
    const check = verifyProviderFile(file.body);
    expect(check).toEqual({ count: 6, totalRiel: payroll.totalRiel, isValid: true });
    expect((await get(`/api/payment-batches/${wing.id}/file`)).body).toBe(file.body);
    expect(verifyProviderFile(file.body.replace(/,KHR,/, ',USD,'))).toMatchObject({ isValid: false });

    const refs = file.body
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith('MLOB-'))
      .map((l) => l.split(',')[0]!);
    const results = [
      'payment_ref,status,provider_txn_id,reason',
      `${refs[0]},paid,TX1,`,
      `${refs[1]},paid,TX2,`,
      `${refs[2]},failed,,wrong phone number`,
      `${refs[3]},unclaimed,,`,
      'MLOB-999999999-1,paid,TX9,',
      `${refs[4]},lost,,`,
    ].join('\n');
    const [first, concurrent] = await Promise.all([
      post(`/api/payrolls/${payroll.id}/results`, { fileName: 'wing-1.csv', content: results }),
      post(`/api/payrolls/${payroll.id}/results`, { fileName: 'wing-1-again.csv', content: results }),
    ]);
    const reports = [first.json(), concurrent.json()].sort((a, b) => Number(a.isRepeat) - Number(b.isRepeat));
    expect(reports[0]).toMatchObject({ isRepeat: false, appliedCount: 4, lineCount: 6 });
    expect(reports[0].problems.map((p: { line: number }) => p.line)).toEqual([6, 7]);
    expect(reports[1]).toMatchObject({ isRepeat: true, appliedCount: 0 });

    const report = (await get(`/api/payrolls/${payroll.id}/report`)).json();
    expect(report).toMatchObject({
      isBalanced: true,
      paid: { count: 2 },
      failed: { count: 1 },
      unclaimed: { count: 1 },
      pending: { count: 2 },
    });
    expect(report.paid.riel + report.failed.riel + report.unclaimed.riel + report.pending.riel).toBe(
      report.approved.riel,
    );

    // A later file claiming an already-paid payment failed is reported, not applied.
    const later = await post(`/api/payrolls/${payroll.id}/results`, {
      fileName: 'wing-2.csv',
      content: `payment_ref,status,provider_txn_id,reason\n${refs[0]},failed,,late\n${refs[5]},paid,TX6,\n`,
    });
    expect(later.json()).toMatchObject({
      appliedCount: 1,
      problems: [{ line: 2, problem: 'already settled (paid); not applied' }],
    });
    await expect(
      sql`UPDATE payment_attempt SET status = 'failed' WHERE ref = ${refs[0]}`.execute(t.database.db),
    ).rejects.toThrow(/already settled/);

    // Re-issue the failed one in a later batch; the totals still hold.
    const reissued = (
      await post(`/api/payrolls/${payroll.id}/reissue`, { reason: 'Phone number corrected' })
    ).json();
    const batch = reissued.batches.find((b: { kind: string }) => b.kind === 'reissue');
    expect(batch).toMatchObject({ providerCode: 'wing', batchNo: 2, paymentCount: 1 });
    expect(
      (await post(`/api/payrolls/${payroll.id}/reissue`, { reason: 'again' })).json().batches,
    ).toHaveLength(2);
    const second = await get(`/api/payment-batches/${batch.id}/file`);
    const newRef = second.body.split('\n')[1]!.split(',')[0]!;
    expect(newRef).toMatch(/-2$/);
    await post(`/api/payrolls/${payroll.id}/results`, {
      fileName: 'wing-3.csv',
      content: `payment_ref,status,provider_txn_id,reason\n${newRef},paid,TX7,\n`,
    });
    const expired = (await post(`/api/payrolls/${payroll.id}/expire`)).json();
    expect(expired).toEqual({ expired: 1 });
    const final = (await get(`/api/payrolls/${payroll.id}/report`)).json();
    expect(final).toMatchObject({
      isBalanced: true,
      paid: { count: 4 },
      failed: { count: 0 },
      unclaimed: { count: 1 },
      expired: { count: 1 },
      pending: { count: 1 },
    });
  });
});
