import { describe, expect, it } from 'vitest';
import { expectedKeys, splitPluralKey, unexpectedKeys } from './expected-keys.ts';
import { SOURCE_LANGUAGE, SUPPORTED_LANGUAGES } from './languages.ts';
import { RESOURCES } from './resources.ts';

const source = RESOURCES[SOURCE_LANGUAGE]!;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!).sort();

/** The English text a key translates: plural forms all translate English's `_other`. */
const sourceTextOf = (key: string): string | undefined => {
  const { base, category } = splitPluralKey(key);
  return category === null ? source[key] : source[`${base}_other`];
};

describe('locale files', () => {
  it('exist for every supported language', () => {
    expect(Object.keys(RESOURCES).sort()).toEqual(SUPPORTED_LANGUAGES.map(({ code }) => code).sort());
  });

  for (const { code } of SUPPORTED_LANGUAGES) {
    const strings = RESOURCES[code] ?? {};

    describe(code, () => {
      it('has every key English has, in each plural form the language uses', () => {
        const missing = [...expectedKeys(Object.keys(source), code)].filter((key) => !(key in strings));
        expect(missing, `${code}.json lacks these keys`).toEqual([]);
      });

      it('has no keys English does not have', () => {
        expect(unexpectedKeys(Object.keys(source), Object.keys(strings), code), `${code}.json has extra keys`).toEqual(
          [],
        );
      });

      it('has a non-empty text for every key', () => {
        const empty = Object.entries(strings).filter(([, text]) => typeof text !== 'string' || text.trim() === '');
        expect(empty.map(([key]) => key)).toEqual([]);
      });

      it('keeps the same {{placeholders}} as English', () => {
        const mismatched = Object.entries(strings).filter(([key, text]) => {
          const english = sourceTextOf(key);
          if (english === undefined) return false;
          const actual = placeholders(text);
          // A plural form may leave the number out ("one note", Arabic's dual); nothing else.
          const mayDropCount = splitPluralKey(key).category !== null && !actual.includes('count');
          const expected = placeholders(english).filter((name) => !(mayDropCount && name === 'count'));
          return actual.join() !== expected.join();
        });
        expect(mismatched.map(([key]) => key)).toEqual([]);
      });
    });
  }

  it('uses flat keys made of dotted kebab-case parts, with an optional plural suffix', () => {
    for (const key of Object.keys(source)) expect(key).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+(_[a-z]+)?$/);
  });
});
