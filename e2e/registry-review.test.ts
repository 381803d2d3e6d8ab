import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS_DIR,
  findA11yProblems,
  isBrowserAvailable,
  login,
  queueCard,
  screenshot,
  switchToEnglish,
  useJourney,
} from './support';

/**
 * The registry's review journeys (issue 3): review a duplicate pair, merge it and undo the
 * merge; propose a new household and approve it at commune then province level; check an
 * identifier against its type's pattern; export the search result; see the approval rules.
 */
describe.skipIf(!isBrowserAvailable())('registry review journey', () => {
  const journey = useJourney({ timeoutMs: 200_000 });

  it('merges a duplicate pair and undoes it; a new household passes commune then province; export downloads', async () => {
    // 1. A provincial officer reviews the demo data's first duplicate pair, merges, then undoes it.
    const officer = await journey.openPage();
    const p = officer.page;
    await login(p, 'province');
    await switchToEnglish(p);
    await p.goto('/registry');
    await p
      .getByRole('navigation', { name: 'Registry' })
      .getByRole('link', { name: 'Possible duplicates' })
      .click();
    await p.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
    const first = p.locator('article.card').first();
    await first.waitFor({ timeout: 30_000 });
    const pair = (await first.getByRole('heading', { level: 2 }).textContent())?.split(' score')[0] ?? '';
    expect(pair).toMatch(/ and /);
    expect(await first.getByRole('table').getByRole('rowheader').count()).toBe(10);
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'registry-duplicates');
    await p.setViewportSize({ width: 390, height: 844 });
    await p.screenshot({ path: path.join(ARTIFACTS_DIR, 'registry-duplicates-phone.png') });
    await p.setViewportSize({ width: 1280, height: 900 });
    await first
      .getByRole('radio', { name: /^Keep / })
      .nth(1)
      .check();
    await first.getByLabel('Reason').fill('Same person: birth certificate and ID card match');
    await first.getByRole('button', { name: 'Merge the two records' }).click();
    await p
      .locator('article.card', { hasText: pair })
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 });

    await p.getByLabel('Merged', { exact: true }).check();
    const merged = p.locator('article.card', { hasText: pair });
    await merged.waitFor();
    await merged.getByLabel('Reason').fill('Merged by mistake: different fathers');
    await merged.getByRole('button', { name: 'Undo the merge' }).click();
    await merged.waitFor({ state: 'detached', timeout: 15_000 });
    await p.getByText('The merge was undone').waitFor();
    // The pair is back among those to review.
    await p.getByLabel('To review', { exact: true }).check();
    const again = p.locator('article.card', { hasText: pair });
    await again.waitFor();
    // On a second look they are different people: dismissed, listed under "Not duplicates".
    await again.getByLabel('Reason').fill('Different mothers on the family book');
    await again.getByRole('button', { name: 'Not the same person' }).click();
    await again.waitFor({ state: 'detached', timeout: 15_000 });
    await p.getByText('Marked as different people.').waitFor();
    await p.getByLabel('Not duplicates', { exact: true }).check();
    await p.locator('article.card', { hasText: pair }).waitFor();

    // 2. A village chief proposes a new household with two members.
    const chiefPage = await journey.openPage();
    const c = chiefPage.page;
    await login(c, 'chief');
    await switchToEnglish(c);
    await c.goto('/registry');
    await c.getByRole('link', { name: 'New household' }).click();
    await c.getByLabel('Household reference').fill('E2E-NEW-1');
    await c.getByLabel('Village code').fill('02010101');
    await c.getByLabel('Household phones').fill('012 777 888');
    const head = c.getByRole('group', { name: 'Member 1' });
    await head.getByLabel('Member reference').fill('E2E-NEW-M1');
    await head.getByLabel('Family name (Khmer)').fill('សេង');
    await head.getByLabel('Given name (Khmer)').fill('ចន្ថា');
    await head.getByLabel('Family name (Latin)').fill('Seng');
    await head.getByLabel('Given name (Latin)').fill('Chantha');
    await head.getByLabel('Birth date').fill('1979');
    // A bad value is shown on its own field.
    await head.getByLabel('National ID number').fill('12');
    await c.getByRole('button', { name: 'Add another member' }).click();
    const spouse = c.getByRole('group', { name: 'Member 2' });
    await spouse.getByLabel('Member reference').fill('E2E-NEW-M2');
    await spouse.getByLabel('Family name (Khmer)').fill('ឡុង');
    await spouse.getByLabel('Given name (Khmer)').fill('ស្រីពៅ');
    await spouse.getByLabel('Sex').selectOption('F');
    await c.getByLabel('Why').fill('E2E new family arrived from Pursat');
    await c.getByRole('button', { name: 'Propose the household' }).click();
    await head.locator('.field--error', { hasText: 'National ID number' }).waitFor();
    expect(await findA11yProblems(c)).toEqual([]);
    await screenshot(c, 'registry-new-household-error');
    await head.getByLabel('National ID number').fill('');
    await c.getByRole('button', { name: 'Propose the household' }).click();
    await c.getByText('Proposed. Approval: commune → province.').waitFor();
    await screenshot(c, 'registry-new-household');

    // 3. The commune officer approves the first level, the provincial officer the second.
    const communePage = await journey.openPage();
    const k = communePage.page;
    await login(k, 'commune');
    await switchToEnglish(k);
    const atCommune = await queueCard(k, 'E2E new family');
    await atCommune.getByRole('button', { name: 'Approve' }).click();
    await atCommune.waitFor({ state: 'detached', timeout: 15_000 });
    const atProvince = await queueCard(p, 'E2E new family');
    await atProvince.getByText('awaiting province approval').waitFor();
    await atProvince.getByText(/Approved at commune level on/).waitFor();
    // The approver reads who is registered, not a JSON dump.
    await atProvince.getByText(/E2E-NEW-M1 · សេង ចន្ថា · \(Seng Chantha\) · 1979/).waitFor();
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'registry-queue');
    await atProvince.getByRole('button', { name: 'Approve' }).click();
    await atProvince.waitFor({ state: 'detached', timeout: 15_000 });

    // 4. The household exists: find it, export the search result, check an identifier.
    await p.goto('/registry');
    await p.getByLabel('Name, ID, phone or reference').fill('E2E-NEW-1');
    await p.getByRole('button', { name: 'Search' }).click();
    await p.getByRole('cell', { name: 'E2E-NEW-1' }).first().waitFor();
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^member_ref,household_ref,family_name_km/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['E2E-NEW-M1', 'E2E-NEW-M2']);
    await screenshot(p, 'registry-search-export');

    await p.getByRole('link', { name: /Seng Chantha/ }).click();
    await p.getByRole('heading', { name: 'Household E2E-NEW-1' }).waitFor();
    await p.getByRole('heading', { name: 'Identifiers' }).waitFor();
    await p.getByLabel('Identifier type').selectOption({ label: 'Passport' });
    await p.getByLabel('Identifier number').fill('12345');
    await p.getByLabel('Reason for this identifier').fill('Passport shown at the office');
    await p.getByRole('button', { name: 'Send for approval' }).click();
    await p.getByText('Not a valid Passport number. Example: N01234567.').waitFor();
    await p.getByLabel('Identifier number').fill('N0123 4567');
    await p.getByRole('button', { name: 'Send for approval' }).click();
    await p.getByText('Proposed. Approval: commune.').waitFor();
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'registry-household-identifiers');

    // Life events with another household: an unknown reference is named on its field; a split
    // is proposed for two levels.
    await p.getByLabel('Change', { exact: true }).selectOption('move_member');
    await p.getByLabel('Household the member joins (reference)').fill('NOPE-404');
    await p.getByLabel('Why', { exact: true }).fill('Married into another family');
    await p.getByRole('button', { name: 'Propose', exact: true }).click();
    await p.locator('.field--error', { hasText: 'Household the member joins' }).waitFor();
    await p.getByLabel('Change', { exact: true }).selectOption('split_household');
    await p.getByLabel('Reference of the new household').fill('E2E-NEW-2');
    await p.getByRole('checkbox', { name: /E2E-NEW-M2/ }).check();
    await p.getByLabel('Head of the new household').selectOption({ label: 'ឡុង ស្រីពៅ (E2E-NEW-M2)' });
    await p.getByLabel('Why', { exact: true }).fill('The spouse sets up her own home');
    await p.getByRole('button', { name: 'Propose', exact: true }).click();
    await p.getByText('Proposed. Approval: commune → province.').waitFor();
    await screenshot(p, 'registry-household-split');
    await p.getByRole('button', { name: 'ខ្មែរ' }).click();
    await p.getByRole('heading', { name: 'អត្តសញ្ញាណ', exact: true }).waitFor();
    await p.screenshot({ path: path.join(ARTIFACTS_DIR, 'registry-household-km-top.png') });
    await screenshot(p, 'registry-household-km');

    // 5. Approval rules: a national officer adds one; a date in the past is refused on its field.
    const nationalPage = await journey.openPage();
    const n = nationalPage.page;
    await login(n, 'national');
    await switchToEnglish(n);
    await n.goto('/registry/rules');
    await n.getByRole('cell', { name: 'commune → province' }).first().waitFor();
    await n.getByLabel('Kind of change').selectOption('record_death');
    await n.getByLabel('province', { exact: true }).check();
    await n.getByLabel('In force from').fill('2026-01-02');
    await n.getByLabel('Reason').fill('Deaths need the province from now on');
    await n.getByRole('button', { name: 'Add the rule' }).click();
    await n.locator('.field--error', { hasText: 'In force from' }).waitFor();
    expect(await findA11yProblems(n)).toEqual([]);
    await screenshot(n, 'registry-rules');

    // 6. The new screens in Khmer.
    await n.getByRole('button', { name: 'ខ្មែរ' }).click();
    await n.getByRole('heading', { name: 'វិធានអនុម័ត', level: 1 }).waitFor();
    // A field the server refuses is said in Khmer on the field and in the summary.
    await n.locator('textarea[name="reason"]').fill('x');
    await n.locator('form[aria-labelledby="add-rule-title"] button[type="submit"]').click();
    const shortReason = n.locator('.field--error .field__error', { hasText: 'យ៉ាងហោចណាស់ 3 តួអក្សរ' });
    await shortReason.waitFor();
    expect(await shortReason.locator('span').getAttribute('lang')).toBe('km');
    await n.locator('.alert--error li', { hasText: 'យ៉ាងហោចណាស់ 3 តួអក្សរ' }).waitFor();
    await screenshot(n, 'registry-rules-km');
    await n.goto('/registry/duplicates');
    await n.getByRole('heading', { name: 'ទិន្នន័យស្ទួនដែលអាចមាន', level: 1 }).waitFor();
    await n.locator('article.card').first().waitFor();
    await screenshot(n, 'registry-duplicates-km');
    await n.screenshot({ path: path.join(ARTIFACTS_DIR, 'registry-duplicates-km-top.png') });
    // The queue pages by ten: the demo's other pairs are on the next page, and back again.
    const pages = n.getByRole('navigation', { name: 'ទំព័រលទ្ធផល' });
    const cards = n.locator('article.card');
    expect(await cards.count()).toBe(10);
    expect(await pages.getByRole('button', { name: 'មុន' }).isDisabled()).toBe(true);
    const firstPair = await cards.first().textContent();
    await pages.getByRole('button', { name: 'បន្ទាប់' }).click();
    await expect.poll(() => cards.first().textContent()).not.toBe(firstPair);
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await cards.count()).toBeLessThan(10);
    await pages.getByRole('button', { name: 'មុន' }).click();
    await expect.poll(() => cards.first().textContent()).toBe(firstPair);
    await n.goto('/registry/new-household');
    await n.getByRole('heading', { name: 'គ្រួសារថ្មី', level: 1 }).waitFor();
    expect(await findA11yProblems(n)).toEqual([]);
    await screenshot(n, 'registry-new-household-km');
  }, 240_000);
});
