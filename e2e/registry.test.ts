import { describe, expect, it } from 'vitest';
import {
  findA11yProblems,
  isBrowserAvailable,
  login,
  screenshot,
  switchToEnglish,
  useJourney,
} from './support';

const HOUSEHOLDS =
  'household_ref,village_code,address,phone\nE2E-H1,02010101,House 7,012 345 678\nE2E-H2,99999999,,\n';
const MEMBERS = [
  'member_ref,household_ref,family_name_km,given_name_km,family_name_latin,given_name_latin,sex,birth_date,relation_to_head,national_id,phone,disability,chronic_illness',
  'E2E-M1,E2E-H1,ម៉ៅ,ច័ន្ទធីតា,Mao,Chanthida,F,1983-04-09,head,987654321,,,false',
  'E2E-M2,E2E-H1,ម៉ៅ,វិបុល,Mao,Vibol,M,2010,child,,,,',
  'E2E-M3,E2E-H2,សុខ,ដារា,Sok,Dara,M,1970,head,,,,',
].join('\n');

/** The registry journey of issue 3: import → search → change request → approval. */
describe.skipIf(!isBrowserAvailable())('registry journey', () => {
  const journey = useJourney({ timeoutMs: 200_000 });

  it('import with progress and report → search → propose a correction → commune approves', async () => {
    // 1. A national officer imports two files; one household is rejected and reported.
    const officer = await journey.openPage();
    const p = officer.page;
    await login(p, 'national');
    await switchToEnglish(p);
    await p.goto('/registry/import');
    await p
      .getByLabel('File households.csv')
      .setInputFiles({ name: 'households.csv', mimeType: 'text/csv', buffer: Buffer.from(HOUSEHOLDS) });
    await p
      .getByLabel('File members.csv')
      .setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(MEMBERS) });
    await p.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => p.getByRole('progressbar').count(), { timeout: 30_000 }).toBe(1);
    await p
      .getByText(/Imported 1, updated 0, unchanged 0, rejected 1 households/)
      .waitFor({ timeout: 60_000 });
    const report = p.getByRole('link', { name: /Download the report/ });
    expect(await report.getAttribute('href')).toMatch(/report\.csv\?lang=en$/);
    // The problems are on the page too, each with its file, row, column, value and reason.
    const problem = p.getByRole('row', { name: /households\.csv 3 village_code 99999999/ });
    await expect.poll(() => problem.textContent()).toMatch(/unknown village code/);
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'registry-import');
    // In Khmer, the reason and the report change language; the file's own words do not.
    await p.getByRole('button', { name: 'ខ្មែរ' }).click();
    await expect.poll(() => problem.textContent()).toMatch(/មិនស្គាល់លេខកូដភូមិនេះ/);
    expect(await p.getByRole('link', { name: /ទាញយករបាយការណ៍/ }).getAttribute('href')).toMatch(/\?lang=km$/);
    await screenshot(p, 'registry-import-km');
    await switchToEnglish(p);

    // 2. Search by national ID, open the household.
    await p.goto('/registry');
    await p.getByLabel('Name, ID, phone or reference').fill('987 654 321');
    await p.getByRole('button', { name: 'Search' }).click();
    await p.getByRole('link', { name: /Mao Chanthida/ }).click();
    await p.waitForURL('**/registry/households/**');
    await p.getByRole('heading', { name: 'Household E2E-H1' }).waitFor();

    // 3. Propose a correction of the child's birth date.
    await p.getByLabel('Member', { exact: true }).selectOption({ label: 'ម៉ៅ វិបុល (E2E-M2)' });
    await p.getByLabel('Field').selectOption('birthDate');
    await p.getByLabel('New value').fill('2010-06-15');
    await p.getByLabel('Why').fill('Birth certificate shown');
    await p.getByRole('button', { name: 'Propose' }).click();
    await p.getByText('Proposed. Approval: commune.').waitFor();
    await screenshot(p, 'registry-household');

    // 4. The commune officer approves from the queue; the household shows the new date.
    const commune = await journey.openPage();
    const c = commune.page;
    await login(c, 'commune');
    await switchToEnglish(c);
    await c.goto('/registry/changes');
    const card = c.locator('li.card', { hasText: 'Birth certificate shown' });
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.waitFor({ state: 'detached', timeout: 15_000 });
    await p.reload();
    await p.getByRole('cell', { name: '2010-06-15' }).waitFor();
    await p.getByText('Approved change').first().waitFor();
  }, 180_000);
});
