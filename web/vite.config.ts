import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(new URL(import.meta.url).pathname);

/**
 * The web app. `npm run build:web` writes web/dist, which the server serves (with a fallback
 * to index.html for client routes). `npm run dev:web` proxies /api to a server on :3000.
 * Everything (fonts included) is bundled: the app must work on a network without CDNs.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': { target: process.env.MLOB_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
