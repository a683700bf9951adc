/** Text direction of a language, as used by `<html dir>`. */
export type TextDirection = 'ltr' | 'rtl';

/** A language the UI is translated into. */
export interface SupportedLanguage {
  /** BCP 47 code, also the name of the locale file (`locales/<code>.json`). */
  code: string;
  dir: TextDirection;
  /**
   * tldraw's own UI locale for this language (tldraw ships its translations under slightly
   * different codes for some languages, e.g. `pt-br`). tldraw 5 has all of ours under the same code.
   */
  tldrawLocale: string;
}

/** Languages written right to left. */
const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ku']);

/** Direction of any language code (`ar`, `fa-IR`, …); unknown languages are left to right. */
export function directionOf(code: string): TextDirection {
  const base = code.toLowerCase().split(/[-_]/)[0] ?? '';
  return RTL_LANGUAGES.has(base) ? 'rtl' : 'ltr';
}

const language = (code: string, tldrawLocale = code): SupportedLanguage => ({
  code,
  dir: directionOf(code),
  tldrawLocale,
});

/** Languages with a locale file, in the order the language picker lists them. English is the source. */
export const SUPPORTED_LANGUAGES: readonly SupportedLanguage[] = [
  language('en'),
  language('fi'),
  language('sv'),
  language('ar'),
  language('fa'),
  language('uk'),
  language('ru'),
  language('so'),
];

/** The language every key is written in first, and the fallback for missing keys. */
export const SOURCE_LANGUAGE = 'en';

/**
 * The supported language that best matches `requested` (e.g. `fi-FI` → `fi`), or null.
 * Accepts any string, so it can be fed query parameters and `navigator.languages`.
 */
export function matchLanguage(requested: string | null | undefined): SupportedLanguage | null {
  if (!requested) return null;
  const wanted = requested.trim().toLowerCase();
  const base = wanted.split(/[-_]/)[0];
  return (
    SUPPORTED_LANGUAGES.find((candidate) => candidate.code === wanted) ??
    SUPPORTED_LANGUAGES.find((candidate) => candidate.code === base) ??
    null
  );
}
