import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Sets `document.title` to "<page> – Talkoot" in the UI language while the calling screen is
 * shown, and again whenever the language changes, so the browser tab, the history and a screen
 * reader's list of windows say where the person is.
 *
 * `undefined` leaves the title alone: a screen that hands over to another one further down the
 * tree (a loader showing the board once it is ready) passes it, because React runs the effects
 * of children before those of their parents and the parent would otherwise win.
 */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const title = page === undefined ? undefined : t('page-title.format', { page, app: t('app.name') });
  useEffect(() => {
    if (title !== undefined) document.title = title;
  }, [title]);
}
