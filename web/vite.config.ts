import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { offlineShell } from './offline-shell.ts';

const webRoot = path.dirname(new URL(import.meta.url).pathname);
const outDir = path.join(webRoot, 'dist');

/**
 * The web app. `npm run build:web` writes web/dist, which the server serves (with a fallback
 * to index.html for client routes). `npm run dev:web` proxies /api to a server on :3000.
 * Everything (fonts included) is bundled: the app must work on a network without CDNs.
 * The build also writes dist/sw.js (offline-shell.ts): the service worker of the offline audit.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react(), offlineShell({ webRoot, outDir })],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': { target: process.env.MLOB_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
