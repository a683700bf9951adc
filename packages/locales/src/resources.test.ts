import { describe, expect, it } from 'vitest';
import { SOURCE_LANGUAGE, SUPPORTED_LANGUAGES } from './languages.ts';
import { RESOURCES } from './resources.ts';

const source = RESOURCES[SOURCE_LANGUAGE]!;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('locale files', () => {
  it('exist for every supported language', () => {
    for (const { code } of SUPPORTED_LANGUAGES) expect(RESOURCES[code], code).toBeDefined();
  });

  for (const [code, strings] of Object.entries(RESOURCES)) {
    describe(code, () => {
      it('has every key English has', () => {
        const missing = Object.keys(source).filter((key) => !(key in strings));
        expect(missing, `${code}.json lacks these keys`).toEqual([]);
      });

      it('has no keys English does not have', () => {
        const extra = Object.keys(strings).filter((key) => !(key in source));
        expect(extra, `${code}.json has keys en.json lacks`).toEqual([]);
      });

      it('has a non-empty text for every key', () => {
        const empty = Object.entries(strings).filter(([, text]) => typeof text !== 'string' || text.trim() === '');
        expect(empty.map(([key]) => key)).toEqual([]);
      });

      it('keeps the same {{placeholders}} as English', () => {
        const mismatched = Object.keys(source).filter(
          (key) => key in strings && placeholders(strings[key]!).join() !== placeholders(source[key]!).join(),
        );
        expect(mismatched).toEqual([]);
      });
    });
  }

  it('uses flat keys made of dotted kebab-case parts', () => {
    for (const key of Object.keys(source)) expect(key).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });
});
