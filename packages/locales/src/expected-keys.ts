/** i18next's plural suffixes, in CLDR order; i18next picks one with `Intl.PluralRules`. */
export const PLURAL_CATEGORIES: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

const PLURAL_SUFFIX = new RegExp(`_(${PLURAL_CATEGORIES.join('|')})$`);

/** A key split into its base and plural category: `notes.count_few` → `notes.count`, `few`. */
export interface PluralKey {
  base: string;
  category: Intl.LDMLPluralRule | null;
}

/** Splits the plural suffix (`_one`, `_few`, …) off a key; keys without one have category null. */
export function splitPluralKey(key: string): PluralKey {
  const match = PLURAL_SUFFIX.exec(key);
  return match
    ? { base: key.slice(0, match.index), category: match[1] as Intl.LDMLPluralRule }
    : { base: key, category: null };
}

/** The plural forms `language` needs (`ru`: one, few, many, other; `ar`: all six). */
export function pluralCategoriesOf(language: string): Intl.LDMLPluralRule[] {
  const needed = new Set(new Intl.PluralRules(language).resolvedOptions().pluralCategories);
  return PLURAL_CATEGORIES.filter((category) => needed.has(category));
}

/**
 * The keys a locale file for `language` must have, given the source language's keys: every
 * plain key as is, and for every plural key (`notes.count_one`, `notes.count_other` in English)
 * each plural form `language` uses — so Russian needs `_one`, `_few`, `_many` and `_other`.
 */
export function expectedKeys(sourceKeys: Iterable<string>, language: string): Set<string> {
  const expected = new Set<string>();
  const categories = pluralCategoriesOf(language);
  for (const key of sourceKeys) {
    const { base, category } = splitPluralKey(key);
    if (category === null) expected.add(key);
    else for (const needed of categories) expected.add(`${base}_${needed}`);
  }
  return expected;
}

/**
 * Keys of a locale file that the source language does not explain: neither expected nor an
 * optional `_zero` form of a plural key (i18next uses `_zero` for a count of 0 in any language).
 */
export function unexpectedKeys(sourceKeys: Iterable<string>, keys: Iterable<string>, language: string): string[] {
  const expected = expectedKeys(sourceKeys, language);
  return [...keys].filter((key) => {
    if (expected.has(key)) return false;
    const { base, category } = splitPluralKey(key);
    return !(category === 'zero' && expected.has(`${base}_other`));
  });
}
