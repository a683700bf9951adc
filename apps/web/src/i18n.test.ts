import { SUPPORTED_LANGUAGES } from '@talkoot/locales';
import { LANGUAGES } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import { pickInitialLanguage } from './i18n.ts';

describe('supported languages', () => {
  it('are the languages the protocol knows, with Arabic and Persian right to left', () => {
    expect(SUPPORTED_LANGUAGES.map(({ code }) => code).sort()).toEqual([...LANGUAGES].sort());
    const rtl = SUPPORTED_LANGUAGES.filter(({ dir }) => dir === 'rtl').map(({ code }) => code);
    expect(rtl.sort()).toEqual(['ar', 'fa']);
  });
});

describe('pickInitialLanguage', () => {
  it('lets ?lang= override the remembered choice', () => {
    expect(pickInitialLanguage({ search: '?lang=ar', stored: 'fi', preferred: ['en'] })).toMatchObject({
      code: 'ar',
      dir: 'rtl',
    });
  });

  it('uses the remembered choice, then the browser languages, then English', () => {
    expect(pickInitialLanguage({ search: '', stored: 'fi', preferred: ['ar'] }).code).toBe('fi');
    expect(pickInitialLanguage({ search: '?lang=xx', stored: null, preferred: ['de-DE', 'fi-FI'] }).code).toBe('fi');
    expect(pickInitialLanguage({ search: '', stored: 'garbage', preferred: [] }).code).toBe('en');
  });
});
