import { TL_RECORDS_MAP } from '@talkoot/protocol';
import { encodeUpdate } from '@talkoot/sync';
import {
  awarenessEntries,
  awarenessFrame as awarenessMessage,
  deleteSetUpdate,
  nestedChainUpdate as chainUpdate,
} from '@talkoot/sync/testing';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

/**
 * Frames an outsider writes by hand (for the hostile-update tests): what a join-code holder
 * can send with a y-websocket client of their own.
 */

/** An update with no structs and one delete range: `len` clocks of `client` from `clock`. */
export const deleteRangeUpdate = (client: number, clock: number, len: number): Uint8Array =>
  deleteSetUpdate([[client, [[clock, len]]]]);

/** An update with no structs and the given delete ranges of one client. */
export const deleteRangesUpdate = (client: number, ranges: readonly (readonly [number, number])[]): Uint8Array =>
  deleteSetUpdate([[client, ranges]]);

/** A chain of `depth` Y.Maps nested in each other under one record key, written by hand. */
export const nestedChainUpdate = (depth: number, key = 'shape:deep', client = 4_242_424): Uint8Array =>
  chainUpdate(depth, TL_RECORDS_MAP, key, client);

/**
 * Structs under `client` that start at its next-but-one clock in `base` (the document as the
 * attacker received it): Yjs would keep them pending until that client writes the missing clock.
 */
export function forgedLaterStruct(base: Uint8Array, client: number, record: unknown, key: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  doc.clientID = client; // after the apply: Yjs moves away from a client id it receives
  doc.getMap(TL_RECORDS_MAP).set('shape:filler', { filler: true });
  const after = Y.encodeStateVector(doc);
  doc.getMap(TL_RECORDS_MAP).set(key, record);
  return Y.encodeStateAsUpdate(doc, after);
}

/** The client ids that wrote each record of a document update (e.g. to find the server's). */
export function writersOf(update: Uint8Array): Map<string, number> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const writers = new Map<string, number>();
  const records = doc.getMap(TL_RECORDS_MAP);
  for (const key of records.keys()) {
    const item = (records as unknown as { _map: Map<string, Y.Item> })._map.get(key);
    if (item) writers.set(key, item.id.client);
  }
  return writers;
}

/** An awareness message with the given (client id, clock, state) entries. */
export const awarenessFrame = (entries: readonly (readonly [number, number, unknown])[]): Uint8Array =>
  awarenessMessage(awarenessEntries(entries.map(([client, clock, state]) => [client, clock, JSON.stringify(state)])));

/** A raw socket that keeps the document the server sent it (sync step 2 and updates). */
export class RawClient {
  readonly ws: WebSocket;
  /** Everything the server sent, merged. */
  state: Uint8Array = Y.encodeStateAsUpdate(new Y.Doc());
  closed: { code: number; reason: string } | undefined;
  private step2 = false;
  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) !== 0) return;
      const type = decoding.readVarUint(decoder);
      if (type === 1 || type === 2) this.state = Y.mergeUpdates([this.state, decoding.readVarUint8Array(decoder)]);
      if (type === 1) this.step2 = true;
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on('error', () => undefined);
  }

  static open(baseUrl: string, room: string, token: string): Promise<RawClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/sync/${room}?token=${encodeURIComponent(token)}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'nodebuffer';
      ws.once('open', () => resolve(new RawClient(ws)));
      ws.once('error', reject);
    });
  }

  /** Asks for the whole document (sync step 1 with an empty state vector) and waits for it. */
  async sync(timeoutMs = 5000): Promise<Uint8Array> {
    this.ws.send(new Uint8Array([0, 0, 1, 0]));
    const start = Date.now();
    while (!this.step2) {
      if (this.closed || Date.now() - start > timeoutMs) throw new Error('no sync step 2');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.state;
  }

  /** Sends a document update as a y-websocket `update` message. */
  sendUpdate(update: Uint8Array): void {
    this.ws.send(encodeUpdate(update));
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  /** Resolves with the close code once the server closed the socket. */
  async closedWith(timeoutMs = 5000): Promise<number> {
    const start = Date.now();
    while (!this.closed) {
      if (Date.now() - start > timeoutMs) throw new Error('the server did not close the socket');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.closed.code;
  }

  close(): void {
    this.ws.close();
  }
}
