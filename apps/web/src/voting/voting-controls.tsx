import type { SessionCommand, VotingState } from '@talkoot/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { localizeShapeText, useTemplateTextReader } from '../template-text/template-text-reader.ts';
import { useVoteProgress } from './use-vote-progress.ts';
import { defaultVoteFrame, voteFrameChoices } from './vote-frame.ts';
import { DEFAULT_BUDGET, MAX_BUDGET, MIN_BUDGET, parseBudget } from './voting-model.ts';
import { useVoting } from './voting-provider.tsx';

/** Props of {@link VotingControls}. */
export interface VotingControlsProps {
  voting: VotingState;
  send(command: SessionCommand): Promise<boolean>;
  /** The board's canvas, for the frames a vote can be limited to; null while it loads. */
  editor: Editor | null;
  /** The session's current step and focus frame, which decide the frame offered first. */
  currentStepId: string | null;
  focusFrameId: string | null;
}

/** The value of "the whole board" in the frame choice. */
const WHOLE_BOARD = '';

/**
 * The facilitator's dot-voting tools: dots per person, which frame's notes the vote is for
 * (first offered: the current step's frame) and "start", then how many have voted, "stop" and
 * "show the results". Starting again clears the earlier dots (the server does), which the hint
 * says.
 */
export function VotingControls({ voting, send, editor, currentStepId, focusFrameId }: VotingControlsProps) {
  const { t, i18n } = useTranslation();
  const { boardId, token } = useVoting();
  const inputId = useId();
  const frameSelectId = useId();
  const hintId = useId();
  const [budget, setBudget] = useState(() => String(voting.status === 'closed' ? DEFAULT_BUDGET : voting.budget));
  const [invalid, setInvalid] = useState(false);
  /** The frame the facilitator picked; null until she picks one (then the step's frame is offered). */
  const [picked, setPicked] = useState<string | null>(null);
  const open = voting.status === 'open';
  const rtl = i18n.dir() === 'rtl';
  const reader = useTemplateTextReader();
  const frames = useValue(
    'talkoot.vote-frames',
    () => {
      if (!editor) return { choices: [], offered: null };
      const shapes = editor.getCurrentPageShapes();
      const choices = voteFrameChoices(shapes, rtl).map((choice, index) => {
        const shape = editor.getShape(choice.id as Parameters<Editor['getShape']>[0]);
        const name = shape ? localizeShapeText(shape, choice.name, reader) : choice.name;
        return { id: choice.id, name: name || t('outline.frame-untitled', { number: index + 1 }) };
      });
      return { choices, offered: defaultVoteFrame(shapes, currentStepId, focusFrameId) };
    },
    [editor, rtl, reader, currentStepId, focusFrameId, t],
  );
  const progress = useVoteProgress(boardId, token, voting);
  const chosen = picked ?? frames.offered ?? WHOLE_BOARD;
  const frameOf = (id: string | null | undefined) => frames.choices.find((choice) => choice.id === id)?.name ?? null;

  const start = (event: FormEvent) => {
    event.preventDefault();
    const dots = parseBudget(budget);
    setInvalid(dots === null);
    const frameId = frames.choices.some((choice) => choice.id === chosen) ? chosen : null;
    if (dots !== null) void send({ type: 'voting.open', budget: dots, frameId });
  };

  const votingFrame = frameOf(voting.frameId);
  return (
    <form className="tool-group" aria-label={t('facilitator.voting.group')} onSubmit={start}>
      {open ? (
        <>
          <span className="tool-label" data-testid="facilitator.voting.running">
            <Icon name="dot" />
            {t('facilitator.voting.running', { budget: voting.budget })}
          </span>
          <span
            className="tool-label"
            data-testid="facilitator.voting.frame-running"
            data-frame-id={voting.frameId ?? ''}
          >
            {votingFrame ? t('facilitator.voting.in-frame', { frame: votingFrame }) : t('facilitator.voting.frame-all')}
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
          <label htmlFor={frameSelectId} className="tool-label">
            {t('facilitator.voting.frame')}
          </label>
          <select
            id={frameSelectId}
            className="field-input vote-frame-select"
            data-testid="facilitator.voting.frame"
            value={chosen}
            onChange={(event) => setPicked(event.target.value)}
          >
            <option value={WHOLE_BOARD}>{t('facilitator.voting.frame-all')}</option>
            {frames.choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button" data-testid="facilitator.voting.open">
            <Icon name="dot" />
            {voting.status === 'revealed' ? t('facilitator.voting.restart') : t('facilitator.voting.open')}
          </button>
        </>
      )}
      {progress && (open || voting.status === 'closed') && (open || progress.voted > 0) ? (
        <span
          className="tool-label"
          role="status"
          data-testid="facilitator.voting.progress"
          data-voted={progress.voted}
          data-voters={progress.voters}
        >
          {t('facilitator.voting.progress', { voted: progress.voted, voters: progress.voters })}
        </span>
      ) : null}
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
