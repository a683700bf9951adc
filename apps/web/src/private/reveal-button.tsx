import type { SessionCommand, SessionState } from '@talkoot/protocol';
import { agendaStepFrameId } from '@talkoot/templates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor, type TLShapeId } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { privateNoteCounts, privateNoteTotal } from './private-note-counts.ts';

/** Props of {@link RevealButton}. */
export interface RevealButtonProps {
  state: SessionState;
  editor: Editor | null;
  send(command: SessionCommand): Promise<boolean>;
}

/** The name of the frame revealed notes land in (as the server chooses it), or null if none is on the board. */
function useTargetFrameName(editor: Editor | null, state: SessionState): string | null {
  const frameId = state.focusFrameId ?? agendaStepFrameId(state.currentStepId);
  return useValue(
    'talkoot.reveal-target',
    () => {
      const frame = frameId && editor ? editor.getShape(frameId as TLShapeId) : undefined;
      return frame?.type === 'frame' ? (frame.props as { name?: string }).name || '' : null;
    },
    [editor, frameId],
  );
}

/**
 * "Reveal notes" for the facilitator, with a confirmation that says how many notes become
 * visible to everyone and where they land, before private writing ends.
 */
export function RevealButton({ state, editor, send }: RevealButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const total = useValue('talkoot.private-note-total', () => privateNoteTotal(privateNoteCounts.get()), []);
  const frameName = useTargetFrameName(editor, state);
  const reveal = async () => {
    setBusy(true);
    const sent = await send({ type: 'private.reveal' });
    setBusy(false);
    if (sent) setOpen(false);
  };
  return (
    <>
      <button
        type="button"
        className="button button-primary"
        data-testid="facilitator.private.reveal"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <Icon name="unlock" />
        {t('facilitator.private.reveal')}
      </button>
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        heading={t('facilitator.private.reveal-confirm.heading')}
        testId="facilitator.private.reveal-dialog"
      >
        <p data-testid="facilitator.private.reveal-count">
          {total === null
            ? t('facilitator.private.reveal-confirm.counting')
            : t('facilitator.private.reveal-confirm.count', { count: total })}
        </p>
        <p data-testid="facilitator.private.reveal-where" dir="auto">
          {frameName === null
            ? t('facilitator.private.reveal-confirm.beside')
            : t('facilitator.private.reveal-confirm.into', { frame: frameName })}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setOpen(false)}>
            {t('facilitator.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="facilitator.private.reveal-confirm"
            disabled={busy}
            onClick={() => void reveal()}
          >
            <Icon name="unlock" />
            {total === null
              ? t('facilitator.private.reveal')
              : t('facilitator.private.reveal-confirm.ok', { count: total })}
          </button>
        </div>
      </ModalDialog>
    </>
  );
}
