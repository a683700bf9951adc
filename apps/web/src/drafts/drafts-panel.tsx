import { CloseCode } from '@talkoot/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { copyText } from '../copy-text.ts';
import { addDraftNote } from './add-draft-note.ts';
import type { Draft } from './draft-storage.ts';
import type { Drafts } from './use-drafts.ts';
import './drafts.css';

/** Props of {@link DraftsPanel}. */
export interface DraftsPanelProps {
  drafts: Drafts;
  /** The mounted editor, or null while the board reloads. */
  editor: Editor | null;
  /** Whether this person may add notes to the board now (not an observer, board not locked for them). */
  canWrite: boolean;
}

/**
 * Under the header, like the offline notice: why the board was reloaded after the server refused
 * a change, and every text that did not reach the board ("Not saved") with ways to add it again,
 * copy it or let it go. Stays in the page while empty, so its live region announces what appears.
 */
export function DraftsPanel({ drafts, editor, canWrite }: DraftsPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const { reason, dismissReason } = drafts;
  const active = reason !== null || drafts.drafts.length > 0;
  const reasonText =
    reason === null
      ? null
      : reason === 'locked'
        ? t('board.drafts.reason-locked')
        : reason === CloseCode.BOARD_FULL
          ? t('board.drafts.reason-full')
          : t('board.drafts.reason-refused');
  const intro =
    reasonText === null
      ? t('board.drafts.intro')
      : drafts.drafts.length > 0
        ? `${reasonText} ${t('board.drafts.kept-below')}`
        : reasonText;

  return (
    <section
      className="drafts-panel"
      data-testid="board.drafts"
      data-active={active}
      aria-labelledby={active ? headingId : undefined}
    >
      <p className="drafts-reason" role="status" aria-live="polite" data-testid="board.drafts.reason">
        {active ? intro : null}
      </p>
      {active ? (
        <>
          <h2 id={headingId} className="drafts-heading">
            {t('board.drafts.heading')}
          </h2>
          {drafts.drafts.length > 0 ? (
            <ul className="drafts-list">
              {drafts.drafts.map((draft) => (
                <DraftItem key={draft.id} draft={draft} drafts={drafts} editor={editor} canWrite={canWrite} />
              ))}
            </ul>
          ) : (
            <button type="button" className="button" data-testid="board.drafts.dismiss-reason" onClick={dismissReason}>
              <Icon name="check" />
              {t('board.drafts.ok')}
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}

function DraftItem({ draft, drafts, editor, canWrite }: { draft: Draft } & DraftsPanelProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  // Private writing stays private: its texts are never put on the board from here.
  const canAdd = draft.source === 'board' && canWrite && editor !== null;
  const dismiss = () => {
    drafts.dismiss(draft.id);
    if (drafts.drafts.length === 1) drafts.dismissReason();
  };
  const add = () => {
    if (editor && addDraftNote(editor, draft.text)) dismiss();
  };
  const copy = async () => setCopied(await copyText(draft.text));

  return (
    <li className="drafts-item" data-testid="board.draft">
      <p className="drafts-text" dir="auto" data-testid="board.draft-text">
        {draft.text}
      </p>
      <div className="drafts-actions">
        {canAdd ? (
          <button type="button" className="button button-primary" data-testid="board.draft-add" onClick={add}>
            <Icon name="plus" />
            {t('board.drafts.add-note')}
          </button>
        ) : null}
        <button type="button" className="button" data-testid="board.draft-copy" onClick={() => void copy()}>
          <Icon name={copied ? 'check' : 'copy'} />
          {copied ? t('board.drafts.copied') : t('board.drafts.copy')}
        </button>
        <button type="button" className="button" data-testid="board.draft-dismiss" onClick={dismiss}>
          <Icon name="close" />
          {t('board.drafts.dismiss')}
        </button>
      </div>
    </li>
  );
}
