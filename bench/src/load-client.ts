import { TL_RECORDS_MAP } from '@talkoot/protocol';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Ledger, ReaderProgress } from './ledger.ts';
import { writerNote } from './note-record.ts';
import {
  EMPTY_STATE_VECTOR,
  EMPTY_UPDATE,
  encodeAwareness,
  encodeSync,
  type Framing,
  readServerFrame,
  SyncType,
} from './wire.ts';

/** What one simulated participant does. */
export interface LoadClientOptions {
  url: string;
  /** How the target carries y-websocket messages (Hocuspocus: inside its own protocol). */
  framing: Framing;
  /** Room index, for the ledger. */
  room: number;
  /** Unique across the run; used for the writer's Yjs client id and the awareness client id. */
  index: number;
  writer: boolean;
  cursor: boolean;
  ledger: Ledger;
}

const COLORS = ['#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5', '#0c8599'];

/**
 * One participant as a raw `ws` socket speaking the y-websocket protocol (in the target's
 * framing): no Y.Doc for readers (incoming updates are only scanned for their clock ranges),
 * one small Y.Doc of tldraw note records for writers, and a hand-encoded awareness state for
 * cursors. Cheap enough for hundreds in one process.
 */
export class LoadClient {
  readonly options: LoadClientOptions;
  readonly awarenessId: number;
  private readonly doc: Y.Doc | undefined;
  private readonly progress: ReaderProgress = new Map();
  private socket: WebSocket | undefined;
  private timers: NodeJS.Timeout[] = [];
  private awarenessClock = 0;
  private seq = 0;
  private closing = false;

  constructor(options: LoadClientOptions) {
    this.options = options;
    this.awarenessId = 1_000_000 + options.index;
    if (options.writer) {
      this.doc = new Y.Doc();
      this.doc.clientID = 2_000_000 + options.index;
      options.ledger.addWriter(this.doc.clientID, options.room);
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'remote') this.send(encodeSync(SyncType.UPDATE, update));
      });
    }
    if (options.cursor) options.ledger.addCursor(this.awarenessId, options.room);
  }

  /** Opens the socket; resolves once the server answered our sync step 1. */
  connect(timeoutMs = 30_000): Promise<void> {
    const ledger = this.options.ledger;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.options.url, { perMessageDeflate: false });
      this.socket = socket;
      let synced = false;
      const timer = setTimeout(() => fail(new Error(`no sync within ${timeoutMs} ms: ${this.options.url}`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        if (!synced) reject(error);
      };
      socket.binaryType = 'nodebuffer';
      socket.on('open', () => {
        for (const frame of this.options.framing.opening) socket.send(frame);
        const stateVector = this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR;
        this.send(encodeSync(SyncType.STEP_1, stateVector));
      });
      socket.on('message', (data: Buffer) => {
        const now = performance.now();
        ledger.receivedFrame();
        const frame = this.options.framing.unwrap(data);
        if (frame.kind === 'refused') {
          // The socket stays open, but the server no longer serves this client: a close by the server.
          this.closedByServer(frame.reason);
          fail(new Error(`refused before sync: ${frame.reason}`));
          socket.terminate();
          return;
        }
        if (frame.kind !== 'message') return;
        readServerFrame(frame.message, {
          syncStep1: (stateVector) => {
            const reply = this.doc ? Y.encodeStateAsUpdate(this.doc, stateVector) : EMPTY_UPDATE;
            this.send(encodeSync(SyncType.STEP_2, reply));
          },
          update: (update, initial) => {
            if (initial && !synced) {
              synced = true;
              clearTimeout(timer);
              resolve();
            }
            const meta = Y.parseUpdateMeta(update);
            for (const [clientId, from] of meta.from) {
              if (clientId === this.doc?.clientID) continue;
              ledger.receivedUpdates(this.progress, clientId, from, meta.to.get(clientId) ?? from, now);
            }
          },
          awarenessFrame: () => ledger.receivedAwarenessFrame(),
          awarenessEntry: (clientId, clock) => {
            if (clientId !== this.awarenessId) ledger.receivedAwareness(clientId, clock, now);
          },
        });
      });
      socket.on('error', (error) => fail(error));
      socket.on('close', (code, reason) => {
        if (!this.closing) this.closedByServer(`${code} ${reason.toString()}`);
        fail(new Error(`closed before sync: ${code} ${reason.toString()}`));
      });
    });
  }

  /** Starts sending: `updatesPerSecond` document updates (writers), cursor moves at `cursorHz`. */
  start(updatesPerSecond: number, cursorHz: number): void {
    if (this.doc && updatesPerSecond > 0) this.every(1000 / updatesPerSecond, () => this.write());
    if (this.options.cursor && cursorHz > 0) this.every(1000 / cursorHz, () => this.moveCursor());
  }

  /** Stops sending; the socket stays open to receive. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /** Closes the socket without waiting for the server. */
  close(): void {
    this.stop();
    this.closing = true;
    this.socket?.terminate();
    this.doc?.destroy();
  }

  /** Counts (and, for the first few, prints) a close the bench did not ask for. */
  private closedByServer(why: string): void {
    this.closing = true;
    const ledger = this.options.ledger;
    ledger.unexpectedCloses++;
    if (ledger.unexpectedCloses <= 3) console.error(`  client ${this.options.index} closed by server: ${why}`);
  }

  /** Runs `task` every `periodMs`, starting at a random phase so clients don't fire in lockstep. */
  private every(periodMs: number, task: () => void): void {
    const first = setTimeout(() => {
      task();
      this.timers.push(setInterval(task, periodMs));
    }, Math.random() * periodMs);
    this.timers.push(first);
  }

  private write(): void {
    const doc = this.doc!;
    const seq = this.seq++;
    this.options.ledger.sentUpdate(doc.clientID, Y.getState(doc.store, doc.clientID), performance.now());
    // A tldraw note record per update: a new note, or one of the writer's notes moved.
    const { id, record } = writerNote(this.options.index, seq);
    doc.getMap(TL_RECORDS_MAP).set(id, record);
  }

  private moveCursor(): void {
    const clock = ++this.awarenessClock;
    const now = performance.now();
    const state = {
      user: { name: `User ${this.options.index}`, color: COLORS[this.options.index % COLORS.length] },
      cursor: { x: Math.round(Math.random() * 2000), y: Math.round(Math.random() * 1200) },
      t: Math.round(now * 1000) / 1000,
    };
    this.options.ledger.sentAwareness(this.awarenessId, clock, now);
    this.send(encodeAwareness(this.awarenessId, clock, JSON.stringify(state)));
  }

  private send(frame: Uint8Array): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(this.options.framing.wrap(frame));
  }
}
