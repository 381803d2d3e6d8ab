import { describe, expect, it } from 'vitest';
import {
  findA11yProblems,
  isBrowserAvailable,
  login,
  screenshot,
  switchToEnglish,
  useJourney,
} from './support';

/** Today in Cambodia (UTC+7), as the server counts days. */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * The IDPoor journey from the issue: an on-demand assessment entered by the village chief on a
 * phone screen → its score → community validation by the commune → publication by the
 * province issues an Equity Card → the card verifies.
 */
describe.skipIf(!isBrowserAvailable())('assessment journey', () => {
  const journey = useJourney({ timeoutMs: 200_000 });

  it('on-demand assessment → score → validation → card issued → card verified', async () => {
    // 1. The village chief, on a phone, assesses a household of his village.
    const chief = await journey.openPage();
    await chief.page.setViewportSize({ width: 390, height: 844 });
    await login(chief.page, 'chief');
    await switchToEnglish(chief.page);
    await chief.page.goto('/assessment');
    await chief.page
      .getByRole('link', { name: /^Assess / })
      .first()
      .click();
    await chief.page.waitForURL('**/assessment/assess/**');
    const p = chief.page;
    await p.locator('select[name="roof_material"] option[value="thatch"]').waitFor({ state: 'attached' });
    await p.locator('input[name="requesterName"]').fill('Village chief');
    await p.locator('textarea[name="reason"]').fill('The family lost its rice harvest');
    await p.locator('input[name="interviewerName"]').fill('VRG member Sok');
    await p.locator('input[name="interviewedOn"]').fill(today());
    for (const [name, value] of [
      ['roof_material', 'thatch'],
      ['wall_material', 'bamboo'],
      ['house_condition', 'poor'],
      ['residential_land', 'small'],
    ] as const)
      await p.locator(`select[name="${name}"]`).selectOption(value);
    for (const [name, value] of [
      ['floor_area_m2', '18'],
      ['agricultural_land_ha', '0.3'],
      ['food_shortage_months', '3'],
      ['large_livestock', '0'],
    ] as const)
      await p.locator(`input[name="${name}"]`).fill(value);
    await p.locator('input[name="income_sources.casual_labour"]').check();
    await p.locator('input[name="appliances.mobile_phone"]').check();
    for (const name of [
      'serious_illness',
      'disability_care',
      'lost_main_earner',
      'disaster_loss',
      'heavy_debt',
    ])
      await p.locator(`input[name="${name}"][value="${name === 'disaster_loss'}"]`).check();
    await screenshot(p, 'assessment-entry-phone');
    expect(await findA11yProblems(p)).toEqual([]);
    await p.getByRole('button', { name: 'Save and score' }).click();
    await p.waitForURL('**/assessment/assessments/**');
    await expect.poll(() => p.getByTestId('level').textContent()).toBe('Level 1 (very poor)');
    await screenshot(p, 'assessment-explanation');
    await chief.context.close();

    // 2. The commune officer drafts the village list, posts it, and the council approves it.
    const commune = await journey.openPage();
    const c = commune.page;
    await login(c, 'commune');
    await switchToEnglish(c);
    await c.goto('/assessment');
    await c.locator('input[name="villageCode"]').fill('02010101');
    await c.getByRole('button', { name: 'Make the draft list from the scores' }).click();
    await c.waitForURL('**/assessment/lists/**');
    const listUrl = c.url();
    await c.locator('input[name="objectionUntil"]').fill(today());
    await c.getByRole('button', { name: 'Post in the village and open objections' }).click();
    await expect.poll(() => c.getByTestId('list-status').textContent()).toBe('Displayed for objections');
    const pdf = await c.request.get(
      `${new URL(listUrl).pathname.replace('/assessment/lists/', '/api/assessment/lists/')}/print.pdf`,
    );
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await c.locator('input[name="councilDecisionRef"]').fill('CC-020101-2026-07');
    await c.getByRole('button', { name: 'Approve (commune council)' }).click();
    await expect
      .poll(() => c.getByTestId('list-status').textContent())
      .toBe('Approved by the commune council');
    await commune.context.close();

    // 3. The province publishes: the Equity Card is issued.
    const province = await journey.openPage();
    const v = province.page;
    await login(v, 'province');
    await switchToEnglish(v);
    await v.goto(new URL(listUrl).pathname);
    await v.getByRole('button', { name: 'Publish and issue Equity Cards' }).click();
    await expect.poll(() => v.getByTestId('list-status').textContent()).toBe('Published');
    await v
      .getByRole('link', { name: /Level 1/ })
      .first()
      .click();
    await v.waitForURL('**/assessment/cards/**');
    const cardNumber = (await v.getByTestId('card-number').textContent()) ?? '';
    expect(cardNumber).toMatch(/^02-\d{9}-\d{2}$/);
    await screenshot(v, 'assessment-card');

    // 4. The card verifies.
    await v.goto('/assessment/verify');
    await v.locator('input[name="code"]').fill(cardNumber);
    await v.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => v.getByTestId('verification').textContent()).toContain('Valid');
    expect(await v.getByTestId('verification').textContent()).toContain('Level 1');

    // The other screens open and pass the structural accessibility checks.
    for (const path of ['/assessment/at-risk', '/assessment/models']) {
      await v.goto(path);
      await v.locator('h1').waitFor();
      expect(await findA11yProblems(v)).toEqual([]);
    }
    await province.context.close();
  });

  it('a national officer creates a round for a commune and re-scores it with live progress', async () => {
    const national = await journey.openPage();
    const n = national.page;
    await login(n, 'national');
    await switchToEnglish(n);
    await n.goto('/assessment/rounds');
    await n.getByRole('heading', { name: 'Create a round' }).waitFor();
    // A code that is neither a village nor a commune is named on its field, nothing is sent.
    await n.locator('input[name="title"]').fill('Battambang rural round, test');
    await n.locator('input[name="startsOn"]').fill('2026-12-01');
    await n.locator('input[name="endsOn"]').fill('2026-11-01');
    await n.locator('select[name="modelVersionId"]').selectOption({ index: 1 });
    await n.locator('textarea[name="areaCodes"]').fill('0201');
    await n.getByRole('button', { name: 'Create a round' }).click();
    await expect.poll(() => n.locator('.field--error').first().textContent()).toContain('"0201"');
    // The server refuses a round that ends before it starts, on the field.
    await n.locator('textarea[name="areaCodes"]').fill('020101');
    await n.getByRole('button', { name: 'Create a round' }).click();
    await expect
      .poll(() => n.locator('.field--error').first().textContent())
      .toContain('must be on or after');
    await n.locator('input[name="endsOn"]').fill('2027-03-31');
    await n.getByRole('button', { name: 'Create a round' }).click();
    await expect.poll(() => n.getByText(/Rural round \d+ created, covering \d+ villages/).count()).toBe(1);
    await expect.poll(() => n.getByRole('cell', { name: 'Battambang rural round, test' }).count()).toBe(1);

    // Re-score every assessment on the model's questionnaire (the demo villages' ones): a job
    // whose progress shows until it finishes.
    await n.locator('select[name="rescoreModel"]').selectOption({ index: 1 });
    await n.locator('select[name="rescoreRound"]').selectOption('');
    await n.getByRole('button', { name: 'Start re-scoring' }).click();
    await n.getByRole('progressbar', { name: 'Re-scoring progress' }).waitFor();
    await expect
      .poll(() => n.getByText(/[1-9]\d* assessments re-scored\./).count(), { timeout: 60_000 })
      .toBe(1);
    await screenshot(n, 'assessment-rounds');
    expect(await findA11yProblems(n)).toEqual([]);
    await national.context.close();
  });
});
