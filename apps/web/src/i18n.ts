import {
  RESOURCES,
  SOURCE_LANGUAGE,
  SUPPORTED_LANGUAGES,
  matchLanguage,
  type SupportedLanguage,
} from '@talkoot/locales';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/** localStorage key of the language the person picked. */
export const LANGUAGE_STORAGE_KEY = 'talkoot.language';
/** Query parameter that overrides the remembered language, e.g. in a link handed out at a workshop. */
export const LANGUAGE_QUERY_PARAM = 'lang';

const sourceLanguage = (): SupportedLanguage => matchLanguage(SOURCE_LANGUAGE) ?? SUPPORTED_LANGUAGES[0]!;

/** Where the initial language can come from, strongest first. */
export interface LanguageSources {
  /** `location.search` */
  search: string;
  /** The remembered choice from localStorage. */
  stored: string | null;
  /** `navigator.languages` */
  preferred: readonly string[];
}

/** `?lang=` beats the remembered choice, which beats the browser's preferences; English last. */
export function pickInitialLanguage({ search, stored, preferred }: LanguageSources): SupportedLanguage {
  const fromQuery = matchLanguage(new URLSearchParams(search).get(LANGUAGE_QUERY_PARAM));
  if (fromQuery) return fromQuery;
  const fromStorage = matchLanguage(stored);
  if (fromStorage) return fromStorage;
  for (const candidate of preferred) {
    const match = matchLanguage(candidate);
    if (match) return match;
  }
  return sourceLanguage();
}

/** The supported language for `code`, or the source language. */
export function languageFor(code: string): SupportedLanguage {
  return matchLanguage(code) ?? sourceLanguage();
}

const readStoredLanguage = (): string | null => {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
};

/** Makes `<html lang dir>` follow the UI language, so the browser lays out RTL and picks fonts. */
export function applyDocumentLanguage(language: SupportedLanguage): void {
  document.documentElement.lang = language.code;
  document.documentElement.dir = language.dir;
}

/** Starts i18next in the language the page should open in. */
export async function initI18n(): Promise<SupportedLanguage> {
  const language = pickInitialLanguage({
    search: location.search,
    stored: readStoredLanguage(),
    preferred: navigator.languages ?? [],
  });
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(RESOURCES).map(([code, strings]) => [code, { translation: strings }])),
    lng: language.code,
    fallbackLng: SOURCE_LANGUAGE,
    supportedLngs: SUPPORTED_LANGUAGES.map((candidate) => candidate.code),
    // Keys are flat strings with dots in them ("board.invite.copy-link"), not paths.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  applyDocumentLanguage(language);
  document.title = i18next.t('app.name');
  return language;
}

/**
 * Switches the UI language, remembers it and drops a `?lang=` override from the address so
 * that a reload keeps the picked language.
 */
export async function changeLanguage(code: string): Promise<SupportedLanguage> {
  const language = languageFor(code);
  await i18next.changeLanguage(language.code);
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language.code);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  const url = new URL(location.href);
  if (url.searchParams.has(LANGUAGE_QUERY_PARAM)) {
    url.searchParams.delete(LANGUAGE_QUERY_PARAM);
    history.replaceState(history.state, '', url);
  }
  applyDocumentLanguage(language);
  return language;
}
