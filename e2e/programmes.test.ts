import { describe, expect, it } from 'vitest';
import {
  findA11yProblems,
  isBrowserAvailable,
  login,
  screenshot,
  switchToEnglish,
  useJourney,
} from './support';

/**
 * The NSAF journey from the issue: define a programme → enrol → prepare and approve a cycle
 * (maker-checker: programme officer prepares, payment officer and admin approve) → export the
 * provider file → import the provider's results → see the reconciled totals.
 * Uses the demo village 02010102, where the programmes demo seed puts three card households.
 */
describe.skipIf(!isBrowserAvailable())('programmes journey', () => {
  const journey = useJourney({ timeoutMs: 200_000 });

  it('define → enrol → prepare and approve → provider file → results → reconciled totals', async () => {
    // 1. The programme officer defines a programme; the rule editor counts who would be eligible.
    const officer = await journey.openPage();
    await login(officer.page, 'programme');
    await switchToEnglish(officer.page);
    await officer.page.goto('/programmes');
    await officer.page.locator('input[name="code"]').fill('e2e-cash');
    await officer.page.locator('input[name="nameEn"]').fill('E2E cash transfer');
    await officer.page.locator('input[name="nameKm"]').fill('ការឧបត្ថម្ភសាកល្បង');
    await officer.page
      .locator('textarea[name="rule"]')
      .fill("card_status = 'active' and village = '02010102'");
    await expect
      .poll(() => officer.page.getByTestId('eligible-count').textContent(), { timeout: 20_000 })
      .toContain('3 households');
    expect(await findA11yProblems(officer.page)).toEqual([]);
    await screenshot(officer.page, 'programmes-rule-editor');
    await officer.page.getByRole('button', { name: 'Create programme' }).click();
    await officer.page.waitForURL(/\/programmes\/e2e-cash$/);

    // 2. In force, then enrolled by the job, with live progress.
    await officer.page.getByRole('button', { name: 'Put in force' }).click();
    await officer.page.getByRole('button', { name: 'Run enrolment over the registry' }).click();
    await expect
      .poll(() => officer.page.getByTestId('enrolment-counts').textContent(), { timeout: 30_000 })
      .toContain('Enrolled3');
    await officer.page.locator('input[name="period"]').fill('2026-11');
    await officer.page.getByRole('button', { name: 'Prepare cycle' }).click();
    await officer.page.getByRole('link', { name: '2026-11' }).click();
    await officer.page.waitForURL(/\/programmes\/cycles\//);
    const cycleUrl = new URL(officer.page.url()).pathname;
    await expect
      .poll(() => officer.page.getByTestId('cycle-summary').textContent())
      .toContain('3 households');

    // 3. Maker-checker: the payment officer approves step 1, the admin step 2.
    for (const [user, step] of [
      ['payments', 1],
      ['admin', 2],
    ] as const) {
      const checker = await journey.openPage();
      await login(checker.page, user);
      await switchToEnglish(checker.page);
      await checker.page.goto(cycleUrl);
      await checker.page.getByRole('button', { name: `Approve step ${step}` }).click();
      await expect
        .poll(() => checker.page.getByTestId('cycle-summary').textContent())
        .toContain(step === 2 ? 'approved' : 'waiting');
      if (step === 1) await checker.context.close();
      else {
        // 4. The admin generates the payroll, downloads the provider file, imports the results.
        const page = checker.page;
        await page.getByRole('button', { name: 'Generate or open the payroll' }).click();
        const link = page.getByRole('link', { name: 'Download provider file' });
        const href = await link.getAttribute('href');
        const file = await page.request.get(href!);
        const text = await file.text();
        expect(text).toMatch(/#control,batch=.*,count=3,total_riel=\d+,sha256=[0-9a-f]{64}/);
        const refs = text
          .split('\n')
          .filter((l) => l.startsWith('MLOB-'))
          .map((l) => l.split(',')[0]);
        const results = `payment_ref,status,provider_txn_id,reason\n${refs[0]},paid,T1,\n${refs[1]},failed,,wrong number\n${refs[2]},unclaimed,,\n`;
        await page.locator('input[name="resultFile"]').setInputFiles({
          name: 'wing-results.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(results),
        });
        await expect
          .poll(() => page.getByTestId('import-report').textContent())
          .toContain('3 of 3 lines applied');
        await expect.poll(() => page.getByTestId('report').textContent()).toContain('Totals add up');
        expect(await findA11yProblems(page)).toEqual([]);
        await screenshot(page, 'programmes-reconciled');
      }
    }
  }, 240_000);
});
