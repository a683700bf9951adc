import type { SessionState, VotingState } from '@talkoot/protocol';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useMyVotes, type MyVotesHandle } from './use-my-votes.ts';

/** Dot voting as the board's UI sees it: the shared state, my own dots and the ranking panel. */
export interface Voting {
  /** The board voted on (copies of a note are one idea within it) and the person's token. */
  boardId: string;
  token: string;
  /** From the session state: status, budget and (once revealed) the totals per note. */
  state: VotingState;
  /** My own dots; null for people who do not vote (observers, the projector). */
  mine: MyVotesHandle | null;
  /** Whether the ranking panel beside the canvas is open. */
  rankingOpen: boolean;
  setRankingOpen(open: boolean): void;
}

const CLOSED: Voting = {
  boardId: '',
  token: '',
  state: { status: 'closed', budget: 5, results: null },
  mine: null,
  rankingOpen: false,
  setRankingOpen: () => undefined,
};

const VotingContext = createContext<Voting>(CLOSED);

/** The board's dot voting, for any component under a {@link VotingProvider} (closed elsewhere). */
export function useVoting(): Voting {
  return useContext(VotingContext);
}

/** Props of {@link VotingProvider}. */
export interface VotingProviderProps {
  boardId: string;
  token: string;
  session: SessionState;
  /** Whether this person votes: not observers (the server refuses them) and not the projector. */
  canVote: boolean;
  children: ReactNode;
}

/**
 * Gives the board's components (the voting strip, the ranking, the outline and the badges on
 * the canvas, which tldraw renders inside its own tree) one shared view of the vote. The
 * ranking opens by itself whenever results are revealed.
 */
export function VotingProvider({ boardId, token, session, canVote, children }: VotingProviderProps) {
  const mine = useMyVotes({ boardId, token, enabled: canVote, voting: session.voting, serverTime: session.serverTime });
  const [rankingOpen, setRankingOpen] = useState(false);
  const revealed = session.voting.status === 'revealed';
  useEffect(() => {
    setRankingOpen(revealed);
  }, [revealed]);

  const value = useMemo<Voting>(
    () => ({ boardId, token, state: session.voting, mine: canVote ? mine : null, rankingOpen, setRankingOpen }),
    [boardId, token, session.voting, canVote, mine, rankingOpen],
  );
  return <VotingContext.Provider value={value}>{children}</VotingContext.Provider>;
}
