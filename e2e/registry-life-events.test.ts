import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS_DIR,
  approveInQueue,
  DOCUMENTED_EXPORT_HEADER,
  findA11yProblems,
  IMPORT_COLUMN_COUNT,
  importRegistryFiles,
  isBrowserAvailable,
  login,
  queueCard,
  screenshot,
  switchToEnglish,
  useJourney,
} from './support';

// Four households of village 02010101 (the demo village chief's); LE-H4 moves to 02010102.
const HOUSEHOLDS = [
  'household_ref,village_code,address,phone',
  'LE-H1,02010101,House 11,',
  'LE-H2,02010101,House 12,',
  'LE-H3,02010101,House 13,',
  'LE-H4,02010101,House 14,',
].join('\n');
const MEMBERS = [
  'member_ref,household_ref,family_name_km,given_name_km,family_name_latin,given_name_latin,sex,birth_date,relation_to_head,national_id,phone,disability,chronic_illness',
  'LE-M1,LE-H1,ចាន់,សុភា,Chan,Sophea,F,1970,head,,,,',
  'LE-M2,LE-H1,ចាន់,ដារ៉ា,Chan,Dara,M,1995,child,,,,',
  'LE-M3,LE-H1,ចាន់,រតនា,Chan,Rathana,F,1998,child,,,,',
  'LE-M4,LE-H1,ចាន់,វិចិត្រ,Chan,Vichet,M,2001,child,,,,',
  'LE-M5,LE-H1,កែវ,សារី,Keo,Sary,F,1940,parent,,,,',
  'LE-M6,LE-H2,សុខ,ពិសិដ្ឋ,Sok,Piseth,M,1996,head,,,,',
  'LE-M7,LE-H3,ម៉ម,ស្រីនាង,Mom,Sreyneang,F,1975,head,,,,',
  'LE-M8,LE-H3,ម៉ម,បុប្ផា,Mom,Bopha,F,2005,child,,,,',
  'LE-M9,LE-H4,ហេង,សំណាង,Heng,Samnang,M,1980,head,,,,',
].join('\n');

const KM = {
  M1: 'ចាន់ សុភា',
  M2: 'ចាន់ ដារ៉ា',
  M3: 'ចាន់ រតនា',
  M4: 'ចាន់ វិចិត្រ',
  M5: 'កែវ សារី',
  M7: 'ម៉ម ស្រីនាង',
  M8: 'ម៉ម បុប្ផា',
};
const option = (name: string, ref: string) => ({ label: `${name} (${ref})` });

/** A week ago in Cambodia (a date of death that is never in the future). */
function weekAgo(): string {
  return new Date(Date.now() + 7 * 3_600_000 - 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Finds a household through the search screen (by its reference) and opens it. */
async function openHousehold(page: Page, ref: string): Promise<void> {
  await page.goto('/registry');
  await page.getByLabel('Name, ID, phone or reference').fill(ref);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: ref, exact: true }) });
  await row.first().getByRole('link').click();
  await page.getByRole('heading', { name: `Household ${ref}`, level: 1 }).waitFor();
}

/** Chooses a kind of change in the household's "Propose a change" form. */
async function chooseChange(page: Page, kind: string): Promise<void> {
  await page.getByLabel('Change', { exact: true }).selectOption(kind);
}

/** Sends the form with its reason and waits for the levels it needs. */
async function propose(page: Page, reason: string, levels: string): Promise<void> {
  await page.getByLabel('Why', { exact: true }).fill(reason);
  await page.getByRole('button', { name: 'Propose', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Proposed. Approval: ${levels}.` })
    .waitFor();
  // A proposed change clears the form, so a second click cannot propose it twice.
  expect(await page.getByLabel('Why', { exact: true }).inputValue()).toBe('');
}

/** The members table of the household page: member reference → status cell text. */
async function memberStatuses(page: Page): Promise<Record<string, string>> {
  const table = page.getByRole('table').filter({ has: page.locator('caption', { hasText: 'Members' }) });
  const rows = await table.locator('tbody tr').all();
  const out: Record<string, string> = {};
  for (const row of rows) {
    const cells = await row.locator('td').allTextContents();
    out[cells[0] ?? ''] = `${cells[4]} · ${cells[6]}`;
  }
  return out;
}

/**
 * Life events of issue 3 through the household page: a village chief proposes a death, a
 * member moving out, a member joining another household, a split, a merge, a birth and a
 * newcomer; a national officer proposes a village move; the commune then the province approve
 * from their queues; the households show the outcome and their history names each event.
 * Then the XLSX export of a search, and the duplicate comparison on a phone.
 */
describe.skipIf(!isBrowserAvailable())('registry life events journey', () => {
  const journey = useJourney({ timeoutMs: 200_000 });

  it('proposes every life event, approves them level by level, shows the outcome and exports XLSX', async () => {
    // 0. A national officer imports the families this journey works on.
    const national = (await journey.openPage()).page;
    await login(national, 'national');
    await switchToEnglish(national);
    const run = await importRegistryFiles(national, { households: HOUSEHOLDS, members: MEMBERS });
    expect(run).toMatchObject({ imported: 4, rejected: 0, issues: 0 });

    // 1. The village chief proposes the events of LE-H1, LE-H2 and LE-H3.
    const chief = (await journey.openPage()).page;
    await login(chief, 'chief');
    await switchToEnglish(chief);
    await openHousehold(chief, 'LE-H1');
    const deathDate = weekAgo();

    // A correction a spreadsheet would run as a formula never enters the registry: refused on
    // its field before anyone approves it.
    await chief.getByLabel('Member', { exact: true }).selectOption(option(KM.M4, 'LE-M4'));
    await chief.getByLabel('Field').selectOption('givenNameLatin');
    await chief.getByLabel('New value').fill('=HYPERLINK("http://example.com","Vichet")');
    await chief.getByLabel('Why', { exact: true }).fill('LE spelling on the ID card');
    await chief.getByRole('button', { name: 'Propose', exact: true }).click();
    await chief.locator('.field--error', { hasText: 'New value' }).waitFor();

    await chooseChange(chief, 'record_death');
    await chief.getByLabel('Member', { exact: true }).selectOption(option(KM.M5, 'LE-M5'));
    await chief.getByLabel('Date of death').fill(deathDate);
    await propose(chief, 'LE grandmother died at home', 'commune');

    await chooseChange(chief, 'remove_member');
    await chief.getByLabel('Member', { exact: true }).selectOption(option(KM.M4, 'LE-M4'));
    await chief.getByLabel('Why is the member leaving the register').selectOption('moved_out');
    await propose(chief, 'LE son left for work in Thailand', 'commune → province');

    // A reference that does not exist is named on its field; the right one is accepted.
    await chooseChange(chief, 'move_member');
    await chief.getByLabel('Member', { exact: true }).selectOption(option(KM.M3, 'LE-M3'));
    await chief.getByLabel('Household the member joins (reference)').fill('LE-NOWHERE');
    await chief.getByLabel('Why', { exact: true }).fill('LE daughter married Sok Piseth');
    await chief.getByRole('button', { name: 'Propose', exact: true }).click();
    await chief.locator('.field--error', { hasText: 'Household the member joins' }).waitFor();
    await chief.getByLabel('Household the member joins (reference)').fill('le-h2');
    await chief.getByLabel('Relation to the head of that household').selectOption('spouse');
    await propose(chief, 'LE daughter married Sok Piseth', 'commune → province');

    await chooseChange(chief, 'split_household');
    await chief.getByLabel('Reference of the new household').fill('LE-H1-B');
    await chief.getByRole('checkbox', { name: /LE-M2/ }).check();
    await chief.getByLabel('Head of the new household').selectOption(option(KM.M2, 'LE-M2'));
    // On a phone: a second member leaving asks for her relation to the new head, with nothing
    // preselected, and the form never scrolls sideways. She stays after all (unticked).
    await chief.setViewportSize({ width: 390, height: 844 });
    await chief.getByRole('checkbox', { name: /LE-M3/ }).check();
    const sister = chief.getByRole('combobox', { name: `${KM.M3} (LE-M3)` });
    expect(await sister.inputValue()).toBe('');
    await sister.selectOption('sibling');
    expect(await chief.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(390);
    await chief
      .getByRole('group', { name: 'How each member who leaves is related to the new head' })
      .screenshot({ path: path.join(ARTIFACTS_DIR, 'registry-split-relations-phone.png') });
    await chief.getByRole('checkbox', { name: /LE-M3/ }).uncheck();
    expect(await chief.getByRole('combobox', { name: `${KM.M3} (LE-M3)` }).count()).toBe(0);
    await chief.setViewportSize({ width: 1280, height: 900 });
    await propose(chief, 'LE eldest son sets up his own home', 'commune → province');
    expect(await findA11yProblems(chief)).toEqual([]);
    await screenshot(chief, 'registry-life-events-proposed');

    await openHousehold(chief, 'LE-H2');
    await chooseChange(chief, 'merge_households');
    await chief.getByLabel('Household to merge into this one (reference)').fill('LE-H3');
    // Each member who joins says how they are related to Piseth: nothing is guessed, and a
    // member left without one is named on their own field.
    await chief.getByLabel(`${KM.M7} (LE-M7)`).selectOption('other_relative');
    await chief.getByLabel('Why', { exact: true }).fill('LE aunt and niece now live with Piseth');
    await chief.getByRole('button', { name: 'Propose', exact: true }).click();
    await chief.locator('.field--error', { hasText: 'LE-M8' }).waitFor();
    await chief.getByLabel(`${KM.M8} (LE-M8)`).selectOption('other_relative');
    await propose(chief, 'LE aunt and niece now live with Piseth', 'commune → province');

    await chooseChange(chief, 'record_birth');
    await chief.getByLabel('Member reference').fill('LE-M10');
    await chief.getByLabel('Family name (Khmer)').fill('សុខ');
    await chief.getByLabel('Given name (Khmer)').fill('មករា');
    await chief.getByLabel('Family name (Latin)').fill('Sok');
    await chief.getByLabel('Given name (Latin)').fill('Makara');
    await chief.getByLabel('Birth date').fill(deathDate);
    await propose(chief, 'LE baby born at the health centre', 'commune');

    await chooseChange(chief, 'add_member');
    await chief.getByLabel('Member reference').fill('LE-M11');
    await chief.getByLabel('Family name (Khmer)').fill('លី');
    await chief.getByLabel('Given name (Khmer)').fill('ណារី');
    await chief.getByLabel('Sex').selectOption('F');
    await chief.getByLabel('Birth date').fill('1990');
    await chief.getByLabel('Relation to head').selectOption('non_relative');
    await propose(chief, 'LE lodger registered with the family', 'commune');

    // 2. The national officer records that LE-H4 moved to the next village.
    await openHousehold(national, 'LE-H4');
    await chooseChange(national, 'move_household');
    await national.getByLabel('New village code').fill('02010102');
    await propose(national, 'LE family moved to the next village', 'commune → province');

    // 3. The commune officer approves all eight; the province approves the five that need it.
    const commune = (await journey.openPage()).page;
    await login(commune, 'commune');
    await switchToEnglish(commune);
    const all = [
      'LE grandmother died',
      'LE son left',
      'LE daughter married',
      'LE eldest son',
      'LE aunt and niece',
      'LE baby born',
      'LE lodger',
      'LE family moved',
    ];
    // Before approving, the approver reads whose record changes, not an id.
    const dying = await queueCard(commune, 'LE grandmother died');
    await dying.locator('dl div', { hasText: 'Member' }).getByText('LE-M5 · កែវ សារី · (Keo Sary)').waitFor();
    const moving = await queueCard(commune, 'LE daughter married');
    await moving
      .locator('dl div', { hasText: 'Household the member joins' })
      .getByText('LE-H2', { exact: true })
      .waitFor();
    const merging = await queueCard(commune, 'LE aunt and niece');
    await merging
      .locator('dl div', { hasText: 'New relation to the head' })
      .getByText('LE-M8 · ម៉ម បុប្ផា · (Mom Bopha) — Other relative', { exact: false })
      .waitFor();
    for (const reason of all) await approveInQueue(commune, reason);

    const province = (await journey.openPage()).page;
    await login(province, 'province');
    await switchToEnglish(province);
    const village = await queueCard(province, 'LE family moved');
    await village.getByText('awaiting province approval').waitFor();
    await village
      .locator('dl div', { hasText: 'New village code' })
      .getByText('02010102', { exact: true })
      .waitFor();
    expect(await findA11yProblems(province)).toEqual([]);
    await screenshot(province, 'registry-life-events-queue');
    for (const reason of ['LE son left', 'LE daughter married', 'LE eldest son', 'LE aunt and niece']) {
      await approveInQueue(province, reason);
    }
    await approveInQueue(province, 'LE family moved');

    // 4. The outcome, on screen. LE-H1: the grandmother deceased, the son moved out, the daughter
    // and the eldest son gone; its history names each event.
    await openHousehold(province, 'LE-H1');
    expect(await memberStatuses(province)).toEqual({
      'LE-M1': 'Head · Active',
      'LE-M4': 'Child · Moved out',
      'LE-M5': `Parent · Deceased (${deathDate})`,
    });
    const history = province.locator('ol.history');
    for (const [event, reason] of [
      ['Record a death', 'LE grandmother died at home'],
      ['Member moved out', 'LE son left for work in Thailand'],
      ['Move a member', 'LE daughter married Sok Piseth'],
      ['Split the household', 'LE eldest son sets up his own home'],
    ]) {
      await history.locator('li', { hasText: event }).filter({ hasText: reason }).first().waitFor();
    }
    // Each change reads as words, not column names and codes.
    const death = history.locator('li', { hasText: 'Record a death' }).first();
    await death.getByText('Status: Active → Deceased').waitFor();
    await death.getByText(`Date of death: — → ${deathDate}`).waitFor();
    const moved = history.locator('li', { hasText: 'Move a member' }).first();
    await moved.getByText('Relation to head: Child → Spouse').waitFor();
    await moved.getByRole('link', { name: 'another household' }).waitFor();
    expect(await findA11yProblems(province)).toEqual([]);
    await screenshot(province, 'registry-life-events-household');
    await history
      .locator('> li')
      .first()
      .screenshot({ path: path.join(ARTIFACTS_DIR, 'registry-life-events-history.png') });
    await province.getByRole('button', { name: 'ខ្មែរ' }).click();
    await history.locator('li', { hasText: 'កត់ត្រាមរណភាព' }).first().waitFor();
    await screenshot(province, 'registry-life-events-household-km');
    await history
      .locator('> li')
      .first()
      .screenshot({ path: path.join(ARTIFACTS_DIR, 'registry-life-events-history-km.png') });
    // A change the registry refuses by its own rule is said in Khmer, on its field and marked so.
    await switchToEnglish(province);
    await chooseChange(province, 'record_death');
    await province.getByLabel('Member', { exact: true }).selectOption(option(KM.M1, 'LE-M1'));
    await province.getByLabel('Date of death').fill('1900-01-01');
    await province.getByLabel('Why', { exact: true }).fill('LE a death before the birth');
    await province.getByRole('button', { name: 'ខ្មែរ' }).click();
    await province.getByRole('button', { name: 'ស្នើ', exact: true }).click();
    const refusal = province.locator('.field--error', { hasText: 'ថ្ងៃស្លាប់' });
    await refusal.getByText('ថ្ងៃស្លាប់ស្ថិតនៅមុនថ្ងៃកំណើត។').waitFor();
    expect(await refusal.locator('[lang="km"]', { hasText: 'ថ្ងៃកំណើត' }).count()).toBeGreaterThan(0);
    await province.getByRole('alert').getByText('ថ្ងៃស្លាប់ស្ថិតនៅមុនថ្ងៃកំណើត។').waitFor();
    await screenshot(province, 'registry-life-events-refusal-km');
    // So is a schema's own check: a Khmer name typed in Latin letters.
    await switchToEnglish(province);
    await chooseChange(province, 'correct_field');
    await province.getByLabel('Member', { exact: true }).selectOption(option(KM.M1, 'LE-M1'));
    await province.getByLabel('Field', { exact: true }).selectOption('givenNameKm');
    await province.getByLabel('New value', { exact: true }).fill('Dara');
    await province.getByLabel('Why', { exact: true }).fill('LE a Khmer name in Latin letters');
    await province.getByRole('button', { name: 'ខ្មែរ' }).click();
    await province.getByRole('button', { name: 'ស្នើ', exact: true }).click();
    await province.locator('.field--error').getByText('សូមសរសេរឈ្មោះនេះជាអក្សរខ្មែរ').waitFor();
    await screenshot(province, 'registry-life-events-check-km');
    await switchToEnglish(province);

    // The new household of the split, headed by the eldest son.
    await openHousehold(province, 'LE-H1-B');
    expect(await memberStatuses(province)).toEqual({ 'LE-M2': 'Head · Active' });

    // LE-H2 took in the daughter (spouse), the merged household (aunt and niece, as proposed),
    // the baby and the lodger.
    await openHousehold(province, 'LE-H2');
    expect(await memberStatuses(province)).toEqual({
      'LE-M6': 'Head · Active',
      'LE-M3': 'Spouse · Active',
      'LE-M7': 'Other relative · Active',
      'LE-M8': 'Other relative · Active',
      'LE-M10': 'Child · Active',
      'LE-M11': 'Not related · Active',
    });
    await history.locator('li', { hasText: 'Merge households' }).first().waitFor();
    await history.locator('li', { hasText: 'Record a birth' }).first().waitFor();

    // LE-H3 is merged: its members live in LE-H2 now, so the member search finds none there, but
    // the household is found by its reference; it says it is merged and offers no change.
    await province.goto('/registry');
    await province.getByLabel('Name, ID, phone or reference').fill('LE-H3');
    await province.getByRole('button', { name: 'Search' }).click();
    await province.getByText('No one found in your area.').waitFor();
    await province.getByRole('link', { name: 'Household LE-H3' }).click();
    await province.getByRole('heading', { name: 'Household LE-H3', level: 1 }).waitFor();
    await province.getByText(/Status: Merged/).waitFor();
    expect(await province.getByRole('heading', { name: 'Propose a change' }).count()).toBe(0);

    // LE-H4 is in its new village.
    await openHousehold(province, 'LE-H4');
    await province.getByText(/Village: Tuol Thnong\s*ទួលធ្នង់ \(02010102\)/).waitFor();
    await history.locator('li', { hasText: 'Household moved village' }).first().waitFor();

    // 5. Export a search result as XLSX: a real workbook in the import format.
    await province.goto('/registry');
    await province.getByLabel('Name, ID, phone or reference').fill('LE-H2');
    await province.getByRole('button', { name: 'Search' }).click();
    await province.getByRole('cell', { name: 'LE-H2', exact: true }).first().waitFor();
    const [download] = await Promise.all([
      province.waitForEvent('download'),
      province.getByRole('link', { name: 'Download Excel (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = path.join(ARTIFACTS_DIR, 'registry-life-events-export.xlsx');
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('members');
    expect(sheet).toBeDefined();
    const rows: string[][] = [];
    sheet?.eachRow((row) => {
      rows.push(
        (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
      );
    });
    expect(rows[0]).toEqual(DOCUMENTED_EXPORT_HEADER);
    const data = rows.slice(1);
    expect(data.map((r) => r[0]).sort()).toEqual(['LE-M10', 'LE-M11', 'LE-M3', 'LE-M6', 'LE-M7', 'LE-M8']);
    const daughter = data.find((r) => r[0] === 'LE-M3') ?? [];
    expect(daughter.slice(1, 9)).toEqual(['LE-H2', 'ចាន់', 'រតនា', 'Chan', 'Rathana', 'F', '1998', 'spouse']);
    // Codes are text: the village keeps its leading zero.
    expect(daughter[IMPORT_COLUMN_COUNT]).toBe('02010101');
    await screenshot(province, 'registry-life-events-export');
  }, 420_000);

  it('compares a duplicate pair on a phone without sideways scrolling, in English and Khmer', async () => {
    const { page } = await journey.openPage({ width: 390, height: 844 });
    await login(page, 'province');
    for (const language of ['en', 'km'] as const) {
      if (language === 'en') await switchToEnglish(page);
      else await page.getByRole('button', { name: 'ខ្មែរ' }).click();
      await page.goto('/registry/duplicates');
      const card = page.locator('article.card').first();
      await card.waitFor({ timeout: 60_000 });
      expect(await card.getByRole('table').getByRole('rowheader').count()).toBe(10);
      const widths = await page.evaluate(() => ({
        page: document.scrollingElement?.scrollWidth ?? 0,
        window: window.innerWidth,
        // The comparison itself must not scroll inside its frame either.
        compare: [...document.querySelectorAll('article.card .table-wrap')].map(
          (wrap) => wrap.scrollWidth - wrap.clientWidth,
        ),
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.window);
      expect(widths.compare.every((overflow) => overflow <= 0)).toBe(true);
      await card.screenshot({ path: path.join(ARTIFACTS_DIR, `registry-duplicates-phone-${language}.png`) });
    }
    expect(await findA11yProblems(page)).toEqual([]);
  }, 180_000);
});
