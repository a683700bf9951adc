import type { DocStore } from './doc-store.ts';

/**
 * How a room reads its document from the store: everything once (the load), then, from a store
 * shared by several instances, what the others stored since the last read (its cursor), one
 * read at a time.
 */
export class StoreTail {
  /** Where the last read of a shared store ended. */
  private cursor: number | undefined;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private readonly store: DocStore;
  private readonly name: string;

  constructor(store: DocStore, name: string) {
    this.store = store;
    this.name = name;
  }

  /** Every stored update of the document (and the cursor after them). */
  async readAll(): Promise<Uint8Array[]> {
    if (!this.store.readSince) return this.store.load(this.name);
    const tail = await this.store.readSince(this.name, undefined);
    this.cursor = tail.cursor;
    return tail.updates;
  }

  /**
   * Reads what was stored since the last read and hands it to `apply` (unless `ready` says the
   * room is gone meanwhile); resolves once everything stored before the call is applied. A read
   * that has not started yet serves every caller that comes before it starts.
   */
  catchUp(ready: () => boolean, apply: (updates: Uint8Array[]) => void): Promise<void> {
    if (this.queued) return this.queued;
    const queued = this.chain.then(() => {
      this.queued = undefined;
      return this.readTail(ready, apply);
    });
    this.queued = queued;
    this.chain = queued.catch(() => undefined);
    return queued;
  }

  private async readTail(ready: () => boolean, apply: (updates: Uint8Array[]) => void): Promise<void> {
    if (!ready()) return;
    let updates: Uint8Array[];
    let cursor: number | undefined;
    if (this.store.readSince) {
      const tail = await this.store.readSince(this.name, this.cursor);
      updates = tail.updates;
      cursor = tail.cursor;
    } else {
      updates = await this.store.load(this.name);
    }
    if (!ready()) return;
    if (cursor !== undefined) this.cursor = Math.max(cursor, this.cursor ?? 0);
    if (updates.length > 0) apply(updates);
  }
}
