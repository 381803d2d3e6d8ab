/**
 * Screenshots of every foundation page in English and Khmer, desktop and phone, into
 * test-artifacts/screens/. For looking at the UI, not a test:
 *   npx tsx e2e/tools/screenshots.ts                       # starts its own server
 *   MLOB_E2E_URL=http://localhost:3100 npx tsx e2e/tools/screenshots.ts   # uses a running one
 */
import type { Page } from 'playwright-core';
import { launchBrowser, login, openPage, type RunningServer, screenshot, startServer } from '../support';

const PAGES: { name: string; path: string; user: string; before?: (page: Page) => Promise<void> }[] = [
  { name: 'home', path: '/', user: 'admin' },
  { name: 'home-chief', path: '/', user: 'chief' },
  { name: 'provinces', path: '/geography', user: 'admin' },
  { name: 'province-02', path: '/geography/02', user: 'province' },
  { name: 'village', path: '/geography/02010101', user: 'admin' },
  {
    name: 'village-errors',
    path: '/geography/02010103',
    user: 'admin',
    before: async (page) => {
      await page.locator('textarea[name="reason"]').fill('x'.repeat(501));
      await page.locator('form:has(select[name="locationClass"]) button[type="submit"]').click();
      await page.locator('select[name="locationClass"]').selectOption('rural');
      await page.locator('input[name="effectiveFrom"]').fill('2027-01-01');
      await page.locator('form:has(select[name="locationClass"]) button[type="submit"]').click();
      await page.locator('.field--error textarea').waitFor();
    },
  },
  { name: 'search', path: '/geography?q=bat', user: 'admin' },
  { name: 'jobs', path: '/jobs', user: 'admin' },
  { name: 'users', path: '/users', user: 'admin' },
];

async function main(): Promise<void> {
  const external = process.env.MLOB_E2E_URL;
  const server: RunningServer = external
    ? { url: external, port: 0, dataDir: '', output: () => '', stop: async () => undefined }
    : await startServer();
  const browser = await launchBrowser();
  try {
    for (const viewport of [
      { tag: 'desktop', width: 1280, height: 900 },
      { tag: 'phone', width: 390, height: 844 },
    ]) {
      for (const language of ['en', 'km'] as const) {
        const { context, page } = await openPage(browser, server, viewport);
        await page.goto('/login');
        await page.evaluate((l) => localStorage.setItem('mlob.language', l), language);
        await page.reload();
        await screenshot(page, `screens/${viewport.tag}-${language}-login`);
        let user = '';
        for (const p of PAGES) {
          if (viewport.tag === 'phone' && !['home', 'province-02', 'jobs'].includes(p.name)) continue;
          if (p.user !== user) {
            await context.clearCookies();
            await login(page, p.user);
            user = p.user;
          }
          await page.goto(p.path);
          await page.waitForLoadState('networkidle');
          await p.before?.(page);
          await page.waitForTimeout(300);
          const file = await screenshot(page, `screens/${viewport.tag}-${language}-${p.name}`);
          console.log(file);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
