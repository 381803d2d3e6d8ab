import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'mlob-demo-2026';

/**
 * Signs in through the login form as a demo user (admin, province, commune, chief, …) and waits
 * until the app has left /login. Selectors use field names, so it works in either language.
 */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('nav.main-nav').waitFor();
}
