import type { RoomManager } from '@talkoot/sync';

/** Name of a board's ballot document: server-only, no sync route reaches it. */
export function ballotDocName(boardId: string): string {
  return `${boardId}/votes`;
}

const BALLOTS = 'ballots';

/** One person's dots: shape id → number of votes. */
export type Ballot = Record<string, number>;

const used = (ballot: Ballot) => Object.values(ballot).reduce((sum, n) => sum + n, 0);

/**
 * Dot-voting ballots, kept on the server only (so votes are anonymous and nobody sees totals
 * before the facilitator reveals them), stored durably like any document. Each change runs in
 * one synchronous transaction, so concurrent requests can never spend more than the budget.
 */
export class BallotBox {
  private readonly rooms: RoomManager;

  constructor(rooms: RoomManager) {
    this.rooms = rooms;
  }

  mine(boardId: string, memberId: string): Promise<Ballot> {
    return this.rooms.withDoc(ballotDocName(boardId), (doc) => ({
      ...(doc.getMap<Ballot>(BALLOTS).get(memberId) ?? {}),
    }));
  }

  /** Adds one vote; returns the new ballot, or null when the budget is spent. */
  cast(boardId: string, memberId: string, shapeId: string, budget: number): Promise<Ballot | null> {
    return this.rooms.withDoc(ballotDocName(boardId), (doc) => {
      const ballots = doc.getMap<Ballot>(BALLOTS);
      const ballot = { ...(ballots.get(memberId) ?? {}) };
      if (used(ballot) >= budget) return null;
      ballot[shapeId] = (ballot[shapeId] ?? 0) + 1;
      ballots.set(memberId, ballot);
      return ballot;
    });
  }

  /** Takes back one vote from a shape (if any). */
  retract(boardId: string, memberId: string, shapeId: string): Promise<Ballot> {
    return this.rooms.withDoc(ballotDocName(boardId), (doc) => {
      const ballots = doc.getMap<Ballot>(BALLOTS);
      const ballot = { ...(ballots.get(memberId) ?? {}) };
      const count = ballot[shapeId] ?? 0;
      if (count <= 1) delete ballot[shapeId];
      else ballot[shapeId] = count - 1;
      ballots.set(memberId, ballot);
      return ballot;
    });
  }

  /** Votes per shape over all ballots. */
  totals(boardId: string): Promise<Record<string, number>> {
    return this.rooms.withDoc(ballotDocName(boardId), (doc) => {
      const totals: Record<string, number> = {};
      for (const ballot of doc.getMap<Ballot>(BALLOTS).values()) {
        for (const [shapeId, n] of Object.entries(ballot)) totals[shapeId] = (totals[shapeId] ?? 0) + n;
      }
      return totals;
    });
  }

  clear(boardId: string): Promise<void> {
    return this.rooms.withDoc(ballotDocName(boardId), (doc) => doc.getMap(BALLOTS).clear());
  }

  /** How many votes a ballot holds. */
  static used(ballot: Ballot): number {
    return used(ballot);
  }
}
