import { sessionCommandSchema } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import {
  agendaSetCommand,
  moveItem,
  newStepId,
  parseTypedNumber,
  timerAddCommand,
  timerSetCommand,
  toDrafts,
} from './session-commands.ts';

describe('timerSetCommand', () => {
  it('turns minutes into a timer.set the server accepts', () => {
    const command = timerSetCommand('5');
    expect(command).toEqual({ type: 'timer.set', durationMs: 300_000 });
    expect(sessionCommandSchema.safeParse(command).success).toBe(true);
  });

  it('accepts decimal minutes with a comma or a dot', () => {
    expect(timerSetCommand('1,5')).toEqual({ type: 'timer.set', durationMs: 90_000 });
    expect(timerSetCommand(0.5)).toEqual({ type: 'timer.set', durationMs: 30_000 });
  });

  it('refuses empty, zero, negative, absurd and non-numeric input', () => {
    for (const input of ['', '0', '-3', 'abc', '361', 'Infinity']) expect(timerSetCommand(input), input).toBeNull();
  });
});

describe('parseTypedNumber', () => {
  it('reads Arabic and Persian digits and decimal separators', () => {
    expect(parseTypedNumber('١٥')).toBe(15);
    expect(parseTypedNumber('۲٫۵')).toBe(2.5);
    expect(parseTypedNumber(' 1,5 ')).toBe(1.5);
  });

  it('gives NaN for empty and non-numeric input', () => {
    expect(parseTypedNumber(' ')).toBeNaN();
    expect(parseTypedNumber('abc')).toBeNaN();
  });
});

describe('timerAddCommand', () => {
  it('adds whole minutes in milliseconds', () => {
    expect(timerAddCommand(1)).toEqual({ type: 'timer.add', ms: 60_000 });
    expect(sessionCommandSchema.safeParse(timerAddCommand(-1)).success).toBe(true);
  });
});

describe('agendaSetCommand', () => {
  it('keeps titled steps in order with their minutes, and drops empty rows', () => {
    const command = agendaSetCommand([
      { id: 'a', title: ' Welcome ', instructions: 'Say hello', minutes: '' },
      { id: 'b', title: '', instructions: 'ignored', minutes: '3' },
      { id: 'c', title: 'Write', instructions: '', minutes: '5' },
      { id: 'd', title: 'Odd', instructions: '', minutes: '2.5' },
    ]);
    expect(command).toEqual({
      type: 'agenda.set',
      agenda: [
        { id: 'a', title: 'Welcome', instructions: 'Say hello' },
        { id: 'c', title: 'Write', instructions: '', durationMinutes: 5 },
        { id: 'd', title: 'Odd', instructions: '' },
      ],
    });
    expect(sessionCommandSchema.safeParse(command).success).toBe(true);
  });

  it('round-trips through drafts', () => {
    const agenda = [{ id: 'x', title: 'Vote', instructions: 'Three dots each', durationMinutes: 4 }];
    expect(agendaSetCommand(toDrafts(agenda))).toEqual({ type: 'agenda.set', agenda });
  });
});

describe('moveItem', () => {
  it('swaps an item with its neighbour and leaves the ends alone', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('newStepId', () => {
  it('makes ids the agenda schema accepts', () => {
    const id = newStepId();
    expect(id).toMatch(/^[a-z0-9]{12}$/);
    expect(newStepId()).not.toBe(id);
  });
});
