import type * as Y from 'yjs';
import { encodeSyncStep2 } from './messages.ts';

/** Distinct state vectors whose answer is kept (tablets that join together send the same one). */
const MAX_KEPT = 16;

/**
 * A room's answers to sync step 1, kept while the document does not change: ten tablets that
 * open a big board at once (all with an empty state vector, or the same device copy) get one
 * encoding of it instead of ten. Any change to the document drops every kept answer.
 */
export class SyncStep2Cache {
  private readonly kept = new Map<string, Uint8Array>();
  private readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    doc.on('update', this.clear);
  }

  /** The sync step 2 message for a client that has `stateVector`. */
  answer(stateVector: Uint8Array): Uint8Array {
    const key = Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength).toString('latin1');
    const known = this.kept.get(key);
    if (known) return known;
    const answer = encodeSyncStep2(this.doc, stateVector);
    if (this.kept.size >= MAX_KEPT) this.kept.clear();
    this.kept.set(key, answer);
    return answer;
  }

  private readonly clear = (): void => {
    this.kept.clear();
  };

  stop(): void {
    this.doc.off('update', this.clear);
    this.kept.clear();
  }
}
