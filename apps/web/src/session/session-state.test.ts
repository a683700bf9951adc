import { initialSessionState, type SessionState } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import { adjacentStepId, currentStep, parseSessionState } from './session-state.ts';

const state = (patch: Partial<SessionState> = {}): SessionState => ({ ...initialSessionState(1_000), ...patch });
const agenda = [
  { id: 'a', title: 'Welcome', instructions: '' },
  { id: 'b', title: 'Silent writing', instructions: 'One idea per note', durationMinutes: 5 },
  { id: 'c', title: 'Share', instructions: '' },
];

describe('parseSessionState', () => {
  it('reads a state object the server wrote', () => {
    const written = state({ locked: true, agenda, currentStepId: 'b' });
    expect(parseSessionState(written, 0)).toEqual({ state: written, valid: true });
  });

  it('also reads a state stored as a JSON string', () => {
    const written = state({ followMemberId: 'm1' });
    expect(parseSessionState(JSON.stringify(written), 0).state.followMemberId).toBe('m1');
  });

  it('falls back to the initial state when nothing or garbage is stored', () => {
    expect(parseSessionState(undefined, 42)).toEqual({ state: initialSessionState(42), valid: false });
    expect(parseSessionState('{not json', 42).valid).toBe(false);
    expect(parseSessionState({ timer: { status: 'exploded' } }, 42).state).toEqual(initialSessionState(42));
  });
});

describe('currentStep', () => {
  it('finds the current step, or null when none is current or it was deleted', () => {
    expect(currentStep({ agenda, currentStepId: 'b' })?.title).toBe('Silent writing');
    expect(currentStep({ agenda, currentStepId: null })).toBeNull();
    expect(currentStep({ agenda, currentStepId: 'gone' })).toBeNull();
  });
});

describe('adjacentStepId', () => {
  it('moves forwards and backwards through the agenda', () => {
    expect(adjacentStepId({ agenda, currentStepId: 'b' }, 1)).toBe('c');
    expect(adjacentStepId({ agenda, currentStepId: 'b' }, -1)).toBe('a');
  });

  it('starts at the first step when none is current', () => {
    expect(adjacentStepId({ agenda, currentStepId: null }, 1)).toBe('a');
    expect(adjacentStepId({ agenda, currentStepId: null }, -1)).toBeNull();
  });

  it('stops at the ends', () => {
    expect(adjacentStepId({ agenda, currentStepId: 'c' }, 1)).toBeNull();
    expect(adjacentStepId({ agenda, currentStepId: 'a' }, -1)).toBeNull();
    expect(adjacentStepId({ agenda: [], currentStepId: null }, 1)).toBeNull();
  });
});
