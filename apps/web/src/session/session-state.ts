import { initialSessionState, sessionStateSchema, type AgendaStep, type SessionState } from '@talkoot/protocol';

/**
 * Parses the value under `session.state` of the session doc. Until the server has written it,
 * or if it is not understood (an older client meeting a newer server), the board is in its
 * initial state, so the UI always has something to show.
 */
export function parseSessionState(value: unknown, now: number): { state: SessionState; valid: boolean } {
  let candidate = value;
  if (typeof value === 'string') {
    try {
      candidate = JSON.parse(value);
    } catch {
      candidate = undefined;
    }
  }
  const parsed = sessionStateSchema.safeParse(candidate);
  return parsed.success ? { state: parsed.data, valid: true } : { state: initialSessionState(now), valid: false };
}

/** The current agenda step, or null when none is selected (or it was deleted). */
export function currentStep(state: Pick<SessionState, 'agenda' | 'currentStepId'>): AgendaStep | null {
  return state.agenda.find((step) => step.id === state.currentStepId) ?? null;
}

/**
 * The step `delta` places from the current one: with no current step, "next" is the first
 * step and "previous" nothing. Null past either end.
 */
export function adjacentStepId(state: Pick<SessionState, 'agenda' | 'currentStepId'>, delta: 1 | -1): string | null {
  const index = state.agenda.findIndex((step) => step.id === state.currentStepId);
  if (index === -1) return delta === 1 ? (state.agenda[0]?.id ?? null) : null;
  return state.agenda[index + delta]?.id ?? null;
}
