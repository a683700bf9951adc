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
