import type { MyVotes } from '@talkoot/protocol';
import { voteErrorKey, type VoteErrorKey } from './voting-model.ts';

/** The vote requests a {@link VoteQueue} makes, for one person on one board. */
export interface VoteRequests {
  read(): Promise<MyVotes>;
  cast(shapeId: string): Promise<MyVotes>;
  retract(shapeId: string): Promise<MyVotes>;
}

/** What the voting UI shows of a {@link VoteQueue}. */
export interface VoteSnapshot {
  /** My dots as the server last answered; null until it has. */
  votes: MyVotes | null;
  /** Whether a change is on its way. */
  pending: boolean;
  /** Why the last change was refused, until the next one succeeds or it is dismissed. */
  error: VoteErrorKey | null;
  /** Refusals so far: a new one, even for the same reason, is told again. */
  refusals: number;
}

/**
 * Keeps one person's ballot in step with the server, where it lives (so it stays secret).
 * Changes go one at a time, so quick taps count in the order they were made and each answer —
 * always the whole ballot — is the newest; a read that was overtaken by a change never undoes it.
 */
export class VoteQueue {
  private readonly requests: VoteRequests;
  private readonly onChange: (snapshot: VoteSnapshot) => void;
  private snapshot: VoteSnapshot = { votes: null, pending: false, error: null, refusals: 0 };
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  /** Bumped by every change; a read only counts if none happened since it was sent. */
  private changes = 0;
  private disposed = false;

  constructor(requests: VoteRequests, onChange: (snapshot: VoteSnapshot) => void) {
    this.requests = requests;
    this.onChange = onChange;
  }

  get current(): VoteSnapshot {
    return this.snapshot;
  }

  /** Reads the ballot again (a new round, a reconnect). Best effort: failures show nothing. */
  async refresh(): Promise<void> {
    // A change under way answers with the whole ballot anyway, and a read beside it could be stale.
    if (this.waiting > 0) return;
    const changesBefore = this.changes;
    try {
      const votes = await this.requests.read();
      if (this.changes === changesBefore) this.update({ votes });
    } catch {
      // A vote's answer brings the ballot too; a failed read is not worth a message.
    }
  }

  /** One dot more (+1) or back (−1) on a note; resolves once the server has answered. */
  change(shapeId: string, delta: 1 | -1): Promise<void> {
    this.waiting += 1;
    this.changes += 1;
    this.update({ pending: true });
    const run = async () => {
      try {
        const votes = delta === 1 ? await this.requests.cast(shapeId) : await this.requests.retract(shapeId);
        this.update({ votes, error: null });
      } catch (caught) {
        this.update({ error: voteErrorKey(caught), refusals: this.snapshot.refusals + 1 });
      } finally {
        this.waiting -= 1;
        this.update({ pending: this.waiting > 0 });
      }
    };
    this.tail = this.tail.then(run);
    return this.tail;
  }

  dismissError(): void {
    this.update({ error: null });
  }

  /** Stops telling the UI about answers that arrive later. */
  dispose(): void {
    this.disposed = true;
  }

  private update(patch: Partial<VoteSnapshot>): void {
    if (this.disposed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    this.onChange(this.snapshot);
  }
}
