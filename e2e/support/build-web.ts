import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIR, WEB_DIST } from './paths';

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Whether web/dist is missing or older than any source of the web app. */
export function isWebBuildStale(): boolean {
  const built = fs.statSync(path.join(WEB_DIST, 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'offline-shell.ts', 'package.json'].map((p) =>
    path.join(WEB_DIR, p),
  );
  return Math.max(...sources.map(newestMtime)) > built.mtimeMs;
}

/** Builds the web app with Vite's API when web/dist is missing or stale; a no-op otherwise. */
export async function ensureWebBuilt(): Promise<void> {
  if (!isWebBuildStale()) return;
  const { build } = await import('vite');
  await build({ root: WEB_DIR, configFile: path.join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
}
