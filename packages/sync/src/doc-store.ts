/**
 * Durable storage of Yjs documents as an append-only log of updates. Implementations:
 * SQLite (`@talkoot/storage-sqlite`); PostgreSQL later. A room awaits {@link DocStore.append}
 * before any frame produced after those updates leaves the server.
 */
export interface DocStore {
  /** Every stored update (snapshot first, if any) in the order they must be applied. */
  load(docName: string): Promise<Uint8Array[]>;
  /** Durably appends updates; resolves only once they survive a process crash. */
  append(docName: string, updates: readonly Uint8Array[]): Promise<void>;
}

/** An in-memory {@link DocStore} for tests. */
export class MemoryDocStore implements DocStore {
  readonly docs = new Map<string, Uint8Array[]>();

  load(docName: string): Promise<Uint8Array[]> {
    return Promise.resolve([...(this.docs.get(docName) ?? [])]);
  }

  append(docName: string, updates: readonly Uint8Array[]): Promise<void> {
    const list = this.docs.get(docName) ?? [];
    list.push(...updates);
    this.docs.set(docName, list);
    return Promise.resolve();
  }
}
