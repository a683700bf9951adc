import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorKey, apiClient, type BoardRetention } from '../api-client.ts';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { navigate } from '../navigation.ts';
import { clearLocalBoardCopy } from '../offline/local-board-copy.ts';
import '../session/session.css';
import './board-settings.css';
import { Icon } from '../components/icon.tsx';

/** The retention periods offered, in days; the board's current one is added when missing. */
export const RETENTION_CHOICES: readonly number[] = [7, 30, 90, 365];

const DAY_MS = 24 * 3600_000;

/** Props of {@link BoardSettingsDialog}. */
export interface BoardSettingsDialogProps {
  boardId: string;
  /** A facilitator's token. */
  token: string;
  /** When the board was made (ISO time); retention is counted from it. */
  createdAt: string;
  retention: BoardRetention;
  open: boolean;
  onClose(): void;
}

/**
 * For facilitators: when the board will be deleted, how long to keep it, and deleting it now
 * behind a confirm step that says what is lost.
 */
export function BoardSettingsDialog({ boardId, token, createdAt, retention, open, onClose }: BoardSettingsDialogProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const id = useId();
  const [saved, setSaved] = useState(retention);
  const [chosen, setChosen] = useState(retention.retentionDays);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<'saved' | null>(null);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | null>(null);
  const [confirming, setConfirming] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const cancelDelete = () => {
    setConfirming(false);
    // The "delete" button comes back in place of the question; focus goes back to it.
    requestAnimationFrame(() => deleteButton.current?.focus());
  };
  /** Escape leaves the question, not the whole dialog. */
  const escapeQuestion = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    cancelDelete();
  };

  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'long' });
  const days = new Intl.NumberFormat(language, { style: 'unit', unit: 'day', unitDisplay: 'long' });
  const choices = [...new Set([...RETENTION_CHOICES, saved.retentionDays])].sort((a, b) => a - b);
  const chosenIsPast = Date.parse(createdAt) + chosen * DAY_MS <= Date.now();

  const close = () => {
    setConfirming(false);
    setStatus(null);
    setError(null);
    setChosen(saved.retentionDays);
    onClose();
  };

  const save = async () => {
    setBusy(true);
    try {
      const updated = await apiClient.updateBoard(boardId, token, { retentionDays: chosen });
      setSaved(updated);
      setChosen(updated.retentionDays);
      setStatus('saved');
      setError(null);
    } catch (caught) {
      setError(actionErrorKey(caught));
    }
    setBusy(false);
  };

  const remove = async () => {
    setBusy(true);
    try {
      await apiClient.deleteBoard(boardId, token);
    } catch (caught) {
      setError(actionErrorKey(caught));
      setBusy(false);
      return;
    }
    // Nothing of a deleted board stays on this device either.
    await clearLocalBoardCopy(boardId).catch(() => undefined);
    navigate('/');
  };

  return (
    <ModalDialog open={open} onClose={close} heading={t('settings.heading')} testId="facilitator.settings.dialog">
      <p className="settings-expires" data-testid="facilitator.settings.expires">
        {t('settings.expires', { date: dateFormat.format(new Date(saved.expiresAt)) })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-retention`} className="field-label">
          {t('settings.retention-label')}
        </label>
        <p id={`${id}-hint`} className="field-hint">
          {t('settings.retention-hint')}
        </p>
        <div className="settings-retention-row">
          <select
            id={`${id}-retention`}
            className="field-input"
            data-testid="facilitator.settings.retention"
            aria-describedby={`${id}-hint`}
            value={chosen}
            onChange={(event) => {
              setChosen(Number(event.target.value));
              setStatus(null);
            }}
          >
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {days.format(choice)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-primary"
            data-testid="facilitator.settings.save"
            disabled={busy || chosen === saved.retentionDays}
            onClick={() => void save()}
          >
            <Icon name="check" />
            {t('settings.save')}
          </button>
        </div>
        {chosenIsPast ? (
          <p className="form-error" role="alert">
            {t('settings.retention-past')}
          </p>
        ) : null}
        <p className="field-hint" role="status">
          {status === 'saved' ? t('settings.saved') : ''}
        </p>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {confirming ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby={`${id}-confirm`}
          data-testid="facilitator.settings.confirm"
          onKeyDown={escapeQuestion}
        >
          <p id={`${id}-confirm`}>{t('settings.delete-confirm-text')}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={cancelDelete}>
              {t('facilitator.cancel')}
            </button>
            <button
              type="button"
              className="button button-danger-solid"
              data-testid="facilitator.settings.delete-confirm"
              disabled={busy}
              autoFocus
              onClick={() => void remove()}
            >
              <Icon name="remove" />
              {t('settings.delete-confirm')}
            </button>
          </div>
        </div>
      ) : (
        <div className="settings-danger">
          <button
            ref={deleteButton}
            type="button"
            className="button button-danger"
            data-testid="facilitator.settings.delete"
            onClick={() => setConfirming(true)}
          >
            <Icon name="remove" />
            {t('settings.delete')}
          </button>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={close}>
          <Icon name="close" />
          {t('board.invite.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
