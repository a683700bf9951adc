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
}

type Copied = 'link' | 'code' | 'co-facilitator' | null;

/**
 * Shows the join link, code and QR code with copy buttons, a big view for the projector and a
 * new-code button; a modal `<dialog>`, so focus stays inside.
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
}: InviteDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<Copied>(null);
  const [large, setLarge] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [rotated, setRotated] = useState(false);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | null>(null);
  const qr = useQrCode(open ? joinUrl : null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setCopied(null);
      setLarge(false);
      setRotated(false);
      setError(null);
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const copy = async (what: Exclude<Copied, null>, text: string) => {
    if (await copyText(text)) setCopied(what);
  };

  const rotate = async () => {
    setRotating(true);
    try {
      onRotated(await apiClient.rotateJoinCode(boardId, token));
      setRotated(true);
      setError(null);
    } catch (caught) {
      setError(actionErrorKey(caught));
    }
    setRotating(false);
  };

  return (
    <dialog
      ref={dialog}
      className={large ? 'dialog dialog-large-invite' : 'dialog'}
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
            <div className="invite-row invite-co-facilitator">
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
          ) : null}
          <p className="visually-hidden" aria-live="polite">
            {copied ? t('board.invite.copied') : rotated ? t('board.invite.rotated') : ''}
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
