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
  /** A link that makes whoever opens it a facilitator; only newer servers send it. */
  coFacilitatorUrl?: string | undefined;
  open: boolean;
  onClose(): void;
  /** After a new join code was made. */
  onRotated(invite: { joinCode: string; joinUrl: string }): void;
  /** After a new co-facilitator link was made (the old one no longer works). */
  onCoFacilitatorLinkRotated(coFacilitatorUrl: string): void;
}

type Copied = 'link' | 'code' | 'co-facilitator' | null;
type ErrorKey = ReturnType<typeof actionErrorKey>;
/** What the polite live region last said. */
type News = 'board.invite.copied' | 'board.invite.rotated' | 'board.invite.co-facilitator-rotated';

/**
 * Shows the join link, code and QR code with copy buttons, a big view for the projector and a
 * new-code button, and (for newer servers) the co-facilitator link with a button that replaces
 * it; a modal `<dialog>`, so focus stays inside.
 */
export function InviteDialog({
  boardId,
  token,
  joinUrl,
  joinCode,
  coFacilitatorUrl,
  open,
  onClose,
  onRotated,
  onCoFacilitatorLinkRotated,
}: InviteDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<Copied>(null);
  const [large, setLarge] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState(false);
  const [error, setError] = useState<ErrorKey | null>(null);
  const [coRotating, setCoRotating] = useState(false);
  const [coRotated, setCoRotated] = useState(false);
  const [coError, setCoError] = useState<ErrorKey | null>(null);
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
      setCoRotated(false);
      setCoError(null);
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

  const rotateCoFacilitator = async () => {
    setCoRotating(true);
    try {
      const { coFacilitatorUrl: url } = await apiClient.rotateFacilitatorLink(boardId, token);
      onCoFacilitatorLinkRotated(url);
      // The copy button now stands for the new link, not "copied".
      if (copied === 'co-facilitator') setCopied(null);
      setCoRotated(true);
      setCoError(null);
      setNews('board.invite.co-facilitator-rotated');
    } catch (caught) {
      setCoError(actionErrorKey(caught));
    }
    setCoRotating(false);
  };

  return (
    <dialog
      ref={dialog}
      // Wide: the code, its copy button and the co-facilitator link each fit on one line.
      className={large ? 'dialog dialog-large-invite' : 'dialog dialog-wide'}
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
          {coFacilitatorUrl ? (
            <div className="invite-co-facilitator">
              <div className="invite-row">
                <span className="invite-label">{t('board.invite.co-facilitator-label')}</span>
                <span className="field-hint invite-co-hint">{t('board.invite.co-facilitator-hint')}</span>
                <a
                  className="invite-value invite-link"
                  href={coFacilitatorUrl}
                  data-testid="board.invite-co-facilitator"
                  dir="ltr"
                >
                  {coFacilitatorUrl}
                </a>
                <button type="button" className="button" onClick={() => void copy('co-facilitator', coFacilitatorUrl)}>
                  <Icon name={copied === 'co-facilitator' ? 'check' : 'copy'} />
                  {copied === 'co-facilitator' ? t('board.invite.copied') : t('board.invite.copy-link')}
                </button>
              </div>
              <div className="invite-actions">
                <button
                  type="button"
                  className="button"
                  data-testid="board.rotate-co-facilitator"
                  disabled={coRotating}
                  onClick={() => void rotateCoFacilitator()}
                >
                  <Icon name="refresh" />
                  {t('board.invite.co-facilitator-rotate')}
                </button>
              </div>
              <p className="field-hint" data-testid="board.rotate-co-facilitator-hint">
                {coRotated ? t('board.invite.co-facilitator-rotated') : t('board.invite.co-facilitator-rotate-hint')}
              </p>
              {coError ? (
                <p className="form-error" role="alert">
                  {t(coError)}
                </p>
              ) : null}
            </div>
          ) : null}
          <p className="visually-hidden" aria-live="polite">
            {news ? t(news) : ''}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button button-primary" onClick={onClose}>
              <Icon name="close" />
              {t('board.invite.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
