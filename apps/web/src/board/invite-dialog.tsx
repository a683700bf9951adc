import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import { copyText } from '../copy-text.ts';
import { projectorPath } from '../navigation.ts';
import { useQrCode } from './qr-code.ts';
import '../session/session.css';

/** Props of {@link InviteDialog}. */
export interface InviteDialogProps {
  boardId: string;
  token: string;
  joinUrl: string;
  joinCode: string;
  open: boolean;
  onClose(): void;
  /** After a new join code was made. */
  onRotated(invite: { joinCode: string; joinUrl: string }): void;
}

type Copied = 'link' | 'code' | null;
type ErrorKey = ReturnType<typeof actionErrorKey>;
/** What the polite live region last said. */
type News = 'board.invite.copied' | 'board.invite.rotated';

/**
 * Shows the join link, code and QR code with copy buttons, a big view for the projector and a
 * new-code button; a modal `<dialog>`, so focus stays inside. It is what a facilitator puts on
 * the projector, so it holds nothing only facilitators may see (the co-facilitator link is in
 * the people dialog). Its Close button stays in view however short the window.
 */
export function InviteDialog({ boardId, token, joinUrl, joinCode, open, onClose, onRotated }: InviteDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<Copied>(null);
  const [large, setLarge] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState(false);
  const [error, setError] = useState<ErrorKey | null>(null);
  const [news, setNews] = useState<News | null>(null);
  const qr = useQrCode(open ? joinUrl : null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setCopied(null);
      setLarge(false);
      setRotated(false);
      setError(null);
      setNews(null);
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const copy = async (what: Exclude<Copied, null>, text: string) => {
    if (await copyText(text)) {
      setCopied(what);
      setNews('board.invite.copied');
    }
  };

  const rotate = async () => {
    setRotating(true);
    try {
      onRotated(await apiClient.rotateJoinCode(boardId, token));
      setRotated(true);
      setError(null);
      setNews('board.invite.rotated');
    } catch (caught) {
      setError(actionErrorKey(caught));
    }
    setRotating(false);
  };

  return (
    <dialog
      ref={dialog}
      // Wide: the link and the code each fit on one line beside their copy buttons.
      className={large ? 'dialog dialog-large-invite' : 'dialog dialog-wide invite-dialog'}
      aria-labelledby="invite-heading"
      onClose={onClose}
    >
      {large ? (
        <div className="invite-large" data-testid="board.invite-large">
          <h2 id="invite-heading" className="invite-large-heading">
            {t('board.invite.large-heading')}
          </h2>
          {qr ? <img className="invite-large-qr" src={qr} alt={t('board.invite.qr-alt')} /> : null}
          <p className="invite-large-code" dir="ltr">
            {joinCode}
          </p>
          <p className="invite-large-url" dir="ltr">
            {joinUrl}
          </p>
          <button type="button" className="button button-primary" onClick={() => setLarge(false)}>
            <Icon name="close" />
            {t('board.invite.large-close')}
          </button>
        </div>
      ) : (
        <>
          <h2 id="invite-heading" className="dialog-heading">
            {t('board.invite.heading')}
          </h2>
          <p className="dialog-intro">{t('board.invite.intro')}</p>
          <div className="invite-body">
            <div className="invite-qr-box">
              {qr ? (
                <img className="invite-qr" src={qr} alt={t('board.invite.qr-alt')} data-testid="board.invite-qr" />
              ) : (
                <span className="spinner" aria-hidden="true" />
              )}
            </div>
            <div className="invite-fields">
              <div className="invite-row">
                <span className="invite-label">{t('board.invite.link-label')}</span>
                <a className="invite-value invite-link" href={joinUrl} data-testid="board.invite-link" dir="ltr">
                  {joinUrl}
                </a>
                <button type="button" className="button" onClick={() => void copy('link', joinUrl)}>
                  <Icon name={copied === 'link' ? 'check' : 'copy'} />
                  {copied === 'link' ? t('board.invite.copied') : t('board.invite.copy-link')}
                </button>
              </div>
              <div className="invite-row">
                <span className="invite-label">{t('board.invite.code-label')}</span>
                <strong className="invite-value invite-code" data-testid="board.invite-code" dir="ltr">
                  {joinCode}
                </strong>
                <button type="button" className="button" onClick={() => void copy('code', joinCode)}>
                  <Icon name={copied === 'code' ? 'check' : 'copy'} />
                  {copied === 'code' ? t('board.invite.copied') : t('board.invite.copy-code')}
                </button>
              </div>
            </div>
          </div>
          <div className="invite-actions">
            <button
              type="button"
              className="button"
              data-testid="board.invite-show-large"
              onClick={() => setLarge(true)}
            >
              <Icon name="projector" />
              {t('board.invite.show-large')}
            </button>
            <a
              className="button"
              href={projectorPath(boardId)}
              target="_blank"
              rel="noopener"
              data-testid="board.open-projector"
            >
              <Icon name="projector" />
              {t('board.invite.open-projector')}
            </a>
            <button
              type="button"
              className="button"
              data-testid="board.rotate-code"
              disabled={rotating}
              onClick={() => void rotate()}
            >
              <Icon name="refresh" />
              {t('board.invite.rotate')}
            </button>
          </div>
          <p className="field-hint">{rotated ? t('board.invite.rotated') : t('board.invite.rotate-hint')}</p>
          {error ? (
            <p className="form-error" role="alert">
              {t(error)}
            </p>
          ) : null}
          <p className="visually-hidden" aria-live="polite">
            {news ? t(news) : ''}
          </p>
          <div className="dialog-actions invite-close">
            <button type="button" className="button button-primary" data-testid="board.invite-close" onClick={onClose}>
              <Icon name="close" />
              {t('board.invite.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
