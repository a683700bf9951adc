import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import { copyText } from '../copy-text.ts';

/** Props of {@link CoFacilitatorLink}. */
export interface CoFacilitatorLinkProps {
  boardId: string;
  token: string;
  /** The link that makes whoever opens it a facilitator. */
  url: string;
  /** After a new link was made (the old one no longer works). */
  onRotated(url: string): void;
}

type ErrorKey = ReturnType<typeof actionErrorKey>;

/**
 * The co-facilitator link with a copy button and a button that replaces it. It lives in the
 * facilitator's people dialog, never in the invite dialog, which is the one shown on a projector.
 */
export function CoFacilitatorLink({ boardId, token, url, onRotated }: CoFacilitatorLinkProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState(false);
  const [error, setError] = useState<ErrorKey | null>(null);
  const [news, setNews] = useState<'board.invite.copied' | 'board.invite.co-facilitator-rotated' | null>(null);

  const copy = async () => {
    if (await copyText(url)) {
      setCopied(true);
      setNews('board.invite.copied');
    }
  };
  const rotate = async () => {
    setRotating(true);
    try {
      const { coFacilitatorUrl } = await apiClient.rotateFacilitatorLink(boardId, token);
      onRotated(coFacilitatorUrl);
      // The copy button now stands for the new link, not "copied".
      setCopied(false);
      setRotated(true);
      setError(null);
      setNews('board.invite.co-facilitator-rotated');
    } catch (caught) {
      setError(actionErrorKey(caught));
    }
    setRotating(false);
  };

  return (
    <section className="invite-co-facilitator" data-testid="facilitator.co-facilitator">
      <div className="invite-row">
        <h3 className="invite-label">{t('board.invite.co-facilitator-label')}</h3>
        <span className="field-hint invite-co-hint">{t('board.invite.co-facilitator-hint')}</span>
        <a className="invite-value invite-link" href={url} data-testid="board.invite-co-facilitator" dir="ltr">
          {url}
        </a>
        <button type="button" className="button" onClick={() => void copy()}>
          <Icon name={copied ? 'check' : 'copy'} />
          {copied ? t('board.invite.copied') : t('board.invite.copy-link')}
        </button>
      </div>
      <div className="invite-actions">
        <button
          type="button"
          className="button"
          data-testid="board.rotate-co-facilitator"
          disabled={rotating}
          onClick={() => void rotate()}
        >
          <Icon name="refresh" />
          {t('board.invite.co-facilitator-rotate')}
        </button>
      </div>
      <p className="field-hint" data-testid="board.rotate-co-facilitator-hint">
        {rotated ? t('board.invite.co-facilitator-rotated') : t('board.invite.co-facilitator-rotate-hint')}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {news ? t(news) : ''}
      </p>
    </section>
  );
}
