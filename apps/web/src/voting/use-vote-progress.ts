import type { VoteProgress, VotingState } from '@talkoot/protocol';
import { useEffect, useState } from 'react';
import { apiClient } from '../api-client.ts';

/** How often the facilitator's "3 of 4 have voted" is asked again while the vote is open. */
export const VOTE_PROGRESS_POLL_MS = 3000;

/**
 * How many people have voted so far (facilitators only: the server says how many, never who),
 * asked again every few seconds while the vote is open and once when it closes; null before
 * the first answer and when there is no vote. A failed poll keeps the last answer.
 */
export function useVoteProgress(boardId: string, token: string, voting: VotingState): VoteProgress | null {
  const [progress, setProgress] = useState<VoteProgress | null>(null);
  const status = voting.status;
  useEffect(() => {
    if (status === 'revealed' || !boardId) {
      setProgress(null);
      return;
    }
    let stopped = false;
    const ask = () =>
      apiClient.getVoteProgress(boardId, token).then(
        (answer) => {
          if (!stopped) setProgress(answer);
        },
        () => undefined,
      );
    void ask();
    const timer = status === 'open' ? setInterval(() => void ask(), VOTE_PROGRESS_POLL_MS) : undefined;
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
    };
  }, [boardId, token, status]);
  return status === 'revealed' ? null : progress;
}
