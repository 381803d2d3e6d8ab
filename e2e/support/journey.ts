import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { type RunningServer, startServer } from './server';

/**
 * Registers the set-up every journey needs in the enclosing describe: a real server on a fresh
 * database (migrated and seeded: slow on a busy machine) and one Chromium, both stopped after.
 * Returns a way to open pages against them.
 */
export function useJourney(options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 200_000;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer({ timeoutMs });
    browser = await launchBrowser();
  }, timeoutMs + 40_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    openPage(pageOptions?: Parameters<typeof openPage>[2]) {
      if (!browser || !server) throw new Error('the journey has not started');
      return openPage(browser, server, pageOptions);
    },
  };
}

/** Switches the page to English and waits until the document says so. */
export async function switchToEnglish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
}
