import type { BoardService } from '@talkoot/boards';
import {
  castVoteRequestSchema,
  type MyVotes,
  TL_RECORDS_MAP,
  type VoteProgress,
  type VotingState,
} from '@talkoot/protocol';
import type { RoomManager } from '@talkoot/sync';
import { voteRefusal } from '@talkoot/templates';
import { Hono } from 'hono';
import { ApiError } from '../api-error.ts';
import { type Ballot, BallotBox } from '../ballot-box.ts';
import { bearerToken } from '../bearer-token.ts';
import type { MemberConnections } from '../member-connections.ts';
import { parseBody } from '../http-helpers.ts';
import type { SessionService } from '../session-service.ts';

/** What the vote routes need. */
export interface VoteDeps {
  boards: BoardService;
  rooms: RoomManager;
  sessions: SessionService;
  ballots: BallotBox;
  /** Who is online, for "3 of 4 have voted". */
  members: MemberConnections;
}

/**
 * Dot voting: `GET /api/boards/:boardId/votes` (my votes), `POST …/votes { shapeId }` (one
 * more dot), `DELETE …/votes/:shapeId` (one dot back), `GET …/votes/progress` (facilitators:
 * how many have voted). Participants and facilitators vote; observers cannot. The budget, and
 * what can be voted on (notes only, never a template's example, only inside the vote's frame
 * when it has one), are enforced here, whatever a client sends.
 */
export function voteRoutes(deps: VoteDeps): Hono {
  const app = new Hono();
  /** The board, and the voter's token: ballots are filed by token, never by member (see BallotBox). */
  const voter = async (boardId: string, token: string | undefined) => {
    const access = await deps.boards.authenticate(boardId, token);
    if (access.member.role === 'observer') throw new ApiError(403, 'forbidden', 'Observers do not vote.');
    return { board: access.board, token: token! };
  };
  const answer = (voting: VotingState, ballot: Ballot): MyVotes => ({
    status: voting.status,
    budget: voting.budget,
    used: BallotBox.used(ballot),
    mine: ballot,
  });

  app.get('/api/boards/:boardId/votes', async (c) => {
    const { board, token } = await voter(c.req.param('boardId'), bearerToken(c));
    const { voting } = await deps.sessions.state(board.id);
    return c.json(answer(voting, await deps.ballots.mine(board.id, token)));
  });

  app.post('/api/boards/:boardId/votes', async (c) => {
    const { board, token } = await voter(c.req.param('boardId'), bearerToken(c));
    const { shapeId } = await parseBody(c, castVoteRequestSchema);
    const { voting } = await deps.sessions.state(board.id);
    if (voting.status !== 'open') throw new ApiError(409, 'voting-closed', 'Voting is not open.');
    // Only a note can be voted on (not the page, a frame or anyone's user record), never a
    // template's example, and in a vote limited to a frame only a note inside it.
    const refusal = await deps.rooms.readDoc(board.id, (doc) => {
      const records = doc.getMap<unknown>(TL_RECORDS_MAP);
      return voteRefusal((id) => records.get(id), shapeId, voting.frameId ?? null);
    });
    if (refusal === 'not-a-note') throw new ApiError(404, 'unknown-shape', 'There is no such note on this board.');
    if (refusal === 'example') throw new ApiError(409, 'not-votable', 'The example note cannot get votes.');
    if (refusal === 'outside-frame') {
      throw new ApiError(409, 'outside-vote-frame', 'This vote is only for the notes in its frame.');
    }
    const ballot = await deps.ballots.cast(board.id, token, shapeId, voting.budget);
    if (!ballot) throw new ApiError(409, 'budget-exhausted', `You have used all ${voting.budget} of your votes.`);
    return c.json(answer(voting, ballot));
  });

  app.get('/api/boards/:boardId/votes/progress', async (c) => {
    const { board } = await deps.boards.authenticateFacilitator(c.req.param('boardId'), bearerToken(c));
    const members = await deps.boards.listMembers(board.id);
    const online = members.filter((m) => m.role !== 'observer' && deps.members.isOnline(m.id)).length;
    const voted = await deps.ballots.voterCount(board.id);
    return c.json<VoteProgress>({ voted, voters: Math.max(online, voted) });
  });

  app.delete('/api/boards/:boardId/votes/:shapeId', async (c) => {
    const { board, token } = await voter(c.req.param('boardId'), bearerToken(c));
    const { voting } = await deps.sessions.state(board.id);
    if (voting.status !== 'open') throw new ApiError(409, 'voting-closed', 'Voting is not open.');
    return c.json(answer(voting, await deps.ballots.retract(board.id, token, c.req.param('shapeId'))));
  });

  return app;
}
