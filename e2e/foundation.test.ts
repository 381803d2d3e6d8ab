import { describe, expect, it } from 'vitest';
import { findA11yProblems, isBrowserAvailable, login, screenshot, useJourney } from './support';

/**
 * The foundation's journeys in real Chromium against the real server on a fresh database:
 * a provincial officer browses their province in Khmer; an admin verifies the audit trail
 * on the jobs page and watches the progress bar finish.
 */
describe.skipIf(!isBrowserAvailable())('foundation journeys', () => {
  const journey = useJourney({ timeoutMs: 200_000 });

  it('signs in, switches to Khmer and sees Battambang’s districts in Khmer script', async () => {
    const { context, page } = await journey.openPage();
    try {
      // The province officer's account prefers Khmer; the switch overrides it on this device.
      await login(page, 'province');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Areas' })
        .click();
      await page.getByRole('link', { name: 'Battambang', exact: true }).first().waitFor();

      await page.getByRole('button', { name: 'ខ្មែរ' }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
      await expect.poll(() => page.locator('h1').textContent()).toContain('កម្ពុជា');

      // Battambang (02) in Khmer script, then its districts.
      await page.getByRole('link', { name: 'បាត់ដំបង', exact: true }).first().click();
      await page.waitForURL('**/geography/02');
      await expect.poll(() => page.locator('h1').textContent()).toContain('បាត់ដំបង');
      const districts = page.locator('table.area-table tbody tr');
      await districts.first().waitFor();
      expect(await districts.count()).toBeGreaterThanOrEqual(13);
      const names = await page.locator('table.area-table tbody td:nth-child(2) a').allTextContents();
      expect(names).toContain('បាណន់'); // Banan, 0201
      expect(names).toContain('ថ្មគោល'); // Thma Koul, 0202
      expect(names.every((name) => /[\u1780-\u17FF]/.test(name))).toBe(true);

      // The Khmer webfont is bundled and actually used for the names.
      const isKhmerFontReady = await page.evaluate(async () => {
        await document.fonts.ready;
        return document.fonts.check('16px "Noto Sans Khmer"', 'បាណន់');
      });
      expect(isKhmerFontReady).toBe(true);

      // The choice survives a reload and a new page.
      await page.reload();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('km');
      await page.locator('table.area-table').waitFor();
      await screenshot(page, 'foundation-province-02-km');
      expect(await findA11yProblems(page)).toEqual([]);

      // Down to a commune through the table, back up through the breadcrumb.
      await page.getByRole('link', { name: 'បាណន់', exact: true }).click();
      await page.waitForURL('**/geography/0201');
      await page.getByRole('navigation', { name: 'ផ្លូវរុករក' }).getByRole('link', { name: 'បាត់ដំបង' }).click();
      await page.waitForURL('**/geography/02');
    } finally {
      await context.close();
    }
  });

  it('lets an admin verify the audit trail and watch the job finish', async () => {
    const { context, page } = await journey.openPage();
    try {
      await login(page, 'admin');
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Jobs' })
        .click();
      await page.waitForURL('**/jobs');
      // Scheduled jobs (e.g. the daily labs reminders) may appear at any moment: count only
      // the audit verifications.
      const verifications = page
        .locator('li.job')
        .filter({ has: page.getByRole('heading', { name: 'Audit trail verification' }) });
      await page.getByRole('heading', { name: 'Jobs' }).waitFor();
      const before = await verifications.count();

      await page.getByRole('button', { name: 'Verify audit trail' }).click();
      const job = verifications.first();
      await expect.poll(() => verifications.count()).toBe(before + 1);
      await expect.poll(() => job.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');

      const bar = job.getByRole('progressbar');
      expect(await bar.getAttribute('aria-valuenow')).toBe('100');
      expect(await job.textContent()).toMatch(/Audit trail intact: \d+ records checked/);
      await screenshot(page, 'foundation-jobs-en');
      expect(await findA11yProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets an admin set a village’s location class, with errors shown on the fields', async () => {
    const { context, page } = await journey.openPage();
    try {
      await login(page, 'admin');
      await page.goto('/geography/02010102');
      await page.locator('h1').filter({ hasText: 'Village' }).waitFor();

      // Keyboard users first meet the skip link.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');

      const form = page.locator('form', { has: page.locator('select[name="locationClass"]') });
      await form.getByRole('button', { name: 'Save new class' }).click();
      await expect
        .poll(() => form.locator('select[name="locationClass"]').getAttribute('aria-invalid'))
        .toBe('true');
      expect(await form.locator('textarea[name="reason"]').getAttribute('aria-invalid')).toBe('true');

      // Passes the page's own checks but not the server's (too long): the server's message lands on the field.
      await form.getByLabel('New class').selectOption('other_urban');
      await form.getByLabel('Effective from').fill('2027-01-01');
      await form.getByLabel('Reason').fill('x'.repeat(501));
      await form.getByRole('button', { name: 'Save new class' }).click();
      await expect.poll(() => form.locator('.field--error textarea[name="reason"]').count()).toBe(1);
      expect(await form.locator('select[name="locationClass"]').getAttribute('aria-invalid')).toBe('false');

      await form.getByLabel('Reason').fill('Sub-decree reclassifies the village as urban');
      await form.getByRole('button', { name: 'Save new class' }).click();
      await expect
        .poll(() => form.locator('.alert--success').textContent())
        .toContain('Other urban from 1 January 2027');
      await expect
        .poll(() => page.locator('table').textContent())
        .toContain('Sub-decree reclassifies the village');
      await screenshot(page, 'foundation-village-location-class-en');
      expect(await findA11yProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('locks an account after five wrong passwords and says so', async () => {
    const { context, page } = await journey.openPage();
    try {
      await page.goto('/login');
      const alert = page.getByRole('alert');
      for (let attempt = 1; attempt <= 6; attempt++) {
        await page.locator('input[name="username"]').fill('learner');
        await page.locator('input[name="password"]').fill(`wrong-${attempt}`);
        await page.locator('form button[type="submit"]').click();
        await expect.poll(() => page.locator('form button[type="submit"]').isEnabled()).toBe(true);
      }
      await expect.poll(() => alert.textContent()).toContain('This account is locked');
    } finally {
      await context.close();
    }
  });

  it('refuses a wrong password with a message on the login page', async () => {
    const { context, page } = await journey.openPage();
    try {
      await page.goto('/login');
      await page.locator('input[name="username"]').fill('chief');
      await page.locator('input[name="password"]').fill('not-the-password');
      await page.locator('form button[type="submit"]').click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong username or password');
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await findA11yProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
