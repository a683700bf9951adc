import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import { browserTabStorage } from '../local-session.ts';
import { dismissLeftOutNotice, showsLeftOutNotice } from './left-out-dismissal.ts';
import './left-out-notice.css';

/** Props of {@link LeftOutNotice}. */
export interface LeftOutNoticeProps {
  boardId: string;
  /** Stored changes the server left out when it loaded the board (`leftOutChanges`). */
  leftOut: number;
}

/**
 * A calm bar under the header for facilitators: some stored changes of the board could not be
 * applied safely and were left out, the rest is there. Nothing to do about it, so it can be
 * dismissed for this tab.
 */
export function LeftOutNotice({ boardId, leftOut }: LeftOutNoticeProps) {
  const { t } = useTranslation();
  const [shows, setShows] = useState(() => showsLeftOutNotice(browserTabStorage(), boardId, leftOut));
  if (!shows) return null;
  return (
    <div className="left-out-notice" role="region" aria-label={t('board.left-out.label')} data-testid="board.left-out">
      <p className="left-out-notice-message">{t('board.left-out.message', { count: leftOut })}</p>
      <button
        type="button"
        className="button button-quiet"
        data-testid="board.left-out-dismiss"
        onClick={() => {
          dismissLeftOutNotice(browserTabStorage(), boardId, leftOut);
          setShows(false);
        }}
      >
        <Icon name="close" />
        {t('board.left-out.dismiss')}
      </button>
    </div>
  );
}
