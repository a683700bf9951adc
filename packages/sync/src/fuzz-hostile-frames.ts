import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  awarenessEntries,
  awarenessEntry,
  awarenessFrame,
  type ClientStructs,
  deleteSetUpdate,
  mapValue,
  mapValueUpdate,
  nestedChainUpdate,
  updateFrame,
  updateOf,
} from './fuzz-encoding.ts';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, MessageType } from './messages.ts';
import { classicFrames } from './fuzz-classic-frames.ts';

/** One frame and how it was made (printed when a run fails). */
export interface FuzzFrame {
  readonly how: string;
  readonly frame: Uint8Array;
}

/** A client id and the next clock the server expects of it. */
export interface ClientClock {
  readonly client: number;
  readonly clock: number;
}

/**
 * What a fuzz run knows of the board it attacks, as an outsider could learn it (from the
 * document the server sends). Read again for every frame: clocks move while a run goes on.
 */
export interface FuzzTarget {
  /** The server's own document client id and its next clock. */
  readonly server: ClientClock;
  /** Client ids that other members write with, and their next clocks: what they wrote must survive. */
  readonly others: readonly ClientClock[];
  /** One long text item (a single struct) someone else wrote: what split bombs cut up. */
  readonly longText: { readonly client: number; readonly clock: number; readonly length: number };
}

/** A target for frames built without a board (decoder tests): nobody has written anything. */
export const UNKNOWN_TARGET: FuzzTarget = {
  server: { client: 1, clock: 0 },
  others: [{ client: 2, clock: 0 }],
  longText: { client: 3, clock: 0, length: 12_000 },
};

/** A known hostile frame, built against the target (frames of the first kind ignore it). */
export interface HostileShape {
  readonly how: string;
  frame(target: FuzzTarget): Uint8Array;
}

/** The root map tldraw records live in (`TL_RECORDS_MAP`; not imported to keep this package's deps). */
const RECORDS = 'tl_records';

/** The other writer at `index` (wrapping), or the server when there is none. */
export const otherOf = (target: FuzzTarget, index: number): ClientClock =>
  target.others.length > 0 ? target.others[index % target.others.length]! : target.server;

/** A chain of `depth` Y.Maps nested in each other under one record key, hand-encoded. */
export const nestedChainFrame = (depth: number, client: number): Uint8Array =>
  updateFrame(nestedChainUpdate(depth, RECORDS, `shape:deep${depth}`, client));

/**
 * A delete range of `writer` that reaches `past` clocks beyond what the server has seen of it,
 * starting `back` clocks before that end (so it may also cover clocks the server has).
 */
export const unseenDeletesFrame = ({ client, clock }: ClientClock, back: number, past: number): Uint8Array => {
  const from = Math.max(0, clock - back);
  return updateFrame(deleteSetUpdate([[client, [[from, clock - from + past]]]]));
};

/** A record set under `writer`'s client id at its next clock plus `offset` (1: its next-but-one). */
export const structAtFrame = ({ client, clock }: ClientClock, offset: number, key: string): Uint8Array =>
  updateFrame(mapValueUpdate(client, clock + offset, RECORDS, key, { id: key, typeName: 'shape', forged: true }));

/**
 * One update that sets a record under a client id of the sender's own (clock 0) and also holds
 * what must be refused: a struct at `writer`'s next clock + `n`, or a delete range from `back`
 * clocks before its end to `n` clocks past it (of length 0 when both are 0). Refused whole, or
 * the record sneaks in.
 */
export const mixedFrame = (own: number, writer: ClientClock, part: 'struct' | 'delete', n: number, back = 0) => {
  const value = (key: string) => mapValue(RECORDS, key, { id: key, typeName: 'shape', mixed: true });
  const mine: ClientStructs = [own, 0, 1, value('shape:fuzz-mixed')];
  if (part === 'struct')
    return updateFrame(updateOf([mine, [writer.client, writer.clock + n, 1, value('shape:fuzz-evil')]], []));
  const from = Math.max(0, writer.clock - back);
  return updateFrame(updateOf([mine], [[writer.client, [[from, writer.clock - from + n]]]]));
};

/** A delete set that cuts `pieces` one-clock holes into the long text item (one split each). */
export const splitBombFrame = (text: FuzzTarget['longText'], pieces: number, stride = 2): Uint8Array => {
  const ranges: [number, number][] = [];
  for (let i = 0; i < pieces && 1 + i * stride < text.length; i++) ranges.push([text.clock + 1 + i * stride, 1]);
  return updateFrame(deleteSetUpdate([[text.client, ranges]]));
};

/** Awareness for `client` (someone else's, say) with a clock and a state (null removes it). */
export const forgedAwarenessFrame = (client: number, clock: number, state: unknown): Uint8Array =>
  awarenessFrame(awarenessEntry(client, clock, JSON.stringify(state)));

/** `count` awareness states of consecutive client ids in one message. */
export const awarenessFloodFrame = (count: number, firstClient: number): Uint8Array =>
  awarenessFrame(
    awarenessEntries(
      Array.from({ length: count }, (_, i) => [firstClient + i, 1, JSON.stringify({ ghost: i })] as const),
    ),
  );

/** The frame of each shape is built at most once where it does not depend on the target. */
const fixed = ({ how, frame }: FuzzFrame): HostileShape => ({ how, frame: () => frame });

let shapes: readonly HostileShape[] | undefined;

/**
 * Our list of known hostile frames: the decoder's classics (see {@link classicFrames}) and the
 * write gate's shapes of issue 20, built against the board: shared-type chains past the depth
 * limit, delete sets for clocks the server has not seen (up to 2^40), structs under the
 * server's client id at its next and next-but-one clock and under another writer's, split
 * bombs, awareness forged for another client id, thousands of awareness states in one message.
 */
export function hostileShapes(): readonly HostileShape[] {
  shapes ??= [
    ...classicFrames().map(fixed),
    {
      how: 'map types chained 9 deep under a record (one past the limit)',
      frame: () => nestedChainFrame(9, 4_242_409),
    },
    { how: 'map types chained 20 deep under a record', frame: () => nestedChainFrame(20, 4_242_420) },
    { how: 'map types chained 15000 deep under a record', frame: () => nestedChainFrame(15_000, 4_242_424) },
    {
      how: 'delete set for 2^40 clocks of the server it has not seen',
      frame: (t) => unseenDeletesFrame(t.server, 0, 2 ** 40),
    },
    {
      how: 'delete set for 2^40 unseen clocks of another writer',
      frame: (t) => unseenDeletesFrame(otherOf(t, 0), 0, 2 ** 40),
    },
    {
      how: 'delete range over all of another writer’s clocks and one more',
      frame: (t) => unseenDeletesFrame(otherOf(t, 0), Number.MAX_SAFE_INTEGER, 1),
    },
    {
      how: 'struct under the server’s client id at its next clock',
      frame: (t) => structAtFrame(t.server, 0, 'shape:evil-next'),
    },
    {
      how: 'struct under the server’s client id at its next-but-one clock',
      frame: (t) => structAtFrame(t.server, 1, 'shape:evil-later'),
    },
    {
      how: 'struct under another writer’s client id at its next clock',
      frame: (t) => structAtFrame(otherOf(t, 0), 0, 'shape:evil-foreign'),
    },
    {
      how: 'a new record and a struct at the server’s next-but-one clock in one update',
      frame: (t) => mixedFrame(4_242_500, t.server, 'struct', 1),
    },
    {
      how: 'a new record and a delete over all of another writer’s clocks and one more in one update',
      frame: (t) => mixedFrame(4_242_501, otherOf(t, 0), 'delete', 1, Number.MAX_SAFE_INTEGER),
    },
    {
      // Yjs keeps such a range pending and then fails to encode it (see the room fuzz test's finding).
      how: 'a zero-length delete range at another writer’s next clock',
      frame: (t) => updateFrame(deleteSetUpdate([[otherOf(t, 0).client, [[otherOf(t, 0).clock, 0]]]])),
    },
    {
      how: 'a new record and a zero-length delete range at another writer’s next clock in one update',
      frame: (t) => mixedFrame(4_242_502, otherOf(t, 0), 'delete', 0),
    },
    { how: 'split bomb of 5000 pieces of one long text item', frame: (t) => splitBombFrame(t.longText, 5_000) },
    {
      how: 'split bomb of 600 pieces of one long text item (under the limit)',
      frame: (t) => splitBombFrame(t.longText, 600),
    },
    {
      how: 'awareness forged for another writer’s client id',
      frame: (t) => forgedAwarenessFrame(otherOf(t, 0).client, 2 ** 31, { user: { name: 'forged' } }),
    },
    {
      how: 'awareness removal forged for another writer’s client id',
      frame: (t) => forgedAwarenessFrame(otherOf(t, 0).client, 2 ** 31, null),
    },
    { how: 'awareness forged for the server’s client id', frame: (t) => forgedAwarenessFrame(t.server.client, 1, {}) },
    { how: '5000 awareness states in one message', frame: () => awarenessFloodFrame(5_000, 5_000_000) },
  ];
  return shapes;
}

/** Every {@link hostileShapes} frame, built against `target`. */
export function hostileFrames(target: FuzzTarget = UNKNOWN_TARGET): FuzzFrame[] {
  return hostileShapes().map(({ how, frame }) => ({ how, frame: frame(target) }));
}

/**
 * Real frames of a tldraw-like client: sync step 1 and 2, updates that set, change and
 * delete records, a text edit, an awareness state and its removal, query-awareness.
 */
export function sampleFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = 31337;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const records = doc.getMap<unknown>('tl_records');
  records.set('shape:fuzz-a', {
    id: 'shape:fuzz-a',
    typeName: 'shape',
    type: 'note',
    x: 120,
    y: -40.5,
    props: { color: 'yellow', richText: { type: 'doc', content: [{ type: 'paragraph', content: [] }] } },
    meta: { talkoot: { part: 'lane', lane: 'barriers' } },
  });
  records.set('shape:fuzz-b', { id: 'shape:fuzz-b', x: 1, y: 2, props: { text: 'Kiitos 🙏 شكرا' } });
  records.set('shape:fuzz-a', { id: 'shape:fuzz-a', x: 130, y: -40, props: {} });
  records.delete('shape:fuzz-b');
  const text = doc.getText('notes');
  text.insert(0, 'Hello world');
  text.delete(2, 3);
  doc.getArray<number>('order').push([1, 2, 3]);

  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#e03131' }, cursor: { x: 10, y: 20 }, t: 1 });
  const presence = encodeAwareness(awareness, [doc.clientID]);
  awareness.setLocalState(null);
  const gone = encodeAwareness(awareness, [doc.clientID]);
  awareness.destroy();

  const empty = new Y.Doc();
  return [
    encodeSyncStep1(doc),
    encodeSyncStep1(empty),
    encodeSyncStep2(doc, Y.encodeStateVector(empty)),
    ...updates.map((update) => encodeUpdate(update)),
    encodeUpdate(Y.mergeUpdates(updates)),
    presence,
    gone,
    new Uint8Array([MessageType.QUERY_AWARENESS]),
  ];
}
