import type { MyVotes } from '@talkoot/protocol';
import { ApiError } from '../api-client.ts';
import { parseTypedNumber } from '../session/session-commands.ts';

/** Dots per person a new vote offers. */
export const DEFAULT_BUDGET = 5;
/** The fewest and most dots per person the facilitator can choose here (the server allows up to 50). */
export const MIN_BUDGET = 1;
export const MAX_BUDGET = 20;

/**
 * The number of dots typed into the budget field (Arabic and Persian digits too), or null
 * when it is not a whole number from {@link MIN_BUDGET} to {@link MAX_BUDGET}.
 */
export function parseBudget(input: string): number | null {
  const budget = parseTypedNumber(input);
  return Number.isInteger(budget) && budget >= MIN_BUDGET && budget <= MAX_BUDGET ? budget : null;
}

/** Dots still to give: never below 0, even if the budget shrank after the person voted. */
export function dotsLeft(votes: Pick<MyVotes, 'budget' | 'used'>): number {
  return Math.max(0, votes.budget - votes.used);
}

/** My dots on one note. */
export function myDotsOn(votes: Pick<MyVotes, 'mine'> | null, shapeId: string | null): number {
  return shapeId === null || !votes ? 0 : (votes.mine[shapeId] ?? 0);
}

/** The translation key of the message for a vote the server refused. */
export type VoteErrorKey =
  | 'voting.error.no-dots-left'
  | 'voting.error.closed'
  | 'voting.error.note-gone'
  | 'voting.error.outside-frame'
  | 'voting.error.not-votable'
  | 'voting.error.not-allowed'
  | 'errors.network'
  | 'voting.error.generic';

/** The friendly message for a failed vote request, from the server's reason. */
export function voteErrorKey(error: unknown): VoteErrorKey {
  if (!(error instanceof ApiError)) return 'voting.error.generic';
  if (error.reason === 'budget-exhausted') return 'voting.error.no-dots-left';
  if (error.reason === 'voting-closed') return 'voting.error.closed';
  if (error.reason === 'unknown-shape') return 'voting.error.note-gone';
  if (error.reason === 'outside-vote-frame') return 'voting.error.outside-frame';
  if (error.reason === 'not-votable') return 'voting.error.not-votable';
  if (error.reason === 'network') return 'errors.network';
  if (error.status === 401 || error.status === 403) return 'voting.error.not-allowed';
  return 'voting.error.generic';
}

/**
 * The shape a vote would go to: the one selected shape, if it is a sticky note. Votes go to
 * notes only (frames, labels and arrows are the board's scaffolding).
 */
export function votableNoteId(selected: { id: string; type: string } | null | undefined): string | null {
  return selected?.type === 'note' ? selected.id : null;
}
