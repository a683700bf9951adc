import type { SessionCommand, SessionState, TimerState } from '@talkoot/protocol';

/** Time left on a timer at `now`, in ms. */
export function remainingMs(timer: TimerState, now: number): number {
  switch (timer.status) {
    case 'idle':
      return timer.durationMs;
    case 'paused':
      return timer.remainingMs;
    case 'running':
      return Math.max(0, timer.endsAt - now);
  }
}

/**
 * The session state after a facilitator's command. Pure: the server calls it with the
 * stored state and its own clock, then writes the result into the session document.
 * Private-mode reveal only switches the mode off here; moving notes is the caller's job.
 */
export function applySessionCommand(state: SessionState, command: SessionCommand, now: number): SessionState {
  const next: SessionState = { ...state, serverTime: now };
  const timer = state.timer;
  switch (command.type) {
    case 'timer.set':
      next.timer = { status: 'idle', durationMs: command.durationMs };
      break;
    case 'timer.start':
      if (timer.status !== 'running') {
        const left = timer.status === 'paused' ? timer.remainingMs : timer.durationMs;
        next.timer = { status: 'running', durationMs: timer.durationMs, endsAt: now + left };
      }
      break;
    case 'timer.pause':
      if (timer.status === 'running') {
        next.timer = { status: 'paused', durationMs: timer.durationMs, remainingMs: remainingMs(timer, now) };
      }
      break;
    case 'timer.reset':
      next.timer = { status: 'idle', durationMs: timer.durationMs };
      break;
    case 'timer.add': {
      const left = Math.max(0, remainingMs(timer, now) + command.ms);
      const durationMs = Math.max(1000, timer.durationMs + command.ms);
      next.timer =
        timer.status === 'running'
          ? { status: 'running', durationMs, endsAt: now + left }
          : timer.status === 'paused'
            ? { status: 'paused', durationMs, remainingMs: left }
            : { status: 'idle', durationMs };
      break;
    }
    case 'agenda.set': {
      next.agenda = command.agenda;
      if (state.currentStepId && !command.agenda.some((step) => step.id === state.currentStepId)) {
        next.currentStepId = null;
      }
      break;
    }
    case 'timer.keep':
      next.timerKeep = command.keep;
      break;
    case 'agenda.go':
      if (command.stepId !== null && !state.agenda.some((step) => step.id === command.stepId)) {
        throw new SessionCommandError('No agenda step has this id.');
      }
      // A round's countdown does not run on into the next one unless the facilitator keeps it.
      if (command.stepId !== state.currentStepId && !state.timerKeep && timer.status !== 'idle') {
        next.timer = { status: 'idle', durationMs: timer.durationMs };
      }
      next.currentStepId = command.stepId;
      break;
    case 'lock.set':
      next.locked = command.locked;
      break;
    case 'frame-lock.set': {
      const others = state.lockedFrameIds.filter((id) => id !== command.frameId);
      next.lockedFrameIds = command.locked ? [...others, command.frameId] : others;
      break;
    }
    case 'follow.set':
      next.followMemberId = command.memberId;
      break;
    case 'focus.set':
      next.focusFrameId = command.frameId;
      break;
    case 'private.start':
      next.privateMode = true;
      break;
    case 'private.reveal':
      next.privateMode = false;
      break;
    case 'voting.open':
      next.voting = { status: 'open', budget: command.budget, results: null, frameId: command.frameId ?? null };
      break;
    case 'voting.close':
      if (state.voting.status === 'open') next.voting = { ...state.voting, status: 'closed' };
      break;
    case 'voting.reveal':
      // The totals are filled in by the caller, who holds the (secret) ballots.
      next.voting = { ...state.voting, status: 'revealed' };
      break;
    case 'export.redact': {
      const changed = new Set(command.shapeIds);
      const kept = state.redactedShapeIds.filter((id) => !changed.has(id));
      next.redactedShapeIds = command.redacted ? [...kept, ...changed] : kept;
      if (next.redactedShapeIds.length > 10_000) throw new SessionCommandError('At most 10,000 notes can be hidden.');
      break;
    }
    case 'document.set': {
      // Only the fields given change; an absent one is not a reset.
      const given = Object.fromEntries(Object.entries(command.document).filter(([, value]) => value !== undefined));
      next.document = { ...state.document, ...given };
      break;
    }
  }
  return next;
}

/** A command that does not fit the current state (e.g. an unknown agenda step). */
export class SessionCommandError extends Error {
  override readonly name = 'SessionCommandError';
}
