import { tiedPastCut, topRanked } from '@talkoot/action-plan';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import type { RankedIdea } from '../voting/vote-ideas.ts';
import './action-plan.css';

/** Props of {@link SeedControl}. */
export interface SeedControlProps {
  boardId: string;
  token: string;
  /** The ranking the measures come from (the same one the server seeds from). */
  ranking: readonly RankedIdea[];
  /** Called once the measures are in the plan, to show it. */
  onSeeded(): void;
}

/**
 * For facilitators, under the ranking: "Start the action plan with the top N notes". The
 * server adds one measure per idea (with its dots and where it came from) and never adds the
 * same idea twice, however often this is pressed. Ideas tied at the cut are all taken, and
 * this says so before the button is pressed.
 */
export function SeedControl({ boardId, token, ranking, onSeeded }: SeedControlProps) {
  const { t } = useTranslation();
  const id = useId();
  const tiesId = useId();
  const available = ranking.length;
  const [count, setCount] = useState(() => Math.min(5, Math.max(1, available)));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ added: number } | null>(null);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | 'action-plan.seed.not-revealed' | null>(null);
  if (available === 0) return null;
  const places = Number.isNaN(count) ? 0 : Math.min(50, Math.max(1, Math.round(count)));
  const extra = places > 0 ? tiedPastCut(ranking, places) : 0;

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
          aria-describedby={extra > 0 ? tiesId : undefined}
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
      {extra > 0 ? (
        <p id={tiesId} className="field-hint" data-testid="action-plan.seed.ties" data-taken={places + extra}>
          {t('action-plan.seed.ties', { places, taken: topRanked(ranking, places).length })}
        </p>
      ) : null}
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
