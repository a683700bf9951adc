export {
  type LanguagePairs,
  type MachineTranslator,
  TranslateError,
  type TranslateFailure,
  hasPair,
} from './machine-translator.ts';
export { apertiumTranslator, type ApertiumOptions } from './apertium-translator.ts';
export { libreTranslateTranslator, type LibreTranslateOptions } from './libretranslate-translator.ts';
export { PIVOT_LANGUAGE, RoutedTranslator, type RoutedTranslatorOptions } from './routed-translator.ts';
export {
  type Correction,
  type MachineEntry,
  machineKey,
  type TranslatedBy,
  type TranslationStore,
} from './translation-store.ts';
export { textHash } from './text-hash.ts';
export { BoardTranslations, type NoteToTranslate, type NoteTranslation } from './board-translations.ts';
