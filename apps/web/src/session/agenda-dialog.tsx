import type { AgendaStep, SessionCommand } from '@talkoot/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { agendaSetCommand, moveItem, newStepId, toDrafts, type StepDraft } from './session-commands.ts';

/** Props of {@link AgendaDialog}. */
export interface AgendaDialogProps {
  open: boolean;
  onClose(): void;
  agenda: readonly AgendaStep[];
  currentStepId: string | null;
  send(command: SessionCommand): Promise<boolean>;
}

const emptyDraft = (): StepDraft => ({ id: newStepId(), title: '', instructions: '', minutes: '' });

/** Where the facilitator writes the agenda: ordered steps with instructions and minutes. */
export function AgendaDialog({ open, onClose, agenda, currentStepId, send }: AgendaDialogProps) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<StepDraft[]>([]);
  const [busy, setBusy] = useState(false);

  // Fresh drafts each time it opens (set while rendering, as React advises for state that follows
  // a prop); edits by a co-facilitator meanwhile are not merged.
  const [openSeen, setOpenSeen] = useState(false);
  if (open !== openSeen) {
    setOpenSeen(open);
    if (open) setDrafts(agenda.length > 0 ? toDrafts(agenda) : [emptyDraft()]);
  }

  const update = (index: number, patch: Partial<StepDraft>) =>
    setDrafts((list) => list.map((draft, i) => (i === index ? { ...draft, ...patch } : draft)));

  const save = async (goTo?: string) => {
    setBusy(true);
    const ok = await send(agendaSetCommand(drafts));
    if (ok && goTo !== undefined) await send({ type: 'agenda.go', stepId: goTo });
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      heading={t('facilitator.agenda.heading')}
      intro={t('facilitator.agenda.intro')}
      testId="facilitator.agenda.dialog"
      className="dialog-wide"
    >
      <form
        className="agenda-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ol className="agenda-list">
          {drafts.map((draft, index) => (
            <li key={draft.id} className="agenda-step" data-current={draft.id === currentStepId ? 'true' : undefined}>
              <div className="agenda-step-fields">
                <label className="field">
                  <span className="field-label">{t('facilitator.agenda.step-title', { number: index + 1 })}</span>
                  <input
                    className="field-input"
                    data-testid="facilitator.agenda.title"
                    dir="auto"
                    value={draft.title}
                    maxLength={120}
                    onChange={(event) => update(index, { title: event.target.value })}
                  />
                </label>
                <label className="field agenda-minutes">
                  <span className="field-label">{t('facilitator.agenda.minutes')}</span>
                  <input
                    className="field-input"
                    data-testid="facilitator.agenda.minutes"
                    inputMode="numeric"
                    value={draft.minutes}
                    onChange={(event) => update(index, { minutes: event.target.value })}
                  />
                </label>
                <label className="field agenda-instructions">
                  <span className="field-label">{t('facilitator.agenda.instructions')}</span>
                  <textarea
                    className="field-input"
                    data-testid="facilitator.agenda.instructions"
                    dir="auto"
                    rows={2}
                    maxLength={2000}
                    value={draft.instructions}
                    onChange={(event) => update(index, { instructions: event.target.value })}
                  />
                </label>
              </div>
              <div className="agenda-step-actions">
                <button
                  type="button"
                  className="button button-quiet"
                  disabled={index === 0}
                  onClick={() => setDrafts((list) => moveItem(list, index, -1))}
                >
                  <Icon name="up" />
                  {t('facilitator.agenda.move-up')}
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  disabled={index === drafts.length - 1}
                  onClick={() => setDrafts((list) => moveItem(list, index, 1))}
                >
                  <Icon name="down" />
                  {t('facilitator.agenda.move-down')}
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  disabled={busy || draft.title.trim() === ''}
                  data-testid="facilitator.agenda.go"
                  onClick={() => void save(draft.id)}
                >
                  <Icon name="next" mirrorInRtl />
                  {t('facilitator.agenda.go')}
                </button>
                <button
                  type="button"
                  className="button button-quiet button-danger"
                  onClick={() => setDrafts((list) => list.filter((_, i) => i !== index))}
                >
                  <Icon name="remove" />
                  {t('facilitator.agenda.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-testid="facilitator.agenda.add"
            onClick={() => setDrafts((list) => [...list, emptyDraft()])}
          >
            <Icon name="plus" />
            {t('facilitator.agenda.add')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('facilitator.cancel')}
          </button>
          <button type="submit" className="button button-primary" data-testid="facilitator.agenda.save" disabled={busy}>
            <Icon name="check" />
            {t('facilitator.agenda.save')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
