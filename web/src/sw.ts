/// <reference lib="webworker" />
/**
 * Kansa's service worker: keeps the app shell (index.html, scripts, styles) so the app loads
 * with no network at all — an auditor in a registry room that forbids a live connection.
 *
 * - The shell list and the cache version are written in at build time (web/vite.config.mts).
 * - Page navigations: network first (a fresh shell when online), the cached shell when offline.
 * - Hashed assets: cache first.
 * - /api/*: never cached here. Audit data kept for offline work lives in IndexedDB, written by
 *   the app itself, and is removed on logout.
 */
export {};
declare const self: ServiceWorkerGlobalScope;

const SHELL: string[] = JSON.parse('__KANSA_SHELL__') as string[];
const CACHE = 'kansa-shell-__KANSA_VERSION__';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('kansa-shell-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'kansa:shell-status') {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        const missing: string[] = [];
        for (const url of SHELL) if (!(await cache.match(url))) missing.push(url);
        if (missing.length) await cache.addAll(missing).catch(() => undefined);
        const still = [];
        for (const url of SHELL) if (!(await cache.match(url))) still.push(url);
        const answer = { type: 'kansa:shell-status', version: CACHE, files: SHELL.length, missing: still.length };
        // Answer on the port the page sent (no dependency on the page's client message queue).
        if (event.ports[0]) event.ports[0].postMessage(answer);
        else event.source?.postMessage(answer);
      })(),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok) return response;
          const shell = await caches.match('/index.html');
          return shell ?? response;
        } catch {
          const shell = await caches.match('/index.html', { ignoreSearch: true });
          return shell ?? new Response('Kansa: offline and the app is not cached yet.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
        }
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cached = await caches.match(request, { ignoreSearch: true });
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && url.pathname.startsWith('/assets/')) {
        const cache = await caches.open(CACHE);
        await cache.put(request, response.clone());
      }
      return response;
    })(),
  );
});
