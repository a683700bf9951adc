import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from './note-translations.tsx';
import { useNoteTranslationsContext } from './use-note-translations.ts';

/**
 * A note's text in lists (outline, vote list, ranking): its translation for this reader when
 * there is one, marked as such, with "show original" (`toggle`; not inside another button).
 * Otherwise, or outside a board, the text as written.
 */
export function TranslatedText({ shapeId, text, toggle = true }: { shapeId: string; text: string; toggle?: boolean }) {
  const { t } = useTranslation();
  const translations = useNoteTranslationsContext();
  const [original, setOriginal] = useState(false);
  const view = translations?.get(shapeId);
  if (!translations || view?.state !== 'translated') return <>{text}</>;
  const from = languageName(view.source, translations.language);
  const label =
    view.by === 'participant'
      ? t('translation.by-participant', { language: from })
      : t('translation.by-machine', { language: from });
  return (
    <>
      {original ? text : <span lang={translations.language}>{view.text}</span>}{' '}
      <small className="translated-text-label" data-testid="translation.list-label">
        {original ? t('translation.original', { language: from }) : label}
      </small>
      {toggle ? (
        <>
          {' '}
          <button
            type="button"
            className="note-translation-link"
            data-testid="translation.list-toggle"
            onClick={() => setOriginal((value) => !value)}
          >
            {original ? t('translation.show-translation') : t('translation.show-original')}
          </button>
        </>
      ) : null}
    </>
  );
}
