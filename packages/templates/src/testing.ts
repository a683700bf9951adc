// Helpers for this package's tests. Not exported from the package.
import { RESOURCES } from '@talkoot/locales';
import type { Translate } from './to-tldraw-records.ts';

/** A `t` over the locale files with English fallback, like the server's i18next instance. */
export function translator(language: string): Translate {
  return (key, values) =>
    (RESOURCES[language]?.[key] ?? RESOURCES.en?.[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
      String(values?.[name] ?? ''),
    );
}
