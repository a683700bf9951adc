/**
 * Relays a room's accepted frames to the same room on other server instances
 * (Redis later). Frames are complete protocol messages (doc update or awareness).
 * The publishing instance has already persisted any document update it publishes.
 */
export interface FanOut {
  publish(docName: string, frame: Uint8Array): void;
  /** Returns an unsubscribe function. */
  subscribe(docName: string, onFrame: (frame: Uint8Array) => void): () => void;
}

/** Connects several room managers in one process; for tests of the fan-out seam. */
export class MemoryFanOutHub {
  private readonly listeners = new Map<string, Set<{ owner: object; onFrame: (frame: Uint8Array) => void }>>();

  /** A {@link FanOut} for one instance; frames it publishes reach every other instance. */
  connect(): FanOut {
    const owner = {};
    return {
      publish: (docName, frame) => {
        for (const listener of this.listeners.get(docName) ?? []) {
          if (listener.owner !== owner) queueMicrotask(() => listener.onFrame(frame));
        }
      },
      subscribe: (docName, onFrame) => {
        const set = this.listeners.get(docName) ?? new Set();
        const entry = { owner, onFrame };
        set.add(entry);
        this.listeners.set(docName, set);
        return () => set.delete(entry);
      },
    };
  }
}
