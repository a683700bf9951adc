import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor } from 'tldraw';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import { ModalDialog } from '../components/modal-dialog.tsx';
import '../templates/templates.css';
import { hasPrioritisation, otherBoards, type PromoteTarget } from './promote-targets.ts';

/** Props of {@link PromoteButton}. */
export interface PromoteButtonProps {
  editor: Editor | null;
  boardId: string;
  boardTitle: string;
  token: string;
}

type ErrorKey =
  | ReturnType<typeof actionErrorKey>
  | 'promote.error.no-prioritisation'
  | 'promote.error.locked'
  | 'promote.error.no-note';

const errorKeyOf = (caught: unknown): ErrorKey => {
  switch ((caught as { reason?: unknown }).reason) {
    case 'no-prioritisation':
      return 'promote.error.no-prioritisation';
    case 'board-locked':
      return 'promote.error.locked';
    case 'unknown-note':
      return 'promote.error.no-note';
    default:
      return actionErrorKey(caught);
  }
};

/**
 * "Send as a need": with one sticky note selected, send a copy of it to the ideas and needs
 * of a prioritisation — on this board or another board of the workshop this device has
 * joined. The copy remembers where it came from, so the action plan can cite it.
 */
export function PromoteButton({ editor, boardId, boardTitle, token }: PromoteButtonProps) {
  const { t } = useTranslation();
  const name = useId();
  const noteId = useValue(
    'talkoot.selected-note',
    () => {
      const shape = editor?.getOnlySelectedShape();
      return shape?.type === 'note' ? shape.id : null;
    },
    [editor],
  );
  const [open, setOpen] = useState(false);
  const [targets, setTargets] = useState<PromoteTarget[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<ErrorKey | null>(null);
  // The note is fixed when the dialog opens, even if the selection changes behind it.
  const [promoting, setPromoting] = useState<string | null>(null);

  useEffect(() => {
    if (!open || !editor) return;
    let live = true;
    const here: PromoteTarget[] = hasPrioritisation(editor) ? [{ boardId, title: boardTitle }] : [];
    setTargets(null);
    void otherBoards(boardId).then((others) => {
      if (!live) return;
      const all = [...here, ...others];
      setTargets(all);
      setChosen(all[0]?.boardId ?? null);
    });
    return () => {
      live = false;
    };
  }, [open, editor, boardId, boardTitle]);

  if (!editor) return null;
  // Without a selected note the button keeps its place, unseen: selecting a note must not
  // re-flow the bar above the canvas (the canvas would jump under the finger).
  const idle = noteId === null && !open;

  const close = () => {
    setOpen(false);
    setError(null);
    setSentTo(null);
  };

  const send = async () => {
    const target = targets?.find((b) => b.boardId === chosen);
    if (!target || !promoting) return;
    setBusy(true);
    setError(null);
    try {
      await apiClient.promoteNote(boardId, token, {
        shapeId: promoting,
        ...(target.token ? { target: { boardId: target.boardId, token: target.token } } : {}),
      });
      setSentTo(target.title);
    } catch (caught) {
      setError(errorKeyOf(caught));
    }
    setBusy(false);
  };

  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="promote.open"
        aria-haspopup="dialog"
        disabled={idle}
        aria-hidden={idle || undefined}
        style={idle ? { visibility: 'hidden' } : undefined}
        onClick={() => {
          setPromoting(noteId);
          setOpen(true);
        }}
      >
        <Icon name="next" mirrorInRtl />
        {t('promote.open')}
      </button>
      <ModalDialog
        open={open}
        onClose={close}
        heading={t('promote.heading')}
        intro={t('promote.intro')}
        testId="promote.dialog"
      >
        {targets === null ? (
          <p role="status">{t('promote.loading')}</p>
        ) : targets.length === 0 ? (
          <p data-testid="promote.none">{t('promote.none')}</p>
        ) : (
          <fieldset className="template-options">
            <legend className="field-label">{t('promote.target-label')}</legend>
            {targets.map((target) => (
              <div key={target.boardId} className="template-option">
                <input
                  type="radio"
                  id={`${name}-${target.boardId}`}
                  name={name}
                  checked={chosen === target.boardId}
                  onChange={() => setChosen(target.boardId)}
                  data-testid={`promote.target.${target.boardId}`}
                />
                <label htmlFor={`${name}-${target.boardId}`} className="template-option-label" dir="auto">
                  {target.boardId === boardId ? t('promote.this-board', { title: target.title }) : target.title}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <p role="status" data-testid="promote.status">
          {sentTo ? t('promote.sent', { title: sentTo }) : ''}
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {t(error)}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            {sentTo ? t('promote.done') : t('promote.cancel')}
          </button>
          {sentTo ? null : (
            <button
              type="button"
              className="button button-primary"
              data-testid="promote.send"
              disabled={busy || !chosen}
              onClick={() => void send()}
            >
              <Icon name="next" mirrorInRtl />
              {busy ? t('promote.sending') : t('promote.send')}
            </button>
          )}
        </div>
      </ModalDialog>
    </>
  );
}
