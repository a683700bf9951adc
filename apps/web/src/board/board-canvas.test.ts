import { SUPPORTED_LANGUAGES } from '@talkoot/locales';
import { LANGUAGES, RTL_LANGUAGES } from 'tldraw';
import { describe, expect, it } from 'vitest';

describe('BoardCanvas locale', () => {
  it('hands tldraw a locale it ships a translation for, in every language Talkoot speaks', () => {
    const shipped = new Set<string>(LANGUAGES.map(({ locale }) => locale));
    const missing = SUPPORTED_LANGUAGES.filter(({ tldrawLocale }) => !shipped.has(tldrawLocale));
    expect(missing.map(({ code }) => code)).toEqual([]);
  });

  it('agrees with tldraw on which languages are written right to left', () => {
    for (const { tldrawLocale, dir } of SUPPORTED_LANGUAGES) {
      expect(RTL_LANGUAGES.has(tldrawLocale) ? 'rtl' : 'ltr', tldrawLocale).toBe(dir);
    }
  });
});
