import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  findA11yProblems,
  isBrowserAvailable,
  login,
  screenshot,
  switchToEnglish,
  useJourney,
} from './support';

const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

/** Fills a quality form's fields by name and submits it; waits for the "saved" notice. */
async function fillAndSave(page: Page, testId: string, values: Record<string, string>) {
  const form = page.getByTestId(testId);
  for (const [name, value] of Object.entries(values)) {
    const control = form.locator(`[name="${name}"]`);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
  await form.locator('button[type="submit"]').click();
  await form.locator('.alert--success').waitFor({ timeout: 20_000 });
}

/**
 * The quality manager of LAB-01 keeps the quality system in the web app, in Khmer then English:
 * equipment (register, edit, breakdown → NC), documents (new, new version → old one obsolete),
 * personnel (training → competence → authorisation), EQA (round, unsatisfactory result → NC).
 */
describe.skipIf(!isBrowserAvailable())('laboratory quality system screens', () => {
  const journey = useJourney({ timeoutMs: 240_000 });

  it('equipment, documents, personnel and EQA are entered in the web app with errors on the fields', async () => {
    const { page: p, context } = await journey.openPage({ locale: 'km-KH' });
    await login(p, 'labqm');
    await expect.poll(() => p.locator('html').getAttribute('lang'), { timeout: 20_000 }).toBe('km');

    // Equipment: reachable from the quality navigation.
    await p.goto('/labs/quality');
    await p.locator('nav.labs-subnav--quality a[href="/labs/quality/equipment"]').click();
    await p.getByTestId('equipment-alerts').waitFor();
    await p.locator('summary:has-text("ចុះបញ្ជីឧបករណ៍")').click();
    const newForm = p.getByTestId('equipment-new-form');
    await newForm.locator('button[type="submit"]').click();
    // Missing fields are named on the fields, in Khmer, and nothing is sent.
    await expect.poll(() => newForm.locator('.field--error').count()).toBe(3);
    expect(await newForm.locator('.field--error').first().textContent()).toContain('សូមបំពេញប្រអប់នេះ។');
    await fillAndSave(p, 'equipment-new-form', {
      assetCode: 'EQ-E2E-01',
      name: 'Centrifuge',
      category: 'Centrifuge',
      maintenanceIntervalDays: '30',
      lastMaintenanceOn: inDays(-25),
    });
    const row = p.locator('tr', { hasText: 'EQ-E2E-01' });
    await row.getByRole('button').click();
    await expect.poll(() => p.getByTestId('equipment-alerts').textContent()).toContain('EQ-E2E-01');
    await fillAndSave(p, 'equipment-edit-form', { name: 'Centrifuge (bench 3)', model: 'C-3' });
    await row.filter({ hasText: 'Centrifuge (bench 3)' }).waitFor();
    await fillAndSave(p, 'equipment-event-form', { kind: 'breakdown', note: 'Rotor imbalance alarm' });
    await row.locator('a[href^="/labs/ncs/"]').waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('ឈប់ដំណើរការ');
    await p.getByTestId('equipment-log').locator('a[href^="/labs/ncs/"]').waitFor({ timeout: 20_000 });
    expect(await p.getByTestId('equipment-log').textContent()).toContain('Rotor imbalance alarm');
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'labs-equipment-km');

    // Documents: a server-side error shows on its field; a new version archives the old one.
    await p.locator('nav.labs-subnav--quality a[href="/labs/quality/documents"]').click();
    await p.locator('summary:has-text("បន្ថែមឯកសារទៅបញ្ជីមេ")').click();
    const docForm = p.getByTestId('document-new-form');
    const docValues = {
      docCode: 'sop e2e',
      title: 'Specimen rejection',
      kind: 'sop',
      reviewIntervalMonths: '12',
      'firstVersion.versionLabel': '1.0',
      'firstVersion.authorName': 'Chan Sophea',
      'firstVersion.reviewerName': 'Keo Dara',
      'firstVersion.approverName': 'Dr Lim Vanna',
      'firstVersion.effectiveOn': inDays(-360),
      'firstVersion.changeSummary': 'First issue',
    };
    for (const [name, value] of Object.entries(docValues)) {
      const control = docForm.locator(`[name="${name}"]`);
      if (name === 'kind') await control.selectOption(value);
      else await control.fill(value);
    }
    await docForm.locator('button[type="submit"]').click();
    const docCodeField = docForm.locator('.field:has([name="docCode"])');
    await expect
      .poll(() => docCodeField.getAttribute('class'), { timeout: 20_000 })
      .toContain('field--error');
    expect(await docCodeField.textContent()).toContain('SOP-HAEM-001');
    await docCodeField.scrollIntoViewIfNeeded();
    await p.screenshot({
      path: (await screenshot(p, 'labs-document-error-km')).replace('.png', '-view.png'),
    });
    await fillAndSave(p, 'document-new-form', { ...docValues, docCode: 'SOP-E2E-001' });
    const docRow = p.locator('tr', { hasText: 'SOP-E2E-001' });
    await expect.poll(() => docRow.locator('.labs-due-soon').count(), { timeout: 20_000 }).toBe(1);
    await docRow.getByRole('button').click();
    await fillAndSave(p, 'document-version-form', {
      versionLabel: '2.0',
      authorName: 'Chan Sophea',
      reviewerName: 'Keo Dara',
      approverName: 'Dr Lim Vanna',
      changeSummary: 'Haemolysed samples added',
    });
    await expect.poll(() => docRow.textContent(), { timeout: 20_000 }).toContain('1.0 (');
    expect(await docRow.locator('.labs-due-soon').count()).toBe(0);
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'labs-documents-km');

    // Personnel: a new staff member, trained, assessed competent, then authorised.
    await p.locator('nav.labs-subnav--quality a[href="/labs/quality/staff"]').click();
    await p.locator('summary:has-text("បន្ថែមបុគ្គលិក")').click();
    await fillAndSave(p, 'staff-new-form', { fullName: 'Sok Pisey', position: 'Laboratory technician' });
    const staff = p.locator('.labs-staff-list > li', { hasText: 'Sok Pisey' });
    await staff.getByRole('button').click();
    const record = { subject: 'Malaria microscopy', byName: 'Dr Lim Vanna' };
    await fillAndSave(p, 'staff-record-form', { ...record, kind: 'training' });
    await fillAndSave(p, 'staff-record-form', { ...record, kind: 'competence', outcome: 'competent' });
    await fillAndSave(p, 'staff-record-form', { ...record, kind: 'authorisation', validUntil: inDays(365) });
    await expect.poll(() => staff.locator('li').count(), { timeout: 20_000 }).toBe(3);
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'labs-staff-km');

    // EQA in English: a round, an unsatisfactory result opens a nonconformity, linked on the round.
    await switchToEnglish(p);
    await p.locator('nav.labs-subnav--quality a[href="/labs/quality/eqa"]').click();
    await p.locator('summary:has-text("Add a round")').click();
    await fillAndSave(p, 'eqa-round-form', { roundLabel: 'E2E-2026-1', dueOn: inDays(10) });
    const round = p.locator('tr', { hasText: 'E2E-2026-1' });
    await round.getByRole('button', { name: /Enter the result/ }).click();
    const resultForm = p.getByTestId('eqa-result-form');
    await resultForm.locator('[name="scorePercent"]').fill('60');
    await resultForm.locator('button[type="submit"]').click();
    await p.getByTestId('eqa-result-outcome').locator('a[href^="/labs/ncs/"]').waitFor({ timeout: 20_000 });
    await round.getByRole('link').waitFor({ timeout: 20_000 });
    expect(await round.textContent()).toContain('unsatisfactory');
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'labs-eqa-en');
    await p.locator('nav.labs-subnav--quality a[href="/labs/quality/equipment"]').click();
    await p.getByTestId('equipment-alerts').waitFor();
    await screenshot(p, 'labs-equipment-en');
    await context.close();
  }, 300_000);

  it('the Bureau picks a lab to enter its records, and registers EQA schemes for the network', async () => {
    const { page: p, context } = await journey.openPage();
    await login(p, 'admin');
    await switchToEnglish(p);
    await p.goto('/labs/quality/eqa');
    await p.locator('summary:has-text("Add a scheme")').click();
    await fillAndSave(p, 'eqa-scheme-form', {
      code: 'NPHL-TB-E2E',
      name: 'TB microscopy proficiency testing',
      provider: 'National Public Health Laboratory',
      discipline: 'Microbiology',
    });
    await p.locator('li', { hasText: 'NPHL-TB-E2E' }).waitFor({ timeout: 20_000 });
    // No lab chosen: nothing to add a round or an instrument to.
    expect(await p.getByTestId('eqa-round-form').count()).toBe(0);
    await p.locator('#quality-lab').selectOption('LAB-03');
    await p.locator('summary:has-text("Add a round")').click();
    await fillAndSave(p, 'eqa-round-form', {
      schemeId: await p
        .getByTestId('eqa-round-form')
        .locator('option', { hasText: 'NPHL-TB-E2E' })
        .evaluate((o) => (o as HTMLOptionElement).value),
      roundLabel: 'TB-2026-1',
      dueOn: inDays(20),
    });
    await p
      .locator('tr', { hasText: 'TB-2026-1' })
      .filter({ hasText: 'LAB-03' })
      .waitFor({ timeout: 20_000 });
    expect(await findA11yProblems(p)).toEqual([]);
    await screenshot(p, 'labs-eqa-bureau-en');
    await context.close();
  }, 200_000);
});
