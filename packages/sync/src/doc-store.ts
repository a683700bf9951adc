/** New updates of one document. */
export interface DocAppend {
  readonly docName: string;
  readonly updates: readonly Uint8Array[];
}

/** What {@link DocStore.readSince} returns: updates and the position to read on from. */
export interface DocTail {
  readonly updates: Uint8Array[];
  /** Pass to the next {@link DocStore.readSince} to get only what was stored after these. */
  readonly cursor: number;
}

/**
 * Durable storage of Yjs documents as an append-only log of updates. Implementations:
 * SQLite (`@talkoot/storage-sqlite`, one instance) and PostgreSQL
 * (`@talkoot/storage-postgres`, shared by several instances). The room manager awaits
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
  /**
   * Stores that write synchronously (SQLite): the same as {@link DocStore.append}, done
   * when it returns, throwing if it failed. The room manager then stores and sends a turn
   * without yielding, and each socket gets its document and presence frames in one write.
   */
  appendNow?(batch: readonly DocAppend[]): void;
  /** Deletes a document and every document named `<docName>/…`, for good. */
  deleteTree(docName: string): Promise<void>;
  /**
   * Stores shared by several instances: what was stored after `cursor` (everything, when
   * it is undefined), so a room can catch up with other instances' writes. With a cursor,
   * updates this store appended itself may be left out (their room already has them).
   */
  readSince?(docName: string, cursor: number | undefined): Promise<DocTail>;
  /**
   * Stores shared by several instances: runs `task` while holding a lock on `docName`
   * that every instance respects, so server-side read-modify-write changes of one
   * document never interleave across instances.
   */
  exclusive?<T>(docName: string, task: () => Promise<T>): Promise<T>;
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

  readSince(docName: string, cursor: number | undefined): Promise<DocTail> {
    const all = this.docs.get(docName) ?? [];
    return Promise.resolve({ updates: all.slice(cursor ?? 0), cursor: all.length });
  }

  deleteTree(docName: string): Promise<void> {
    for (const name of [...this.docs.keys()]) {
      if (name === docName || name.startsWith(`${docName}/`)) this.docs.delete(name);
    }
    return Promise.resolve();
  }
}
