/** What a {@link FanOut} subscriber is told. */
export interface FanOutHandlers {
  /** A frame another instance published for this document. */
  onFrame(frame: Uint8Array): void;
  /**
   * The subscription is active: called once it first is, and again after every reconnect.
   * Frames published while it was not active are lost for good, so the subscriber catches
   * up from the store (which every publisher wrote to before publishing).
   */
  onActive?(): void;
}

/**
 * Relays a room's accepted frames to the same room on other server instances
 * (`@talkoot/fanout-redis`). Frames are complete protocol messages (doc update, awareness,
 * query-awareness) and never come back to the instance that published them. The
 * publishing instance has already persisted any document update it publishes. Delivery is
 * best effort: a frame may be lost, which rooms repair by catching up from the store.
 */
export interface FanOut {
  publish(docName: string, frame: Uint8Array): void;
  /** Returns an unsubscribe function. */
  subscribe(docName: string, handlers: FanOutHandlers): () => void;
}

interface HubListener {
  readonly owner: object;
  readonly handlers: FanOutHandlers;
}

/** Connects several room managers in one process; for tests of the fan-out seam. */
export class MemoryFanOutHub {
  private readonly listeners = new Map<string, Set<HubListener>>();
  /** While true, published frames are dropped (a lost message, or a Redis outage). */
  dropping = false;

  /** A {@link FanOut} for one instance; frames it publishes reach every other instance. */
  connect(): FanOut {
    const owner = {};
    return {
      publish: (docName, frame) => {
        if (this.dropping) return;
        for (const listener of this.listeners.get(docName) ?? []) {
          if (listener.owner !== owner) queueMicrotask(() => listener.handlers.onFrame(frame));
        }
      },
      subscribe: (docName, handlers) => {
        const set = this.listeners.get(docName) ?? new Set();
        const entry = { owner, handlers };
        set.add(entry);
        this.listeners.set(docName, set);
        queueMicrotask(() => set.has(entry) && handlers.onActive?.());
        return () => {
          set.delete(entry);
          if (set.size === 0 && this.listeners.get(docName) === set) this.listeners.delete(docName);
        };
      },
    };
  }

  /** Number of live subscriptions to a document (to check that unloading releases them). */
  subscriptions(docName: string): number {
    return this.listeners.get(docName)?.size ?? 0;
  }

  /** Tells every subscriber its subscription is active again, as after a reconnect. */
  reconnect(): void {
    for (const set of this.listeners.values()) for (const { handlers } of set) handlers.onActive?.();
  }
}
