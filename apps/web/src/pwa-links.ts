import i18next from 'i18next';

/** The manifest of `code`'s language, as the build emits it (build/manifests.ts). */
export const manifestHref = (code: string) => `/manifest-${code}.webmanifest`;

/** Keeps `<link rel="manifest">` on the current UI language, so an install is named in it. */
export function followLanguageInManifest(): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (!link) return;
  const update = (code: string) => {
    const href = manifestHref(code);
    if (link.getAttribute('href') !== href) link.setAttribute('href', href);
  };
  update(i18next.language);
  i18next.on('languageChanged', update);
}

const RELOADED_KEY = 'talkoot.reloaded-for-chunk';

/**
 * A chunk that fails to load after a new deployment (the open page still names the old
 * files) reloads the page once, which brings the current version; a second failure in a row is
 * left to the screen's own error (e.g. offline with no cached copy) instead of a reload loop.
 */
export function reloadOnStaleChunk(): void {
  window.addEventListener('vite:preloadError', (event) => {
    let reloaded: boolean;
    try {
      reloaded = sessionStorage.getItem(RELOADED_KEY) === '1';
      sessionStorage.setItem(RELOADED_KEY, '1');
    } catch {
      reloaded = true;
    }
    if (reloaded) return;
    event.preventDefault();
    location.reload();
  });
  window.addEventListener('load', () => {
    // Loaded fine: a later stale chunk may reload again.
    setTimeout(() => {
      try {
        sessionStorage.removeItem(RELOADED_KEY);
      } catch {
        // Private mode.
      }
    }, 10_000);
  });
}

/**
 * The API answers the service worker keeps for an offline start (network first, see
 * build/service-worker.ts, whose route tests the same paths: it cannot import this).
 */
export const isOfflineApiPath = (path: string) => path === '/api/config' || /^\/api\/boards\/[^/]+$/.test(path);

/** API reads made before the worker controlled the page, by path: asked again once it does. */
const apiReadsPastWorker = new Map<string, RequestInit | undefined>();

const serviceWorkers = (): ServiceWorkerContainer | undefined =>
  typeof navigator === 'undefined' ? undefined : (navigator.serviceWorker as ServiceWorkerContainer | undefined);

/**
 * `fetch` for the API client: a read the worker keeps for an offline start (the board's details,
 * the config) that went past the worker, because it did not control the page yet, is made once
 * more when it does (a few hundred bytes), so the worker has the answer for a reload offline.
 */
export function fetchForOffline(input: string, init?: RequestInit): Promise<Response> {
  const container = serviceWorkers();
  if (container && !container.controller && (init?.method ?? 'GET') === 'GET' && isOfflineApiPath(input)) {
    apiReadsPastWorker.set(input, init);
  }
  return fetch(input, init);
}

/**
 * Puts what this page loaded past the service worker into the worker's cache, so the page
 * reloads with no network. The worker precaches only the app shell (build/service-worker.ts); a
 * board page that loaded the canvas chunk, its CSS, icons and fonts on the first visit, before
 * the worker controlled it, fetches each once more when it does: the worker's cache-first route
 * stores it, and the bytes come from the browser's HTTP cache (the assets are immutable), not the
 * network. A resource the worker handled has a `workerStart`, so nothing is fetched twice. The
 * API reads are repeated the same way ({@link fetchForOffline}).
 */
export function keepLoadedAssetsOffline(): void {
  const container = serviceWorkers();
  if (!container || typeof PerformanceObserver === 'undefined') return;
  const waiting = new Set<string>();
  const done = new Set<string>();
  const flush = () => {
    if (!container.controller) return;
    for (const path of waiting) {
      done.add(path);
      void fetch(path).catch(() => undefined);
    }
    waiting.clear();
    for (const [path, init] of apiReadsPastWorker) void fetch(path, init).catch(() => undefined);
    apiReadsPastWorker.clear();
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (entry.workerStart > 0) continue;
      const url = new URL(entry.name);
      if (url.origin !== location.origin || !url.pathname.startsWith('/assets/') || done.has(url.pathname)) continue;
      waiting.add(url.pathname);
    }
    flush();
  }).observe({ type: 'resource', buffered: true });
  container.addEventListener('controllerchange', flush);
}
