import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}

/**
 * Writes dist/sw.js after the build: the hand-written service worker
 * (src/offline/service-worker.js) prefixed with the list of built files to precache and a
 * version derived from their names (hashed by Vite), so a new build replaces the old cache.
 * Hand-written rather than vite-plugin-pwa to keep workbox-build (and its rollup/babel tree)
 * out of the shared install; the worker is small.
 */
export function offlineShell(options: { webRoot: string; outDir: string }): Plugin {
  return {
    name: 'mlob-offline-shell',
    apply: 'build',
    closeBundle() {
      const built = filesUnder(options.outDir)
        .filter((f) => f !== 'sw.js' && !f.endsWith('.woff')) // woff2 is what browsers load
        .map((f) => `/${f.split(path.sep).join('/')}`)
        .sort();
      const version = createHash('sha256').update(built.join('\n')).digest('hex').slice(0, 16);
      const source = fs.readFileSync(path.join(options.webRoot, 'src/offline/service-worker.js'), 'utf8');
      const header = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(built)};\n`;
      fs.writeFileSync(path.join(options.outDir, 'sw.js'), header + source);
    },
  };
}
