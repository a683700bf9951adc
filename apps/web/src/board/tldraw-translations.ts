import { RESOURCES } from '@talkoot/locales';
import type { TFunction } from 'i18next';
import type { TLUiOverrides } from 'tldraw';

/** Our keys for tldraw's own UI strings: `tldraw.<tldraw's key>`. */
const PREFIX = 'tldraw.';
const PAGE_NAME_KEY = 'tldraw.page-menu.new-page-initial-name';
/** What a new board's page is called, in the board's language. */
const BOARD_PAGE_NAME_KEY = 'template.page-name';
/** tldraw's page menu: its button (with the current page's name) and its list of pages. */
const PAGE_MENU = '[data-testid="main.page-menu"], [data-testid="page-menu.button"], [data-testid="page-menu.list"]';

/**
 * tldraw's UI strings in the reader's language, from our locale files: the ones tldraw's own
 * translations leave in English for some of our languages (Somali shape and tool names, Arabic
 * "X box"), and the first page's default name. Passed to `<Tldraw overrides>`, keyed by the
 * tldraw locale the editor is set to.
 */
export function tldrawOverrides(t: TFunction, tldrawLocale: string): TLUiOverrides {
  const messages: Record<string, string> = {};
  for (const key of Object.keys(RESOURCES.en ?? {})) {
    if (key.startsWith(PREFIX) && key !== 'tldraw.notifications') messages[key.slice(PREFIX.length)] = t(key as never);
  }
  return { translations: { [tldrawLocale]: messages } };
}

/** The first page's default names in every language (tldraw's and ours: "Page 1", "Sivu 1", "Bogga 1aad"…). */
const DEFAULT_PAGE_NAMES: ReadonlySet<string> = new Set(
  Object.values(RESOURCES)
    .flatMap((strings) => [PAGE_NAME_KEY, BOARD_PAGE_NAME_KEY].map((key) => (strings as Record<string, string>)[key]))
    .filter((name): name is string => typeof name === 'string'),
);

/**
 * Keeps the labels tldraw takes from elsewhere in the reader's language, in the DOM below
 * `container`: the notifications region (Radix's default "Notifications (F8)", which tldraw
 * leaves unset) and the name of a page that still has a default name in another language
 * (boards made before pages were named in the board's language say "Page 1"). Only what is
 * shown changes, never the board. Returns the cleanup. A library upgrade that renames these
 * breaks `e2e/specs/tldraw-strings.spec.ts` loudly.
 */
export function translateTldrawLabels(container: HTMLElement, t: TFunction): () => void {
  const pageName = t(BOARD_PAGE_NAME_KEY as never) as string;
  const notifications = (hotkey: string) => t('tldraw.notifications' as never, { hotkey }) as string;
  const fix = () => {
    for (const viewport of container.querySelectorAll('.tlui-toast__viewport')) {
      const region = viewport.closest('[role="region"]');
      // Radix's default hotkey; tldraw sets none.
      const label = notifications('F8');
      if (region && region.getAttribute('aria-label') !== label) region.setAttribute('aria-label', label);
    }
    for (const menu of container.querySelectorAll(PAGE_MENU)) {
      const walker = document.createTreeWalker(menu, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue !== pageName && DEFAULT_PAGE_NAMES.has(node.nodeValue ?? '')) node.nodeValue = pageName;
      }
      for (const element of [menu, ...menu.querySelectorAll('[title], [aria-label]')]) {
        for (const name of ['title', 'aria-label']) {
          const value = element.getAttribute(name);
          if (value !== null && value !== pageName && DEFAULT_PAGE_NAMES.has(value))
            element.setAttribute(name, pageName);
        }
      }
    }
  };
  fix();
  const observer = new MutationObserver(fix);
  // Changes made here match nothing the next time, so the observer settles at once.
  observer.observe(container, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-label', 'title'],
  });
  return () => observer.disconnect();
}
