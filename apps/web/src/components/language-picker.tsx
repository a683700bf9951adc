import { SUPPORTED_LANGUAGES } from '@talkoot/locales';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n.ts';

/** Props of {@link LanguagePicker}. */
export interface LanguagePickerProps {
  testId: string;
}

/**
 * Chooses the UI language. Each option is written in its own language, so a person who cannot
 * read the current one still finds theirs.
 */
export function LanguagePicker({ testId }: LanguagePickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <select
        id={id}
        data-testid={testId}
        value={i18n.resolvedLanguage ?? i18n.language}
        onChange={(event) => void changeLanguage(event.target.value)}
      >
        {SUPPORTED_LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code} dir={language.dir}>
            {i18n.getFixedT(language.code)('language.name')}
          </option>
        ))}
      </select>
    </div>
  );
}
