import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate, Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MessageType } from './messages.ts';
import type { SyncSocket } from './sync-socket.ts';

/**
 * A client's end of a room, for tests: what the room sends is applied to `doc` (origin
 * `'server'`) and to `awareness`; the close code and reason are kept.
 */
export class TestSocket implements SyncSocket {
  readonly doc: Y.Doc;
  /** Peers' presence as this client sees it (on a doc of its own, so its client id is apart). */
  readonly awareness = new Awareness(new Y.Doc());
  closedWith: number | undefined;
  reason = '';

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
  }

  send(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.SYNC) {
      if (decoding.readVarUint(decoder) !== 0) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
    } else if (type === MessageType.AWARENESS) {
      applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
    }
  }

  close(code: number, reason: string): void {
    this.closedWith = code;
    this.reason = reason;
  }
}
