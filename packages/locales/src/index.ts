export { SOURCE_LANGUAGE, SUPPORTED_LANGUAGES, directionOf, matchLanguage } from './languages.ts';
export type { SupportedLanguage, TextDirection } from './languages.ts';
export { RESOURCES, SOURCE_TRANSLATIONS } from './resources.ts';
export type { TranslationKey, Translations } from './resources.ts';
