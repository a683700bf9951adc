import ar from '../locales/ar.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import fa from '../locales/fa.json' with { type: 'json' };
import fi from '../locales/fi.json' with { type: 'json' };
import ru from '../locales/ru.json' with { type: 'json' };
import so from '../locales/so.json' with { type: 'json' };
import sv from '../locales/sv.json' with { type: 'json' };
import uk from '../locales/uk.json' with { type: 'json' };

/** Every key of the UI, as written in the source language file `locales/en.json`. */
export type TranslationKey = keyof typeof en;

/** One language's strings: flat, dotted keys (`board.invite.copy-link`) to text. */
export type Translations = Readonly<Record<TranslationKey, string>>;

/** All locale files by language code. Keys are flat, so i18next needs `keySeparator: false`. */
export const RESOURCES: Readonly<Record<string, Readonly<Record<string, string>>>> = { en, fi, sv, ar, fa, uk, ru, so };

/** The source-language strings, typed; other languages may lack keys (i18next falls back to these). */
export const SOURCE_TRANSLATIONS: Translations = en;
