/**
 * Our two-letter codes (ISO 639-1) and the three-letter ones (ISO 639-3) Apertium names its
 * pairs with. Apertium writes Persian as `fas` or `pes` and Arabic as `ara` or `arb`.
 */
const TO_ISO3: Readonly<Record<string, string>> = {
  en: 'eng',
  fi: 'fin',
  sv: 'swe',
  ar: 'ara',
  fa: 'fas',
  uk: 'ukr',
  ru: 'rus',
  so: 'som',
  de: 'deu',
  fr: 'fra',
  es: 'spa',
  et: 'est',
  tr: 'tur',
};

const FROM_ISO3: ReadonlyMap<string, string> = new Map([
  ...Object.entries(TO_ISO3).map(([two, three]) => [three, two] as const),
  ['pes', 'fa'],
  ['arb', 'ar'],
]);

/** The three-letter code of one of our languages, if we know it. */
export function toIso3(code: string): string | undefined {
  return TO_ISO3[code];
}

/** Our two-letter code for an Apertium language (`rus`, `eng_US` → `ru`, `en`), if we know it. */
export function fromIso3(code: string): string | undefined {
  return FROM_ISO3.get(code.split(/[_-]/)[0]!.toLowerCase());
}
