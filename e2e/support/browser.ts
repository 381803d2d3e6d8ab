import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './paths';
import type { RunningServer } from './server';

export const SKIP_MESSAGE = 'browser tests skipped: chromium not installed (apt-get install -y chromium)';

/**
 * Debian's Chromium, or a `chromium` on PATH; null when neither exists. MLOB_CHROMIUM names
 * another binary (and, pointed at nothing, shows what happens on a machine without one).
 */
export function findChromium(): string | null {
  const override = process.env.MLOB_CHROMIUM;
  if (override) return fs.existsSync(override) ? override : null;
  const candidates = ['/usr/bin/chromium'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    candidates.push(path.join(dir, 'chromium'));
  }
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

/**
 * Whether the journeys can run. Without Chromium they are skipped with a clear message,
 * unless MLOB_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */
export function isBrowserAvailable(): boolean {
  if (findChromium()) return true;
  if (process.env.MLOB_REQUIRE_BROWSER === '1') {
    throw new Error(`MLOB_REQUIRE_BROWSER=1 but ${SKIP_MESSAGE}`);
  }
  console.warn(SKIP_MESSAGE);
  return false;
}

/** Launches headless Chromium with flags that keep it quiet and offline apart from the app. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(SKIP_MESSAGE);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context (own cookies and storage) aimed at the server, and a page in it. */
export async function openPage(
  browser: Browser,
  server: RunningServer,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: options.locale ?? 'en-GB',
  });
  const page = await context.newPage();
  return { context, page };
}

/** Saves a full-page screenshot as test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
