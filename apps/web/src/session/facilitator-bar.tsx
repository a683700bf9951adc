import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor } from 'tldraw';
import type { Session } from '../board/use-session.ts';
import { Icon } from '../components/icon.tsx';
import { ExportDialog } from '../export/export-dialog.tsx';
import { RevealButton } from '../private/reveal-button.tsx';
import { InsertTemplateDialog } from '../templates/insert-template-dialog.tsx';
import { VotingControls } from '../voting/voting-controls.tsx';
import { HarvestButton } from '../world-cafe/harvest-button.tsx';
import { AgendaDialog } from './agenda-dialog.tsx';
import { MembersDialog } from './members-dialog.tsx';
import { adjacentStepId, currentStep } from './session-state.ts';
import { timerSetCommand } from './session-commands.ts';
import { TimerControls } from './timer-controls.tsx';

/** Props of {@link FacilitatorBar}. */
export interface FacilitatorBarProps {
  session: Session;
  editor: Editor | null;
  boardId: string;
  token: string;
  memberId: string;
  /** After a facilitator was removed in the people dialog (the co-facilitator link changed). */
  onFacilitatorRemoved?(): Promise<void>;
  /** The co-facilitator link, shown in the people dialog (only newer servers send it). */
  coFacilitatorUrl?: string | undefined;
  /** After the people dialog made a new co-facilitator link. */
  onCoFacilitatorLinkRotated?(coFacilitatorUrl: string): void;
}

/** The selected frame, when exactly one frame is selected. */
function useSelectedFrameId(editor: Editor | null): string | null {
  return useValue(
    'talkoot.selected-frame',
    () => {
      const shape = editor?.getOnlySelectedShape();
      return shape?.type === 'frame' ? shape.id : null;
    },
    [editor],
  );
}

/**
 * The facilitator's tools: timer, agenda, lock, "bring everyone here", focus, private writing,
 * people and dot voting.
 */
export function FacilitatorBar({
  session,
  editor,
  boardId,
  token,
  memberId,
  onFacilitatorRemoved,
  coFacilitatorUrl,
  onCoFacilitatorLinkRotated,
}: FacilitatorBarProps) {
  const { t } = useTranslation();
  const { state, sendCommand: send } = session;
  const [agendaOpen, setAgendaOpen] = useState(false);
  const [peopleOpen, setPeopleOpen] = useState(false);
  const [insertOpen, setInsertOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const step = currentStep(state);
  const previousId = adjacentStepId(state, -1);
  const nextId = adjacentStepId(state, 1);
  const selectedFrameId = useSelectedFrameId(editor);
  const followingMe = state.followMemberId === memberId;

  // When a step with minutes becomes current, offer its duration for the timer (once per step).
  const [timerOffer, setTimerOffer] = useState<{ stepId: string; minutes: number } | null>(null);
  useEffect(() => {
    setTimerOffer(step?.durationMinutes ? { stepId: step.id, minutes: step.durationMinutes } : null);
  }, [step?.id, step?.durationMinutes]);
  const offerMatters =
    timerOffer !== null && !(state.timer.durationMs === timerOffer.minutes * 60_000 && state.timer.status !== 'idle');

  const applyOffer = async () => {
    if (!timerOffer) return;
    const command = timerSetCommand(timerOffer.minutes);
    if (command && (await send(command))) setTimerOffer(null);
  };

  const frameLocked = selectedFrameId !== null && state.lockedFrameIds.includes(selectedFrameId);
  const focusing = state.focusFrameId !== null && (selectedFrameId === null || selectedFrameId === state.focusFrameId);

  return (
    <div className="facilitator-bar" role="region" aria-label={t('facilitator.tools')}>
      <TimerControls timer={state.timer} keep={state.timerKeep} send={send} />

      <div className="tool-group" role="group" aria-label={t('facilitator.agenda.group')}>
        <button
          type="button"
          className="button"
          data-testid="facilitator.agenda.open"
          aria-haspopup="dialog"
          onClick={() => setAgendaOpen(true)}
        >
          <Icon name="agenda" />
          {t('facilitator.agenda.open')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="facilitator.agenda.prev"
          disabled={previousId === null}
          onClick={() => void send({ type: 'agenda.go', stepId: previousId })}
        >
          <Icon name="previous" mirrorInRtl />
          {t('facilitator.agenda.prev')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="facilitator.agenda.next"
          disabled={nextId === null}
          onClick={() => void send({ type: 'agenda.go', stepId: nextId })}
        >
          {t('facilitator.agenda.next')}
          <Icon name="next" mirrorInRtl />
        </button>
        {offerMatters && timerOffer ? (
          <button
            type="button"
            className="button button-primary"
            data-testid="facilitator.agenda.use-timer"
            onClick={() => void applyOffer()}
          >
            <Icon name="timer" />
            {t('facilitator.agenda.use-timer', { minutes: timerOffer.minutes })}
          </button>
        ) : null}
        <HarvestButton state={state} boardId={boardId} token={token} editor={editor} />
        <button
          type="button"
          className="button"
          data-testid="templates.insert.open"
          aria-haspopup="dialog"
          onClick={() => setInsertOpen(true)}
        >
          <Icon name="template" />
          {t('templates.insert.open')}
        </button>
      </div>

      <div className="tool-group" role="group" aria-label={t('facilitator.room.group')}>
        <button
          type="button"
          className="button"
          data-testid="facilitator.lock"
          aria-pressed={state.locked}
          onClick={() => void send({ type: 'lock.set', locked: !state.locked })}
        >
          <Icon name={state.locked ? 'lock' : 'unlock'} />
          {state.locked ? t('facilitator.lock.on') : t('facilitator.lock.off')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="facilitator.follow-me"
          aria-pressed={followingMe}
          onClick={() => void send({ type: 'follow.set', memberId: followingMe ? null : memberId })}
        >
          <Icon name="follow" />
          {followingMe ? t('facilitator.follow-me.on') : t('facilitator.follow-me.off')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="facilitator.focus"
          aria-pressed={focusing}
          disabled={!focusing && selectedFrameId === null}
          title={!focusing && selectedFrameId === null ? t('facilitator.focus.hint') : undefined}
          onClick={() => void send({ type: 'focus.set', frameId: focusing ? null : selectedFrameId })}
        >
          <Icon name="focus" />
          {focusing ? t('facilitator.focus.clear') : t('facilitator.focus.set')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="facilitator.frame-lock"
          aria-pressed={frameLocked}
          disabled={selectedFrameId === null}
          title={selectedFrameId === null ? t('facilitator.focus.hint') : undefined}
          onClick={() =>
            selectedFrameId !== null &&
            void send({ type: 'frame-lock.set', frameId: selectedFrameId, locked: !frameLocked })
          }
        >
          <Icon name={frameLocked ? 'lock' : 'unlock'} />
          {frameLocked ? t('facilitator.frame-lock.clear') : t('facilitator.frame-lock.set')}
        </button>
        {state.privateMode ? (
          <RevealButton state={state} editor={editor} send={send} />
        ) : (
          <button
            type="button"
            className="button"
            data-testid="facilitator.private.start"
            onClick={() => void send({ type: 'private.start' })}
          >
            <Icon name="lock" />
            {t('facilitator.private.start')}
          </button>
        )}
        <button
          type="button"
          className="button"
          data-testid="export.open"
          aria-haspopup="dialog"
          onClick={() => setExportOpen(true)}
        >
          <Icon name="download" />
          {t('export-dialog.open')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="facilitator.people.open"
          aria-haspopup="dialog"
          onClick={() => setPeopleOpen(true)}
        >
          <Icon name="people" />
          {t('facilitator.people.open')}
        </button>
      </div>

      <VotingControls
        voting={state.voting}
        send={send}
        editor={editor}
        currentStepId={state.currentStepId}
        focusFrameId={state.focusFrameId}
      />

      {session.error ? (
        <div className="notice notice-error" role="alert" data-testid="facilitator.error">
          <span>{t(session.error)}</span>
          <button type="button" className="button button-quiet" onClick={session.dismissError}>
            <Icon name="close" />
            {t('facilitator.dismiss')}
          </button>
        </div>
      ) : null}

      <AgendaDialog
        open={agendaOpen}
        onClose={() => setAgendaOpen(false)}
        agenda={state.agenda}
        currentStepId={state.currentStepId}
        send={send}
      />
      <ExportDialog
        open={exportOpen}
        onClose={() => setExportOpen(false)}
        boardId={boardId}
        token={token}
        editor={editor}
        session={session}
      />
      <InsertTemplateDialog
        open={insertOpen}
        onClose={() => setInsertOpen(false)}
        boardId={boardId}
        token={token}
        editor={editor}
      />
      <MembersDialog
        open={peopleOpen}
        onClose={() => setPeopleOpen(false)}
        boardId={boardId}
        token={token}
        selfMemberId={memberId}
        onFacilitatorRemoved={onFacilitatorRemoved}
        coFacilitatorUrl={coFacilitatorUrl}
        onCoFacilitatorLinkRotated={onCoFacilitatorLinkRotated}
      />
    </div>
  );
}
