import { useEffect } from 'react';

/** The service worker's cache for the reads the offline audit needs (see src/offline/service-worker.js). */
export const OFFLINE_AUDIT_CACHE = 'mlob-offline-audit';

/**
 * Installs the service worker (the built app has one) and keeps a copy of what the audit entry page
 * reads first (who is signed in, the audit, its checklist), so the page reloads without a
 * connection. The worker refreshes these copies whenever the network answers; this only fills
 * the gaps left by reads made before the worker took control. Best effort: a browser without
 * service workers keeps working online as before.
 */
export function useOfflineAuditShell(urls: readonly string[]): void {
  const key = urls.join('|');
  useEffect(() => {
    // No check of the build mode: under `vite dev` there is no /sw.js and registering fails quietly.
    if (!('serviceWorker' in navigator) || !key) return;
    let isCancelled = false;
    void (async () => {
      try {
        await navigator.serviceWorker.register('/sw.js');
        await navigator.serviceWorker.ready;
        const cache = await caches.open(OFFLINE_AUDIT_CACHE);
        for (const url of key.split('|')) {
          if (isCancelled) return;
          if (!(await cache.match(url))) await cache.add(url);
        }
      } catch {
        // Offline copies are a convenience; the answers themselves are in localStorage.
      }
    })();
    return () => {
      isCancelled = true;
    };
  }, [key]);
}
