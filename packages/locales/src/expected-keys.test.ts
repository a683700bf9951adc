import { describe, expect, it } from 'vitest';
import { expectedKeys, pluralCategoriesOf, splitPluralKey, unexpectedKeys } from './expected-keys.ts';

const english = ['app.name', 'notes.count_one', 'notes.count_other'];

describe('splitPluralKey', () => {
  it('splits a plural suffix off the key', () => {
    expect(splitPluralKey('notes.count_few')).toEqual({ base: 'notes.count', category: 'few' });
  });

  it('leaves keys without a plural suffix whole', () => {
    expect(splitPluralKey('board.invite.copy-link')).toEqual({ base: 'board.invite.copy-link', category: null });
  });
});

describe('pluralCategoriesOf', () => {
  it('lists the forms each language uses, in CLDR order', () => {
    expect(pluralCategoriesOf('fi')).toEqual(['one', 'other']);
    expect(pluralCategoriesOf('ru')).toEqual(['one', 'few', 'many', 'other']);
    expect(pluralCategoriesOf('uk')).toEqual(['one', 'few', 'many', 'other']);
    expect(pluralCategoriesOf('ar')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
  });
});

describe('expectedKeys', () => {
  it('asks for the plain keys as they are', () => {
    expect(expectedKeys(['app.name'], 'ru')).toEqual(new Set(['app.name']));
  });

  it("asks for each plural form of the target language instead of English's", () => {
    expect(expectedKeys(english, 'ru')).toEqual(
      new Set(['app.name', 'notes.count_one', 'notes.count_few', 'notes.count_many', 'notes.count_other']),
    );
    expect(expectedKeys(english, 'ar').size).toBe(7);
    expect(expectedKeys(english, 'so')).toEqual(new Set(english));
  });
});

describe('unexpectedKeys', () => {
  it('reports keys English does not have', () => {
    expect(unexpectedKeys(english, ['app.name', 'app.old'], 'fi')).toEqual(['app.old']);
  });

  it('reports plural forms the language does not use', () => {
    expect(unexpectedKeys(english, ['notes.count_one', 'notes.count_few', 'notes.count_other'], 'fi')).toEqual([
      'notes.count_few',
    ]);
  });

  it('accepts an optional zero form, which i18next uses for a count of 0 in any language', () => {
    expect(unexpectedKeys(english, ['notes.count_zero', 'notes.count_other'], 'fi')).toEqual([]);
  });
});
