import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../copy-text.ts';

/** Props of {@link InviteDialog}. */
export interface InviteDialogProps {
  joinUrl: string;
  joinCode: string;
  open: boolean;
  onClose(): void;
}

/** Shows the join link and code with copy buttons; a modal `<dialog>`, so focus stays inside. */
export function InviteDialog({ joinUrl, joinCode, open, onClose }: InviteDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<'link' | 'code' | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setCopied(null);
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const copy = async (what: 'link' | 'code') => {
    if (await copyText(what === 'link' ? joinUrl : joinCode)) setCopied(what);
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="invite-heading" onClose={onClose}>
      <h2 id="invite-heading" className="dialog-heading">
        {t('board.invite.heading')}
      </h2>
      <p className="dialog-intro">{t('board.invite.intro')}</p>
      <div className="invite-row">
        <span className="invite-label">{t('board.invite.link-label')}</span>
        <a className="invite-value invite-link" href={joinUrl} data-testid="board.invite-link" dir="ltr">
          {joinUrl}
        </a>
        <button type="button" className="button" onClick={() => void copy('link')}>
          {copied === 'link' ? t('board.invite.copied') : t('board.invite.copy-link')}
        </button>
      </div>
      <div className="invite-row">
        <span className="invite-label">{t('board.invite.code-label')}</span>
        <strong className="invite-value invite-code" data-testid="board.invite-code" dir="ltr">
          {joinCode}
        </strong>
        <button type="button" className="button" onClick={() => void copy('code')}>
          {copied === 'code' ? t('board.invite.copied') : t('board.invite.copy-code')}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {copied ? t('board.invite.copied') : ''}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('board.invite.close')}
        </button>
      </div>
    </dialog>
  );
}
