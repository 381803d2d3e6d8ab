import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isBrowserAvailable, login, screenshot, switchToEnglish, useJourney } from './support';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function answer(page: Page, section: number, itemId: string, value: string) {
  const details = page.locator(`details[data-section="${section}"]`);
  if ((await details.getAttribute('open')) === null) await details.locator(':scope > summary').click();
  await page.locator(`[data-item="${itemId}"] input[value="${value}"]`).check({ force: true });
}

const status = (page: Page) => page.getByTestId('sync-status').textContent();

/**
 * A lab with poor connectivity: the audit entry page, once opened online, reloads with no
 * connection (service worker: app shell and the audit's own reads), shows the answers kept on
 * the tablet, takes more, and sends them all once the connection returns — none lost, none twice.
 */
describe.skipIf(!isBrowserAvailable())('offline reload of the audit entry page', () => {
  const journey = useJourney({ timeoutMs: 240_000 });

  it('reloads offline with the local answers, then syncs each exactly once', async () => {
    const { page: p, context } = await journey.openPage({ width: 1024, height: 768 });
    await login(p, 'labqm');
    await switchToEnglish(p);
    const versionId = (await (await p.request.get('/api/labs/checklists')).json()).items[0].id;
    const created = await p.request.post('/api/labs/audits', {
      data: { labCode: 'LAB-01', checklistVersionId: versionId, kind: 'internal', auditDate: today() },
    });
    expect(created.status()).toBe(201);
    const auditId = (await created.json()).id as string;
    const auditUrl = `/api/labs/audits/${auditId}`;

    await p.goto(`/labs/audits/${auditId}`);
    await p.locator('details[data-section="12"]').waitFor();
    // The service worker controls the page and holds the audit's reads.
    await expect
      .poll(
        () =>
          p.evaluate(
            async (urls) =>
              navigator.serviceWorker.controller !== null &&
              (await Promise.all(urls.map((u) => caches.match(u)))).every(Boolean),
            ['/api/auth/me', auditUrl, `/api/labs/checklists/${versionId}`],
          ),
        { timeout: 30_000 },
      )
      .toBe(true);

    // Offline: two answers wait on the tablet.
    await context.setOffline(true);
    await expect.poll(() => status(p), { timeout: 20_000 }).toContain('Offline');
    await answer(p, 1, '1.1', 'partial');
    await answer(p, 8, '8.9', 'no');
    await expect.poll(() => status(p), { timeout: 20_000 }).toContain('2 answers waiting');

    // Reload with no connection: the page comes back from the service worker, answers included.
    await p.reload();
    await p.locator('details[data-section="12"]').waitFor({ timeout: 60_000 });
    const servedBy = await p.evaluate(async (url) => {
      const response = await fetch(url);
      return response.headers.get('x-mlob-offline');
    }, auditUrl);
    expect(servedBy).toBe('cache'); // proof that the network was really out
    expect(
      await p.evaluate(() =>
        fetch('/api/labs/audits').then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed'); // other API reads are never served from a cache
    await expect.poll(() => status(p), { timeout: 20_000 }).toContain('2 answers waiting');
    await p.locator('details[data-section="1"] > summary').click();
    expect(await p.locator('[data-item="1.1"] input[value="partial"]').isChecked()).toBe(true);
    const shot = await screenshot(p, 'labs-audit-reloaded-offline');
    await p.locator('[data-item="1.1"]').scrollIntoViewIfNeeded();
    await p.screenshot({ path: shot.replace('.png', '-view.png') });
    await answer(p, 1, '1.3', 'yes');
    await expect.poll(() => status(p), { timeout: 20_000 }).toContain('3 answers waiting');

    // Back online: everything is sent once; replaying the same changes changes nothing.
    const outbox = await p.evaluate((id) => localStorage.getItem(`mlob.labs.outbox.${id}`), auditId);
    await context.setOffline(false);
    await expect.poll(() => status(p), { timeout: 30_000 }).toContain('0 answers waiting');
    const replay = await p.request.post(`${auditUrl}/answers/sync`, {
      data: { changes: JSON.parse(outbox ?? '[]') },
    });
    expect((await replay.json()).results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    const saved = await (await p.request.get(auditUrl)).json();
    expect(
      saved.answers.map((a: { itemId: string; answer: string }) => `${a.itemId}:${a.answer}`).sort(),
    ).toEqual(['1.1:partial', '1.3:yes', '8.9:no']);

    // Signing out deletes the offline copies (who was signed in, the audit): a shared tablet keeps none.
    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.waitForURL(/\/login/);
    await expect
      .poll(() =>
        p.evaluate(async () => (await caches.open('mlob-offline-audit')).keys().then((k) => k.length)),
      )
      .toBe(0);
    await context.close();
  }, 300_000);
});
