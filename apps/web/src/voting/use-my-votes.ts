import type { VotingState } from '@talkoot/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { apiClient, type ApiClient } from '../api-client.ts';
import { VoteQueue, type VoteSnapshot } from './vote-queue.ts';

/** Options of {@link useMyVotes}. */
export interface MyVotesOptions {
  boardId: string;
  token: string;
  /** False for observers (the server refuses them) and the projector (never shows anyone's dots). */
  enabled: boolean;
  voting: VotingState;
  /**
   * `serverTime` of the session state: a vote opened again while open (a new round with the
   * same budget) looks the same otherwise, and the server has cleared everyone's dots.
   */
  serverTime: number;
  /** Replaceable for tests. */
  api?: ApiClient;
}

/** What {@link useMyVotes} gives the voting UI. */
export interface MyVotesHandle extends VoteSnapshot {
  /** One dot more (+1) or back (−1) on a note; taps queue up and reach the server in order. */
  change(shapeId: string, delta: 1 | -1): void;
  dismissError(): void;
}

const EMPTY: VoteSnapshot = { votes: null, pending: false, error: null, refusals: 0 };

/**
 * My own dots in the board's vote (see {@link VoteQueue}), re-read whenever the vote opens,
 * closes or is opened anew.
 */
export function useMyVotes({
  boardId,
  token,
  enabled,
  voting,
  serverTime,
  api = apiClient,
}: MyVotesOptions): MyVotesHandle {
  const [snapshot, setSnapshot] = useState<VoteSnapshot>(EMPTY);
  const [queue, setQueue] = useState<VoteQueue | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const created = new VoteQueue(
      {
        read: () => api.getMyVotes(boardId, token),
        cast: (shapeId) => api.castVote(boardId, token, shapeId),
        retract: (shapeId) => api.retractVote(boardId, token, shapeId),
      },
      setSnapshot,
    );
    setQueue(created);
    return () => {
      created.dispose();
      setQueue(null);
      setSnapshot(EMPTY);
    };
  }, [api, boardId, token, enabled]);

  const round = voting.status === 'open' ? `open:${voting.budget}:${serverTime}` : voting.status;
  useEffect(() => {
    void queue?.refresh();
  }, [queue, round]);

  const change = useCallback((shapeId: string, delta: 1 | -1) => void queue?.change(shapeId, delta), [queue]);
  const dismissError = useCallback(() => queue?.dismissError(), [queue]);
  return useMemo(() => ({ ...snapshot, change, dismissError }), [snapshot, change, dismissError]);
}
