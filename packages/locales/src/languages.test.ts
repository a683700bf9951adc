import { describe, expect, it } from 'vitest';
import { directionOf, matchLanguage, SUPPORTED_LANGUAGES } from './languages.ts';

describe('directionOf', () => {
  it('writes Arabic and Persian right to left', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fa-IR')).toBe('rtl');
  });

  it('writes other languages left to right', () => {
    expect(directionOf('fi')).toBe('ltr');
    expect(directionOf('xx')).toBe('ltr');
  });
});

describe('matchLanguage', () => {
  it('matches exact codes and regional variants', () => {
    expect(matchLanguage('fi')?.code).toBe('fi');
    expect(matchLanguage('AR-eg')?.code).toBe('ar');
  });

  it('returns null for languages without a locale file', () => {
    expect(matchLanguage('tlh')).toBeNull();
    expect(matchLanguage(null)).toBeNull();
  });

  it('lists Arabic as right to left', () => {
    expect(SUPPORTED_LANGUAGES.find((language) => language.code === 'ar')?.dir).toBe('rtl');
  });
});
