import type { Translations } from '@talkoot/locales';

// Type-checks every t('…') key against locales/en.json.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translations };
    keySeparator: false;
    nsSeparator: false;
  }
}
