import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findA11yProblems, isBrowserAvailable, login, screenshot, useJourney } from './support';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

async function answer(page: Page, itemId: string, value: string) {
  const item = page.locator(`[data-item="${itemId}"]`);
  await item.locator(`input[value="${value}"]`).check({ force: true });
}

async function openSection(page: Page, number: number) {
  const section = page.locator(`details[data-section="${number}"]`);
  if ((await section.getAttribute('open')) === null) await section.locator(':scope > summary').click();
  return section;
}

/**
 * The laboratory journey from the issue: a peer audit of a demo lab on a tablet in Khmer,
 * partly offline → a finding → a nonconformity → corrective action → effectiveness check →
 * closed; the Bureau publishes the audit and the network dashboard shows the new star level.
 */
describe.skipIf(!isBrowserAvailable())('laboratory quality journey', () => {
  const journey = useJourney({ timeoutMs: 240_000 });

  it('peer audit in Khmer (offline and back) → finding → NC → action → effectiveness → closed → new star level', async () => {
    // 0. The Bureau's view before: Calmette (LAB-01) at its demo star level.
    const bureau = await journey.openPage();
    const b = bureau.page;
    await login(b, 'admin');
    await b.goto('/labs');
    const starsBefore = await b.getByTestId('stars-LAB-01').getAttribute('data-stars');
    expect(starsBefore).toBe('4');

    // 1. The peer auditor of LAB-02, on a tablet in Khmer, starts a peer audit of LAB-01.
    const auditor = await journey.openPage({ width: 1024, height: 768, locale: 'km-KH' });
    const p = auditor.page;
    p.on('dialog', (dialog) => void dialog.accept());
    await login(p, 'auditor');
    await expect.poll(() => p.locator('html').getAttribute('lang'), { timeout: 20_000 }).toBe('km');
    await p.goto('/labs/audits');
    await p.locator('select[name="kind"]').selectOption('peer');
    await p.locator('select[name="labCode"]').selectOption('LAB-01');
    await p.locator('input[name="auditDate"]').fill(today());
    await p.getByRole('button', { name: 'ចាប់ផ្តើមសវនកម្ម' }).click();
    await p.waitForURL(/\/labs\/audits\/[0-9a-f-]{36}$/);
    const auditId = p.url().split('/').at(-1)!;
    await p.locator('details[data-section="12"]').waitFor(); // the checklist is on the tablet

    // 2. The connection drops: answers stay on the tablet.
    await auditor.context.setOffline(true);
    await expect
      .poll(() => p.getByTestId('sync-status').textContent(), { timeout: 20_000 })
      .toContain('គ្មានអ៊ីនធឺណិត');
    await openSection(p, 8);
    await answer(p, '8.9', 'no');
    await p.locator('textarea[name="comment-8.9"]').fill('គ្មានការត្រួតពិនិត្យគុណភាពផ្ទៃក្នុងរយៈពេល ៣ ថ្ងៃ');
    await p.locator('textarea[name="comment-8.9"]').blur();
    await openSection(p, 1);
    await answer(p, '1.1', 'partial');
    await expect
      .poll(() => p.getByTestId('sync-status').textContent(), { timeout: 20_000 })
      .toContain('ចម្លើយ 2');
    const outbox = await p.evaluate((id) => localStorage.getItem(`mlob.labs.outbox.${id}`), auditId);
    expect(JSON.parse(outbox ?? '[]')).toHaveLength(2);
    await screenshot(p, 'labs-audit-offline-km');
    await p.locator('[data-item="8.9"]').scrollIntoViewIfNeeded();
    await p.screenshot({ path: (await screenshot(p, 'labs-audit-offline-km')).replace('.png', '-view.png') });

    // 3. The connection returns: the outbox is sent; replaying it changes nothing.
    await auditor.context.setOffline(false);
    await expect
      .poll(() => p.getByTestId('sync-status').textContent(), { timeout: 20_000 })
      .toContain('ចម្លើយ 0');
    const replay = await p.request.post(`/api/labs/audits/${auditId}/answers/sync`, {
      data: { changes: JSON.parse(outbox!) },
    });
    expect((await replay.json()).results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    const afterSync = await (await p.request.get(`/api/labs/audits/${auditId}`)).json();
    expect(
      afterSync.answers.map((a: { itemId: string; answer: string }) => `${a.itemId}:${a.answer}`).sort(),
    ).toEqual(['1.1:partial', '8.9:no']);

    // Evidence for the finding: a photo of the QC log.
    await p.locator('input[name="evidence-8.9"]').setInputFiles({
      name: 'qc-log-8.9.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
    });
    await p.locator('[data-question="8.9"]').getByRole('link', { name: 'qc-log-8.9.png' }).waitFor();

    // 4. The rest of the checklist, section by section, then submission.
    for (let section = 1; section <= 12; section += 1) {
      const details = await openSection(p, section);
      await details.getByRole('button', { name: 'សម្គាល់ចំណុចមិនទាន់ឆ្លើយថា បាទ/ចាស' }).click();
    }
    await expect
      .poll(() => p.getByTestId('sync-status').textContent(), { timeout: 30_000 })
      .toContain('ចម្លើយ 0');
    await p.reload();
    // The reload re-reads everything from the server; on a busy machine that can take a while.
    await p
      .getByTestId('audit-score')
      .waitFor({ timeout: 120_000 })
      .catch(async (error: unknown) => {
        await screenshot(p, 'labs-debug-after-reload');
        throw error;
      });
    await expect
      .poll(() => p.getByTestId('audit-score').textContent(), { timeout: 20_000 })
      .toContain('269 / 273');
    expect(await findA11yProblems(p)).toEqual([]);
    await p.getByRole('button', { name: 'ដាក់ស្នើសវនកម្ម' }).click();
    await expect
      .poll(() => p.getByTestId('audit-status').textContent(), { timeout: 20_000 })
      .toBe('បានដាក់ស្នើ');

    // 5. The finding opens a nonconformity in one click.
    await openSection(p, 8);
    await p.locator('[data-question="8.9"]').getByRole('button').last().click();
    await p.locator('[data-question="8.9"]').getByRole('link', { name: 'បើកភាពមិនអនុលោម' }).click();
    await p.waitForURL(/\/labs\/ncs\/[0-9a-f-]{36}$/);
    const ncPath = new URL(p.url()).pathname;
    await screenshot(p, 'labs-nc-raised-km');
    await auditor.context.close();

    // 6. The Bureau approves and publishes the audit.
    await b.goto(`/labs/audits/${auditId}`);
    await b.getByRole('button', { name: /^(Approve|អនុម័ត)$/ }).click();
    await expect
      .poll(() => b.getByTestId('audit-status').textContent(), { timeout: 20_000 })
      .toMatch(/Approved|បានអនុម័ត/);
    await b.getByRole('button', { name: /^(Publish|ផ្សព្វផ្សាយ)$/ }).click();
    await expect
      .poll(() => b.getByTestId('audit-status').textContent(), { timeout: 20_000 })
      .toMatch(/Published|បានផ្សព្វផ្សាយ/);

    // 7. Calmette's quality manager, in Khmer: correction, root cause, action, effectiveness, closed.
    const lab = await journey.openPage({ locale: 'km-KH' });
    const q = lab.page;
    await login(q, 'labqm');
    await q.goto(ncPath);
    const submitOf = (field: string) => q.locator(`form:has(${field}) button[type="submit"]`);
    await q.locator('#nc-correction').fill('បានធ្វើតេស្តឡើងវិញជាមួយ QC សម្រាប់លទ្ធផលទាំងអស់ ៣ ថ្ងៃ');
    await submitOf('#nc-correction').click();
    await expect.poll(() => q.getByTestId('nc-stage').textContent(), { timeout: 20_000 }).toBe('ការវិភាគ');
    await q.locator('#nc-why-0').fill('សម្ភារៈ QC អស់ពីស្តុក');
    await q.locator('#nc-why-1').fill('មិនមានកម្រិតស្តុកអប្បបរមា');
    await q.locator('#nc-summary').fill('គ្មានកម្រិតស្តុកអប្បបរមាសម្រាប់សម្ភារៈ QC');
    await submitOf('#nc-summary').click();
    await expect.poll(() => q.getByTestId('nc-stage').textContent(), { timeout: 20_000 }).toBe('សកម្មភាព');
    await q.locator('#action-description').fill('កំណត់កម្រិតស្តុកអប្បបរមាសម្រាប់សម្ភារៈ QC ទាំងអស់');
    await q.locator('#action-owner').fill('Chan Sophea');
    await q.locator('#action-due').fill(inDays(7));
    await submitOf('#action-description').click();
    const done = q.locator('input[name="note"]');
    await done.fill('បានកំណត់ក្នុងកាតស្តុក');
    await q.locator('form:has(input[name="note"]) button[type="submit"]').click();
    await expect
      .poll(() => q.getByTestId('nc-stage').textContent(), { timeout: 20_000 })
      .toBe('ពិនិត្យប្រសិទ្ធភាព');
    await q.locator('#eff-evidence').fill('កំណត់ត្រា QC ៤ សប្តាហ៍ពេញលេញ');
    await submitOf('#eff-evidence').click();
    await expect.poll(() => q.getByTestId('nc-stage').textContent(), { timeout: 20_000 }).toBe('បានបិទ');
    await screenshot(q, 'labs-nc-closed-km');
    await q.goto('/labs/quality');
    await q.locator('table').first().waitFor();
    expect(await findA11yProblems(q)).toEqual([]);
    await screenshot(q, 'labs-quality-km');
    await lab.context.close();

    // 8. The network dashboard shows Calmette's new star level.
    await b.goto('/labs');
    await expect
      .poll(() => b.getByTestId('stars-LAB-01').getAttribute('data-stars'), { timeout: 20_000 })
      .toBe('5');
    await screenshot(b, 'labs-dashboard');
    await bureau.context.close();
  }, 400_000);
});
