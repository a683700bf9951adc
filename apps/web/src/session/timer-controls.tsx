import type { SessionCommand, TimerState } from '@talkoot/protocol';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import { timerAddCommand, timerSetCommand } from './session-commands.ts';

/** Props of {@link TimerControls}. */
export interface TimerControlsProps {
  timer: TimerState;
  /** `session.timerKeep`: the timer runs on into the next agenda step. */
  keep: boolean;
  send(command: SessionCommand): Promise<boolean>;
}

const minutesOf = (durationMs: number) => String(Math.round((durationMs / 60_000) * 100) / 100);

/**
 * The facilitator's timer: duration in minutes, start/pause, one more minute, reset, and whether
 * it runs on into the next agenda step (by default a step change stops it).
 */
export function TimerControls({ timer, keep, send }: TimerControlsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [minutes, setMinutes] = useState(() => minutesOf(timer.durationMs));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    setMinutes(minutesOf(timer.durationMs));
    setInvalid(false);
  }, [timer.durationMs]);

  /** Sends timer.set when the field differs from the duration; false if the field is invalid. */
  const applyMinutes = async (): Promise<boolean> => {
    if (minutes.trim() === minutesOf(timer.durationMs)) return true;
    const command = timerSetCommand(minutes);
    setInvalid(command === null);
    return command !== null && (await send(command));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void applyMinutes();
  };

  const start = async () => {
    if (timer.status === 'idle' && !(await applyMinutes())) return;
    await send({ type: 'timer.start' });
  };

  return (
    <form className="tool-group" onSubmit={onSubmit} aria-label={t('facilitator.timer.group')}>
      <label htmlFor={id} className="tool-label">
        {t('facilitator.timer.minutes')}
      </label>
      <input
        id={id}
        className="field-input tool-minutes"
        data-testid="facilitator.timer.minutes"
        inputMode="decimal"
        value={minutes}
        aria-invalid={invalid}
        onChange={(event) => setMinutes(event.target.value)}
        onBlur={() => void applyMinutes()}
      />
      {timer.status === 'running' ? (
        <button
          type="button"
          className="button"
          data-testid="facilitator.timer.pause"
          onClick={() => void send({ type: 'timer.pause' })}
        >
          <Icon name="pause" />
          {t('facilitator.timer.pause')}
        </button>
      ) : (
        <button
          type="button"
          className="button button-primary"
          data-testid="facilitator.timer.start"
          onClick={() => void start()}
        >
          <Icon name="play" mirrorInRtl />
          {timer.status === 'paused' ? t('facilitator.timer.resume') : t('facilitator.timer.start')}
        </button>
      )}
      <button
        type="button"
        className="button"
        data-testid="facilitator.timer.add-minute"
        onClick={() => void send(timerAddCommand(1))}
      >
        <Icon name="plus" />
        {t('facilitator.timer.add-minute')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="facilitator.timer.reset"
        onClick={() => void send({ type: 'timer.reset' })}
      >
        <Icon name="reset" />
        {t('facilitator.timer.reset')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="facilitator.timer.keep"
        aria-pressed={keep}
        title={t('facilitator.timer.keep-hint')}
        onClick={() => void send({ type: 'timer.keep', keep: !keep })}
      >
        <Icon name={keep ? 'check' : 'timer'} />
        {t('facilitator.timer.keep')}
      </button>
      {invalid ? (
        <span className="tool-error" role="alert">
          {t('facilitator.timer.invalid')}
        </span>
      ) : null}
    </form>
  );
}
