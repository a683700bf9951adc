import {
  EMPTY_DOCUMENT_INFO,
  initialSessionState,
  sessionCommandSchema,
  type SessionState,
  sessionStateSchema,
} from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import { applySessionCommand, remainingMs, SessionCommandError } from './session-commands.ts';

const t0 = 1_000_000;
const start = (): SessionState => initialSessionState(t0);

describe('applySessionCommand', () => {
  it('runs, pauses and resumes the timer from where it stopped', () => {
    let s = applySessionCommand(start(), { type: 'timer.set', durationMs: 60_000 }, t0);
    s = applySessionCommand(s, { type: 'timer.start' }, t0);
    expect(s.timer).toEqual({ status: 'running', durationMs: 60_000, endsAt: t0 + 60_000 });
    s = applySessionCommand(s, { type: 'timer.pause' }, t0 + 20_000);
    expect(s.timer).toEqual({ status: 'paused', durationMs: 60_000, remainingMs: 40_000 });
    s = applySessionCommand(s, { type: 'timer.start' }, t0 + 100_000);
    expect(remainingMs(s.timer, t0 + 110_000)).toBe(30_000);
  });

  it('adds time to a running timer and never goes below zero', () => {
    let s = applySessionCommand(start(), { type: 'timer.start' }, t0);
    s = applySessionCommand(s, { type: 'timer.add', ms: 60_000 }, t0);
    expect(remainingMs(s.timer, t0)).toBe(6 * 60_000);
    s = applySessionCommand(s, { type: 'timer.add', ms: -3_600_000 }, t0);
    expect(remainingMs(s.timer, t0)).toBe(0);
  });

  it('opens a vote for one frame or the whole board, and closing keeps its frame', () => {
    let s = applySessionCommand(start(), { type: 'voting.open', budget: 3, frameId: 'shape:needs' }, t0);
    expect(s.voting).toEqual({ status: 'open', budget: 3, results: null, frameId: 'shape:needs' });
    s = applySessionCommand(s, { type: 'voting.close' }, t0);
    expect(s.voting).toMatchObject({ status: 'closed', frameId: 'shape:needs' });
    s = applySessionCommand(s, { type: 'voting.open', budget: 2 }, t0);
    expect(s.voting).toEqual({ status: 'open', budget: 2, results: null, frameId: null });
  });

  it('moves through the agenda and refuses unknown steps', () => {
    let s = applySessionCommand(
      start(),
      {
        type: 'agenda.set',
        agenda: [
          { id: 'welcome', title: 'Welcome', instructions: '' },
          { id: 'write', title: 'Silent writing', instructions: 'Write one idea per note.', durationMinutes: 5 },
        ],
      },
      t0,
    );
    s = applySessionCommand(s, { type: 'agenda.go', stepId: 'write' }, t0);
    expect(s.currentStepId).toBe('write');
    expect(() => applySessionCommand(s, { type: 'agenda.go', stepId: 'nope' }, t0)).toThrow(SessionCommandError);
    s = applySessionCommand(
      s,
      { type: 'agenda.set', agenda: [{ id: 'welcome', title: 'Welcome', instructions: '' }] },
      t0,
    );
    expect(s.currentStepId).toBeNull();
  });

  it('stops a round’s timer when the agenda moves on, unless the facilitator keeps it', () => {
    const agenda = [
      { id: 'round-1', title: 'Round 1', instructions: '' },
      { id: 'round-2', title: 'Round 2', instructions: '' },
      { id: 'round-3', title: 'Round 3', instructions: '' },
    ];
    let s = applySessionCommand(start(), { type: 'agenda.set', agenda }, t0);
    s = applySessionCommand(s, { type: 'agenda.go', stepId: 'round-1' }, t0);
    s = applySessionCommand(s, { type: 'timer.set', durationMs: 60_000 }, t0);
    s = applySessionCommand(s, { type: 'timer.start' }, t0);
    // Going to the step that is already current changes nothing.
    s = applySessionCommand(s, { type: 'agenda.go', stepId: 'round-1' }, t0 + 5_000);
    expect(s.timer.status).toBe('running');
    s = applySessionCommand(s, { type: 'agenda.go', stepId: 'round-2' }, t0 + 10_000);
    expect(s.timer).toEqual({ status: 'idle', durationMs: 60_000 });

    s = applySessionCommand(s, { type: 'timer.start' }, t0 + 20_000);
    s = applySessionCommand(s, { type: 'timer.keep', keep: true }, t0 + 20_000);
    expect(s.timerKeep).toBe(true);
    s = applySessionCommand(s, { type: 'agenda.go', stepId: 'round-3' }, t0 + 30_000);
    expect(s.timer).toEqual({ status: 'running', durationMs: 60_000, endsAt: t0 + 80_000 });
    s = applySessionCommand(s, { type: 'timer.pause' }, t0 + 40_000);
    s = applySessionCommand(s, { type: 'timer.keep', keep: false }, t0 + 40_000);
    s = applySessionCommand(s, { type: 'agenda.go', stepId: 'round-2' }, t0 + 50_000);
    expect(s.timer).toEqual({ status: 'idle', durationMs: 60_000 });
  });

  it('locks frames one by one', () => {
    let s = applySessionCommand(start(), { type: 'frame-lock.set', frameId: 'shape:a', locked: true }, t0);
    s = applySessionCommand(s, { type: 'frame-lock.set', frameId: 'shape:b', locked: true }, t0);
    s = applySessionCommand(s, { type: 'frame-lock.set', frameId: 'shape:a', locked: false }, t0);
    expect(s.lockedFrameIds).toEqual(['shape:b']);
  });

  it('hides notes from exports and shows them again, without duplicates', () => {
    let s = applySessionCommand(
      start(),
      { type: 'export.redact', shapeIds: ['shape:a', 'shape:b'], redacted: true },
      t0,
    );
    s = applySessionCommand(s, { type: 'export.redact', shapeIds: ['shape:b', 'shape:c'], redacted: true }, t0);
    expect(s.redactedShapeIds).toEqual(['shape:a', 'shape:b', 'shape:c']);
    s = applySessionCommand(s, { type: 'export.redact', shapeIds: ['shape:a'], redacted: false }, t0);
    expect(s.redactedShapeIds).toEqual(['shape:b', 'shape:c']);
  });

  it("sets the document's fields that are given and keeps the others", () => {
    let s = applySessionCommand(
      start(),
      { type: 'document.set', document: { organiser: 'City of Espoo', date: '2026-12-02', status: 'final' } },
      t0,
    );
    s = applySessionCommand(s, { type: 'document.set', document: { version: '1.0' } }, t0);
    expect(s.document).toMatchObject({
      organiser: 'City of Espoo',
      date: '2026-12-02',
      status: 'final',
      version: '1.0',
    });
    expect(s.document.title).toBe('');
  });

  it('refuses document fields that are not dates, too long or unknown, at the edge', () => {
    const parse = (document: object) => sessionCommandSchema.safeParse({ type: 'document.set', document }).success;
    expect(parse({ date: '2026-12-02' })).toBe(true);
    expect(parse({ date: '2.12.2026' })).toBe(false);
    expect(parse({ organiser: 'x'.repeat(201) })).toBe(false);
    expect(parse({ status: 'published' })).toBe(false);
    expect(parse({ author: 'Anna' })).toBe(false);
  });

  it('reads a stored session without document fields as an empty document', () => {
    const { document: _, ...old } = start();
    expect(sessionStateSchema.parse(old).document).toEqual(EMPTY_DOCUMENT_INFO);
  });
});
