import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client.ts';
import { dotsLeft, myDotsOn, parseBudget, votableNoteId, voteErrorKey } from './voting-model.ts';

describe('parseBudget', () => {
  it('reads whole numbers from 1 to 20, typed with any digits', () => {
    expect(parseBudget('5')).toBe(5);
    expect(parseBudget(' 20 ')).toBe(20);
    expect(parseBudget('٣')).toBe(3);
    expect(parseBudget('۱۲')).toBe(12);
  });

  it('refuses what is not a whole number of dots in range', () => {
    for (const input of ['', '0', '21', '2.5', 'five', '-3']) expect(parseBudget(input)).toBeNull();
  });
});

describe('dotsLeft', () => {
  it('is the budget minus the dots used', () => {
    expect(dotsLeft({ budget: 5, used: 2 })).toBe(3);
  });

  it('never goes below zero', () => {
    expect(dotsLeft({ budget: 3, used: 5 })).toBe(0);
  });
});

describe('myDotsOn', () => {
  it('counts my dots on a note, zero for other notes or nothing selected', () => {
    const votes = { mine: { 'shape:a': 2 } };
    expect(myDotsOn(votes, 'shape:a')).toBe(2);
    expect(myDotsOn(votes, 'shape:b')).toBe(0);
    expect(myDotsOn(votes, null)).toBe(0);
    expect(myDotsOn(null, 'shape:a')).toBe(0);
  });
});

describe('voteErrorKey', () => {
  it('explains a spent budget, a closed vote and a deleted note in plain words', () => {
    expect(voteErrorKey(new ApiError(409, 'budget-exhausted', ''))).toBe('voting.error.no-dots-left');
    expect(voteErrorKey(new ApiError(409, 'voting-closed', ''))).toBe('voting.error.closed');
    expect(voteErrorKey(new ApiError(404, 'unknown-shape', ''))).toBe('voting.error.note-gone');
  });

  it('says why a note outside the vote’s frame or the example note got no dot', () => {
    expect(voteErrorKey(new ApiError(409, 'outside-vote-frame', ''))).toBe('voting.error.outside-frame');
    expect(voteErrorKey(new ApiError(409, 'not-votable', ''))).toBe('voting.error.not-votable');
  });

  it('tells observers and removed people they cannot vote, and offline people to reconnect', () => {
    expect(voteErrorKey(new ApiError(403, 'forbidden', ''))).toBe('voting.error.not-allowed');
    expect(voteErrorKey(new ApiError(401, 'unauthorized', ''))).toBe('voting.error.not-allowed');
    expect(voteErrorKey(new ApiError(0, 'network', ''))).toBe('errors.network');
  });

  it('falls back to a general message for anything else', () => {
    expect(voteErrorKey(new ApiError(500, 'http-500', ''))).toBe('voting.error.generic');
    expect(voteErrorKey(new Error('boom'))).toBe('voting.error.generic');
  });
});

describe('votableNoteId', () => {
  it('takes a selected sticky note, nothing else', () => {
    expect(votableNoteId({ id: 'shape:a', type: 'note' })).toBe('shape:a');
    expect(votableNoteId({ id: 'shape:f', type: 'frame' })).toBeNull();
    expect(votableNoteId(null)).toBeNull();
  });
});
