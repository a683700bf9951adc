import { createHmac, randomBytes } from 'node:crypto';
import { CloseCode, docNames } from '@talkoot/protocol';
import type { RoomManager } from '@talkoot/sync';
import type * as Y from 'yjs';

/** Name of a board's ballot document: server-only, no sync route reaches it. */
export function ballotDocName(boardId: string): string {
  return docNames.ballots(boardId);
}

/**
 * The document earlier versions kept ballots in, keyed by member id. Nothing writes it any
 * more; its totals still count until the next `voting.open`, which deletes it.
 */
export function legacyBallotDocName(boardId: string): string {
  return docNames.legacyVotes(boardId);
}

const BALLOTS = 'ballots';
/** Map holding `round`: a random id of the current vote, new with every `voting.open`. */
const ROUND = 'round';

/** One person's dots: shape id → number of votes. */
export type Ballot = Record<string, number>;

const used = (ballot: Ballot) => Object.values(ballot).reduce((sum, n) => sum + n, 0);

/**
 * Where a member's ballot is filed: an HMAC of the board id and the vote's round keyed with
 * the member's bearer token. The server stores only a SHA-256 hash of each token, from which
 * this cannot be computed, so the stored ballots cannot be tied to anyone: only a request
 * carrying the token finds its ballot again (on any instance, after any restart). With the
 * round in it, one person's ballots of two votes cannot be told to be the same person's.
 */
export function ballotKey(boardId: string, round: string, token: string): string {
  return createHmac('sha256', token).update(`talkoot/ballot/${boardId}/${round}`).digest('base64url');
}

/** The key of the token's ballot in this ballot document's current round. */
function keyIn(doc: Y.Doc, boardId: string, token: string): string {
  return ballotKey(boardId, doc.getMap<string>(ROUND).get(ROUND) ?? '', token);
}

/**
 * Dot-voting ballots, kept on the server only (so nobody sees totals before the facilitator
 * reveals them), stored durably like any document but filed under {@link ballotKey}s, never
 * next to a member id or name. Each change runs in one synchronous transaction, so
 * concurrent requests can never spend more than the budget.
 */
export class BallotBox {
  private readonly rooms: RoomManager;

  constructor(rooms: RoomManager) {
    this.rooms = rooms;
  }

  /** The ballot of the member whose bearer token this is. */
  mine(boardId: string, token: string): Promise<Ballot> {
    return this.rooms.readDoc(ballotDocName(boardId), (doc) => ({
      ...(doc.getMap<Ballot>(BALLOTS).get(keyIn(doc, boardId, token)) ?? {}),
    }));
  }

  /** Adds one vote; returns the new ballot, or null when the budget is spent. */
  cast(boardId: string, token: string, shapeId: string, budget: number): Promise<Ballot | null> {
    return this.rooms.changeDoc(ballotDocName(boardId), (doc) => {
      const key = keyIn(doc, boardId, token);
      const ballots = doc.getMap<Ballot>(BALLOTS);
      const ballot = { ...(ballots.get(key) ?? {}) };
      if (used(ballot) >= budget) return null;
      ballot[shapeId] = (ballot[shapeId] ?? 0) + 1;
      ballots.set(key, ballot);
      return ballot;
    });
  }

  /** Takes back one vote from a shape (if any). */
  retract(boardId: string, token: string, shapeId: string): Promise<Ballot> {
    return this.rooms.changeDoc(ballotDocName(boardId), (doc) => {
      const key = keyIn(doc, boardId, token);
      const ballots = doc.getMap<Ballot>(BALLOTS);
      const ballot = { ...(ballots.get(key) ?? {}) };
      const count = ballot[shapeId] ?? 0;
      if (count === 0) return ballot;
      if (count === 1) delete ballot[shapeId];
      else ballot[shapeId] = count - 1;
      ballots.set(key, ballot);
      return ballot;
    });
  }

  /** Votes per shape over all ballots (those of the legacy document too, until it is deleted). */
  async totals(boardId: string): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    for (const name of [ballotDocName(boardId), legacyBallotDocName(boardId)]) {
      await this.rooms.readDoc(name, (doc) => {
        for (const ballot of doc.getMap<Ballot>(BALLOTS).values()) {
          for (const [shapeId, n] of Object.entries(ballot)) totals[shapeId] = (totals[shapeId] ?? 0) + n;
        }
      });
    }
    return totals;
  }

  /** How many people have at least one dot in the current vote (the ballots cannot say who). */
  voterCount(boardId: string): Promise<number> {
    return this.rooms.readDoc(ballotDocName(boardId), (doc) => {
      let count = 0;
      for (const ballot of doc.getMap<Ballot>(BALLOTS).values()) if (used(ballot) > 0) count++;
      return count;
    });
  }

  /** Empties the ballots for a new vote, and deletes what an earlier version stored by member id. */
  async clear(boardId: string): Promise<void> {
    await this.rooms.changeDoc(ballotDocName(boardId), (doc) => {
      doc.getMap(BALLOTS).clear();
      doc.getMap<string>(ROUND).set(ROUND, randomBytes(16).toString('base64url'));
    });
    if (await this.hasLegacyBallots(boardId)) {
      await this.rooms.deleteTree(legacyBallotDocName(boardId), CloseCode.BOARD_NOT_FOUND, 'ballots moved');
    }
  }

  /** How many votes a ballot holds. */
  static used(ballot: Ballot): number {
    return used(ballot);
  }

  private hasLegacyBallots(boardId: string): Promise<boolean> {
    return this.rooms.readDoc(legacyBallotDocName(boardId), (doc) => doc.getMap(BALLOTS).size > 0);
  }
}
