/*
 * Mlob's service worker: the app shell works without a connection, so a lab auditor can reload
 * the audit entry page offline (answers wait in localStorage and sync on return).
 * The build (web/offline-shell.ts) prepends `const VERSION` and `const PRECACHE`.
 *
 * - Built files (hashed names) are precached at install and served cache-first.
 * - Page loads (navigations) go to the network first; offline, the cached index.html answers,
 *   and the client-side router shows the page.
 * - /api is never cached, except the three reads the offline audit needs to show itself
 *   (who is signed in, the audit, its checklist version): network first, the last copy offline.
 *   Signing out deletes that copy.
 */
/* global VERSION, PRECACHE */
const SHELL_CACHE = `mlob-shell-${VERSION}`;
const AUDIT_CACHE = 'mlob-offline-audit';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OFFLINE_API = [
  /^\/api\/auth\/me$/,
  new RegExp(`^/api/labs/audits/${UUID}$`),
  new RegExp(`^/api/labs/checklists/${UUID}$`),
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('mlob-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** The network's answer, kept in `cacheName` when it is a success; the last kept copy offline. */
async function networkFirst(request, cacheName, fallbackUrl) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackUrl ?? request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(fallbackUrl ?? request);
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set('x-mlob-offline', 'cache');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  return cached ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    if (request.method === 'POST' && url.pathname === '/api/auth/logout') {
      event.waitUntil(caches.delete(AUDIT_CACHE));
      return;
    }
    if (request.method === 'GET' && OFFLINE_API.some((pattern) => pattern.test(url.pathname))) {
      event.respondWith(networkFirst(request, AUDIT_CACHE));
    }
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL_CACHE, '/index.html'));
    return;
  }
  event.respondWith(cacheFirst(request));
});
