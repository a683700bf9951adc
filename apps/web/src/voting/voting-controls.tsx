import type { SessionCommand, VotingState } from '@talkoot/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import { DEFAULT_BUDGET, MAX_BUDGET, MIN_BUDGET, parseBudget } from './voting-model.ts';

/** Props of {@link VotingControls}. */
export interface VotingControlsProps {
  voting: VotingState;
  send(command: SessionCommand): Promise<boolean>;
}

/**
 * The facilitator's dot-voting tools: dots per person and "start", then "stop" and "show the
 * results". Starting again clears the earlier dots (the server does), which the hint says.
 */
export function VotingControls({ voting, send }: VotingControlsProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [budget, setBudget] = useState(() => String(voting.status === 'closed' ? DEFAULT_BUDGET : voting.budget));
  const [invalid, setInvalid] = useState(false);
  const open = voting.status === 'open';

  const start = (event: FormEvent) => {
    event.preventDefault();
    const dots = parseBudget(budget);
    setInvalid(dots === null);
    if (dots !== null) void send({ type: 'voting.open', budget: dots });
  };

  return (
    <form className="tool-group" aria-label={t('facilitator.voting.group')} onSubmit={start}>
      {open ? (
        <>
          <span className="tool-label" data-testid="facilitator.voting.running">
            <Icon name="dot" />
            {t('facilitator.voting.running', { budget: voting.budget })}
          </span>
          <button
            type="button"
            className="button"
            data-testid="facilitator.voting.close"
            onClick={() => void send({ type: 'voting.close' })}
          >
            <Icon name="pause" />
            {t('facilitator.voting.close')}
          </button>
        </>
      ) : (
        <>
          <label htmlFor={inputId} className="tool-label">
            {t('facilitator.voting.budget')}
          </label>
          <input
            id={inputId}
            className="field-input tool-minutes"
            data-testid="facilitator.voting.budget"
            inputMode="numeric"
            value={budget}
            aria-invalid={invalid}
            aria-describedby={invalid || voting.status === 'revealed' ? hintId : undefined}
            onChange={(event) => setBudget(event.target.value)}
          />
          <button type="submit" className="button" data-testid="facilitator.voting.open">
            <Icon name="dot" />
            {voting.status === 'revealed' ? t('facilitator.voting.restart') : t('facilitator.voting.open')}
          </button>
        </>
      )}
      {voting.status !== 'revealed' ? (
        <button
          type="button"
          className={open ? 'button button-primary' : 'button'}
          data-testid="facilitator.voting.reveal"
          onClick={() => void send({ type: 'voting.reveal' })}
        >
          <Icon name="ranking" />
          {t('facilitator.voting.reveal')}
        </button>
      ) : null}
      {invalid ? (
        <span id={hintId} className="tool-error" role="alert">
          {t('facilitator.voting.budget-invalid', { min: MIN_BUDGET, max: MAX_BUDGET })}
        </span>
      ) : voting.status === 'revealed' ? (
        <span id={hintId} className="tool-hint">
          {t('facilitator.voting.restart-hint')}
        </span>
      ) : null}
    </form>
  );
}
