import type { MyVotes } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client.ts';
import { VoteQueue, type VoteRequests, type VoteSnapshot } from './vote-queue.ts';

/** A fake server holding one ballot; each request answers only when the test releases it. */
class FakeServer implements VoteRequests {
  budget = 3;
  mine: Record<string, number> = {};
  readonly log: string[] = [];
  private readonly held: Array<() => void> = [];

  private answer(): MyVotes {
    const used = Object.values(this.mine).reduce((a, b) => a + b, 0);
    return { status: 'open', budget: this.budget, used, mine: { ...this.mine } };
  }

  /** Holds a request until {@link release}; the server acts when it is released, like a slow network. */
  private hold<T>(act: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.held.push(() => {
        try {
          resolve(act());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
  }

  read() {
    this.log.push('read');
    return this.hold(() => this.answer());
  }

  cast(shapeId: string) {
    this.log.push(`cast ${shapeId}`);
    return this.hold(() => {
      if (this.answer().used >= this.budget) throw new ApiError(409, 'budget-exhausted', 'spent');
      this.mine[shapeId] = (this.mine[shapeId] ?? 0) + 1;
      return this.answer();
    });
  }

  retract(shapeId: string) {
    this.log.push(`retract ${shapeId}`);
    return this.hold(() => {
      const n = this.mine[shapeId] ?? 0;
      if (n <= 1) delete this.mine[shapeId];
      else this.mine[shapeId] = n - 1;
      return this.answer();
    });
  }

  /** Lets the oldest held request through, then lets promises settle. */
  async release(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.held.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  get heldCount(): number {
    return this.held.length;
  }
}

function setup() {
  const server = new FakeServer();
  const seen: VoteSnapshot[] = [];
  const queue = new VoteQueue(server, (snapshot) => seen.push(snapshot));
  return { server, seen, queue };
}

describe('VoteQueue', () => {
  it('sends quick taps one after another, so each counts and the last answer is the ballot', async () => {
    const { server, queue } = setup();
    void queue.change('shape:a', 1);
    void queue.change('shape:a', 1);
    void queue.change('shape:b', 1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.heldCount).toBe(1); // the second waits for the first
    expect(queue.current.pending).toBe(true);
    await server.release();
    await server.release();
    await server.release();
    expect(server.log).toEqual(['cast shape:a', 'cast shape:a', 'cast shape:b']);
    expect(queue.current).toEqual({
      votes: { status: 'open', budget: 3, used: 3, mine: { 'shape:a': 2, 'shape:b': 1 } },
      pending: false,
      error: null,
      refusals: 0,
    });
  });

  it('shows a friendly reason when the server refuses a dot beyond the budget, and keeps the ballot', async () => {
    const { server, queue } = setup();
    server.budget = 1;
    void queue.change('shape:a', 1);
    void queue.change('shape:b', 1);
    await server.release();
    await server.release();
    expect(queue.current.error).toBe('voting.error.no-dots-left');
    expect(queue.current.votes?.mine).toEqual({ 'shape:a': 1 });
    void queue.change('shape:b', 1);
    await server.release();
    expect(queue.current.refusals).toBe(2); // the same refusal again is a new one to tell

    // Taking a dot back works and clears the message.
    void queue.change('shape:a', -1);
    await server.release();
    expect(queue.current.error).toBeNull();
    expect(queue.current.votes?.used).toBe(0);
  });

  it('ignores a read that a change overtook, so a slow read never undoes a dot', async () => {
    const { server, queue } = setup();
    const reading = queue.refresh();
    void queue.change('shape:a', 1);
    // The server answers the read before the vote lands: it says "no dots".
    await server.release();
    await reading;
    expect(queue.current.votes).toBeNull();
    await server.release();
    expect(queue.current.votes?.mine).toEqual({ 'shape:a': 1 });
  });

  it('does not read while a change is on its way', async () => {
    const { server, queue } = setup();
    void queue.change('shape:a', 1);
    await queue.refresh();
    expect(server.log).toEqual(['cast shape:a']);
  });

  it('takes a new ballot from a read, e.g. when the facilitator starts a new round', async () => {
    const { server, queue } = setup();
    void queue.change('shape:a', 1);
    await server.release();
    server.mine = {};
    server.budget = 5;
    const reading = queue.refresh();
    await server.release();
    await reading;
    expect(queue.current.votes).toEqual({ status: 'open', budget: 5, used: 0, mine: {} });
  });

  it('tells nobody about answers after it was disposed', async () => {
    const { server, seen, queue } = setup();
    void queue.change('shape:a', 1);
    const before = seen.length;
    queue.dispose();
    await server.release();
    expect(seen).toHaveLength(before);
  });

  it('forgets a dismissed message', async () => {
    const { server, queue } = setup();
    server.budget = 0;
    void queue.change('shape:a', 1);
    await server.release();
    expect(queue.current.error).toBe('voting.error.no-dots-left');
    queue.dismissError();
    expect(queue.current.error).toBeNull();
  });
});
