import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import './action-plan.css';

/** Props of {@link SeedControl}. */
export interface SeedControlProps {
  boardId: string;
  token: string;
  /** How many notes the ranking has (the most that can be taken). */
  available: number;
  /** Called once the measures are in the plan, to show it. */
  onSeeded(): void;
}

/**
 * For facilitators, under the ranking: "Start the action plan with the top N notes". The
 * server adds one measure per note (with its dots and where it came from) and never adds the
 * same note twice, however often this is pressed.
 */
export function SeedControl({ boardId, token, available, onSeeded }: SeedControlProps) {
  const { t } = useTranslation();
  const id = useId();
  const [count, setCount] = useState(() => Math.min(5, Math.max(1, available)));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ added: number } | null>(null);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | 'action-plan.seed.not-revealed' | null>(null);
  if (available === 0) return null;

  const seed = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await apiClient.seedActionPlan(boardId, token, Math.min(50, Math.max(1, Math.round(count))));
      setStatus({ added: result.added.length });
      onSeeded();
    } catch (caught) {
      setError(
        (caught as { status?: unknown }).status === 409 ? 'action-plan.seed.not-revealed' : actionErrorKey(caught),
      );
    }
    setBusy(false);
  };

  return (
    <div className="seed-control">
      <label htmlFor={id} className="field-label">
        {t('action-plan.seed.label')}
      </label>
      <div className="seed-control-row">
        <input
          id={id}
          className="field-input"
          type="number"
          inputMode="numeric"
          min={1}
          max={Math.min(50, available)}
          value={Number.isNaN(count) ? '' : count}
          onChange={(event) => setCount(event.target.valueAsNumber)}
          data-testid="action-plan.seed.count"
        />
        <button
          type="button"
          className="button button-primary"
          disabled={busy || Number.isNaN(count)}
          onClick={() => void seed()}
          data-testid="action-plan.seed"
        >
          <Icon name="plus" />
          {t('action-plan.seed.submit')}
        </button>
      </div>
      <p role="status" className="field-hint">
        {status ? t('action-plan.seed.done', { added: status.added }) : ''}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
