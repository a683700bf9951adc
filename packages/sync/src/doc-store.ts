/** New updates of one document. */
export interface DocAppend {
  readonly docName: string;
  readonly updates: readonly Uint8Array[];
}

/**
 * Durable storage of Yjs documents as an append-only log of updates. Implementations:
 * SQLite (`@talkoot/storage-sqlite`); PostgreSQL later. The room manager awaits
 * {@link DocStore.append} before any frame produced after those updates leaves the server.
 */
export interface DocStore {
  /** Every stored update (snapshot first, if any) in the order they must be applied. */
  load(docName: string): Promise<Uint8Array[]>;
  /**
   * Durably appends the updates of one event-loop turn, for any number of documents, all
   * or nothing; resolves only once they survive a crash of the process.
   */
  append(batch: readonly DocAppend[]): Promise<void>;
  /** Deletes a document and every document named `<docName>/…`, for good. */
  deleteTree(docName: string): Promise<void>;
}

/** An in-memory {@link DocStore} for tests. */
export class MemoryDocStore implements DocStore {
  readonly docs = new Map<string, Uint8Array[]>();

  load(docName: string): Promise<Uint8Array[]> {
    return Promise.resolve([...(this.docs.get(docName) ?? [])]);
  }

  append(batch: readonly DocAppend[]): Promise<void> {
    for (const { docName, updates } of batch) {
      const list = this.docs.get(docName) ?? [];
      list.push(...updates);
      this.docs.set(docName, list);
    }
    return Promise.resolve();
  }

  deleteTree(docName: string): Promise<void> {
    for (const name of [...this.docs.keys()]) {
      if (name === docName || name.startsWith(`${docName}/`)) this.docs.delete(name);
    }
    return Promise.resolve();
  }
}
