import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, MessageType } from './messages.ts';

/** One frame of a fuzz run and how it was made (printed when a run fails). */
export interface FuzzFrame {
  readonly how: string;
  readonly frame: Uint8Array;
}

/**
 * A small seeded PRNG (mulberry32): a fuzz run that prints its seed can be repeated
 * exactly. Returns floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bytes = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

const syncFrame = (syncType: number, payload: Uint8Array): Uint8Array =>
  bytes((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
  });

const awarenessFrame = (payload: Uint8Array): Uint8Array =>
  bytes((e) => {
    encoding.writeVarUint(e, MessageType.AWARENESS);
    encoding.writeVarUint8Array(e, payload);
  });

/** A v1 update of one client's structs (written by `structs`) and an empty delete set. */
const rawUpdate = (client: number, clock: number, count: number, structs: (e: encoding.Encoder) => void) =>
  bytes((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, count);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    structs(e);
    encoding.writeVarUint(e, 0);
  });

/** Item info byte: content ref in the low 5 bits, 0x20 = has parentSub. */
const CONTENT = { deleted: 1, json: 2, string: 4, embed: 5, format: 6, type: 7, any: 8 } as const;

/** An item in map `map` under `key` (parent given by name, no origins). */
const mapItem = (e: encoding.Encoder, map: string, key: string, content: number, write: () => void) => {
  encoding.writeUint8(e, content | 0x20);
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, map);
  encoding.writeVarString(e, key);
  write();
};

/** `depth` nested one-element arrays in lib0's `writeAny` format. */
const nestedAny = (e: encoding.Encoder, depth: number) => {
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(e, 117); // array
    encoding.writeVarUint(e, 1);
  }
  encoding.writeUint8(e, 127); // undefined
};

const awarenessEntry = (client: number, clock: number, json: string) =>
  bytes((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  });

/**
 * Hand-made frames known to trouble Yjs / y-protocols decoders or what runs after them:
 * empty and zero-length content, varints past 2^53, lengths and counts that claim far more
 * than the frame holds, items that reference themselves, huge clocks and lengths, deeply
 * nested content and awareness JSON, and awareness strings that run past their payload.
 */
export function hostileFrames(): FuzzFrame[] {
  const client = 4242;
  const frames: FuzzFrame[] = [
    { how: 'empty frame', frame: new Uint8Array(0) },
    { how: 'zero-length update', frame: syncFrame(2, new Uint8Array(0)) },
    { how: 'zero-length sync step 2', frame: syncFrame(1, new Uint8Array(0)) },
    { how: 'zero-length state vector', frame: syncFrame(0, new Uint8Array(0)) },
    { how: 'zero-length awareness', frame: awarenessFrame(new Uint8Array(0)) },
    { how: 'varint past 2^53', frame: syncFrame(2, new Uint8Array([...new Array<number>(11).fill(0xff), 1])) },
    { how: 'message type past 2^53', frame: new Uint8Array([...new Array<number>(10).fill(0xff), 1]) },
    { how: 'payload length 2^32', frame: new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]) },
    {
      how: 'update claiming 2^40 clients',
      frame: syncFrame(
        2,
        bytes((e) => encoding.writeVarUint(e, 2 ** 40)),
      ),
    },
    {
      how: 'update claiming 2^32-1 structs',
      frame: syncFrame(
        2,
        rawUpdate(client, 0, 2 ** 32 - 1, (e) =>
          mapItem(e, 'm', 'k', CONTENT.string, () => encoding.writeVarString(e, 'x')),
        ),
      ),
    },
    {
      how: 'delete set claiming 2^40 clients',
      frame: syncFrame(
        2,
        bytes((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2 ** 40);
        }),
      ),
    },
    {
      how: 'delete range of 2^50',
      frame: syncFrame(
        2,
        bytes((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, client);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2 ** 50);
        }),
      ),
    },
    {
      how: 'two empty strings in a map',
      frame: syncFrame(
        2,
        rawUpdate(client + 1, 0, 2, (e) => {
          mapItem(e, 'm', 'k', CONTENT.string, () => encoding.writeVarString(e, ''));
          mapItem(e, 'm', 'k', CONTENT.string, () => encoding.writeVarString(e, ''));
        }),
      ),
    },
    {
      how: 'zero-length deleted content',
      frame: syncFrame(
        2,
        rawUpdate(client + 2, 0, 1, (e) => mapItem(e, 'm', 'k', CONTENT.deleted, () => encoding.writeVarUint(e, 0))),
      ),
    },
    {
      how: 'zero-length GC structs',
      frame: syncFrame(
        2,
        rawUpdate(client + 3, 0, 3, (e) => {
          for (let i = 0; i < 3; i++) {
            encoding.writeUint8(e, 0);
            encoding.writeVarUint(e, 0);
          }
        }),
      ),
    },
    {
      how: 'item whose origin is itself',
      frame: syncFrame(
        2,
        rawUpdate(client + 4, 0, 1, (e) => {
          encoding.writeUint8(e, CONTENT.string | 0x80);
          encoding.writeVarUint(e, client + 4);
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, 'loop');
        }),
      ),
    },
    {
      how: 'item whose right origin is itself',
      frame: syncFrame(
        2,
        rawUpdate(client + 5, 0, 1, (e) => {
          encoding.writeUint8(e, CONTENT.string | 0x40);
          encoding.writeVarUint(e, client + 5);
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, 'loop');
        }),
      ),
    },
    {
      how: 'item whose parent is itself',
      frame: syncFrame(
        2,
        rawUpdate(client + 6, 0, 1, (e) => {
          encoding.writeUint8(e, CONTENT.string);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, client + 6);
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, 'loop');
        }),
      ),
    },
    {
      how: 'GC struct of length 2^40',
      frame: syncFrame(
        2,
        rawUpdate(client + 7, 0, 1, (e) => {
          encoding.writeUint8(e, 0);
          encoding.writeVarUint(e, 2 ** 40);
        }),
      ),
    },
    {
      how: 'skip struct of length 2^40',
      frame: syncFrame(
        2,
        rawUpdate(client + 8, 0, 1, (e) => {
          encoding.writeUint8(e, 10);
          encoding.writeVarUint(e, 2 ** 40);
        }),
      ),
    },
    {
      how: 'deleted content of length 2^40',
      frame: syncFrame(
        2,
        rawUpdate(client + 9, 0, 1, (e) =>
          mapItem(e, 'm', 'k', CONTENT.deleted, () => encoding.writeVarUint(e, 2 ** 40)),
        ),
      ),
    },
    {
      how: 'clock 2^52',
      frame: syncFrame(
        2,
        rawUpdate(client + 10, 2 ** 52, 1, (e) =>
          mapItem(e, 'm', 'k', CONTENT.string, () => encoding.writeVarString(e, 'x')),
        ),
      ),
    },
    {
      how: 'string claiming 2^31 bytes',
      frame: syncFrame(
        2,
        rawUpdate(client + 11, 0, 1, (e) =>
          mapItem(e, 'm', 'k', CONTENT.string, () => encoding.writeVarUint(e, 2 ** 31)),
        ),
      ),
    },
    {
      how: 'any content claiming 2^31 values',
      frame: syncFrame(
        2,
        rawUpdate(client + 12, 0, 1, (e) => mapItem(e, 'm', 'k', CONTENT.any, () => encoding.writeVarUint(e, 2 ** 31))),
      ),
    },
    {
      how: 'state vector claiming 2^40 clients',
      frame: syncFrame(
        0,
        bytes((e) => encoding.writeVarUint(e, 2 ** 40)),
      ),
    },
    {
      how: 'state vector with clock 2^52',
      frame: syncFrame(
        0,
        bytes((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, client);
          encoding.writeVarUint(e, 2 ** 52);
        }),
      ),
    },
    {
      how: 'awareness claiming 2^40 clients',
      frame: awarenessFrame(bytes((e) => encoding.writeVarUint(e, 2 ** 40))),
    },
    {
      how: 'awareness state that is not JSON',
      frame: awarenessFrame(awarenessEntry(client, 1, '{{')),
    },
    {
      how: 'awareness with trailing bytes',
      frame: awarenessFrame(new Uint8Array([...awarenessEntry(client, 1, '{}'), 7, 7])),
    },
    {
      how: 'awareness string running past its payload',
      frame: (() => {
        // The payload's string claims 12 bytes but holds 6; the next 6 are outside it.
        const payload = bytes((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, client);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, 12);
          encoding.writeUint8Array(e, new TextEncoder().encode('{"a":1'));
        });
        const frame = awarenessFrame(payload);
        const withTail = new Uint8Array(frame.length + 6);
        withTail.set(frame);
        withTail.set(new TextEncoder().encode(',"b":2}'.slice(0, 6)), frame.length);
        return withTail.subarray(0, frame.length);
      })(),
    },
  ];
  for (const depth of [400_000, 6_000, 3_000, 1_000, 200]) {
    frames.push({
      how: `any content nested ${depth} deep`,
      frame: syncFrame(
        2,
        rawUpdate(client + 20 + depth, 0, 1, (e) =>
          mapItem(e, 'm', 'deep', CONTENT.any, () => {
            encoding.writeVarUint(e, 1);
            nestedAny(e, depth);
          }),
        ),
      ),
    });
    const json = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    frames.push({
      how: `embed JSON nested ${depth} deep`,
      frame: syncFrame(
        2,
        rawUpdate(client + 30 + depth, 0, 1, (e) =>
          mapItem(e, 'm', 'embed', CONTENT.embed, () => encoding.writeVarString(e, json)),
        ),
      ),
    });
    frames.push({
      how: `awareness JSON nested ${depth} deep`,
      frame: awarenessFrame(awarenessEntry(client + 40, 1, json)),
    });
  }
  for (const depth of [1_000, 10_000]) {
    // Types nested inside types, each the parent of the next.
    const nestedClient = client + 50 + depth;
    frames.push({
      how: `map types nested ${depth} deep`,
      frame: syncFrame(
        2,
        rawUpdate(nestedClient, 0, depth, (e) => {
          for (let i = 0; i < depth; i++) {
            encoding.writeUint8(e, CONTENT.type | 0x20);
            if (i === 0) {
              encoding.writeVarUint(e, 1);
              encoding.writeVarString(e, 'm');
            } else {
              encoding.writeVarUint(e, 0);
              encoding.writeVarUint(e, nestedClient);
              encoding.writeVarUint(e, i - 1);
            }
            encoding.writeVarString(e, 'k');
            encoding.writeVarUint(e, 1); // YMap
          }
        }),
      ),
    });
  }
  return frames;
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

const int = (random: () => number, below: number) => Math.floor(random() * below);

/** One random change to a valid frame: flip, overwrite, truncate, extend, duplicate or splice. */
function mutate(random: () => number, frame: Uint8Array): { how: string; frame: Uint8Array } {
  const out = Array.from(frame);
  const at = () => int(random, Math.max(1, out.length));
  const randomBytes = (n: number) => Array.from({ length: n }, () => int(random, 256));
  switch (int(random, 8)) {
    case 0: {
      const flips = 1 + int(random, 3);
      for (let i = 0; i < flips && out.length > 0; i++) out[at()]! ^= 1 + int(random, 255);
      return { how: `flip ${flips}`, frame: Uint8Array.from(out) };
    }
    case 1: {
      const value = [0x00, 0x01, 0x7f, 0x80, 0xff][int(random, 5)]!;
      if (out.length > 0) out[at()] = value;
      return { how: `set a byte to ${value}`, frame: Uint8Array.from(out) };
    }
    case 2: {
      const length = int(random, out.length);
      return { how: `truncate to ${length}`, frame: Uint8Array.from(out.slice(0, length)) };
    }
    case 3: {
      const extra = 1 + int(random, 16);
      return { how: `extend by ${extra}`, frame: Uint8Array.from([...out, ...randomBytes(extra)]) };
    }
    case 4: {
      const start = at();
      const end = start + 1 + int(random, out.length - start);
      return {
        how: 'duplicate a slice',
        frame: Uint8Array.from([...out.slice(0, end), ...out.slice(start, end), ...out.slice(end)]),
      };
    }
    case 5:
      return { how: 'frame twice', frame: Uint8Array.from([...out, ...out]) };
    case 6: {
      const position = at();
      const run = 1 + int(random, 12);
      return {
        how: `varint bomb of ${run}`,
        frame: Uint8Array.from([
          ...out.slice(0, position),
          ...new Array<number>(run).fill(0xff),
          ...out.slice(position),
        ]),
      };
    }
    default: {
      const position = at();
      return {
        how: 'splice random bytes',
        frame: Uint8Array.from([...out.slice(0, position), ...randomBytes(1 + int(random, 8)), ...out.slice(position)]),
      };
    }
  }
}

/**
 * `count` frames for a fuzz run: every {@link hostileFrames} frame once, then a mix of
 * random bytes (some with a valid message-type prefix), untouched {@link sampleFrames} and
 * samples with one to three random mutations.
 */
export function* fuzzFrames(random: () => number, count: number): Generator<FuzzFrame> {
  const samples = sampleFrames();
  let produced = 0;
  for (const hostile of hostileFrames()) {
    if (produced++ >= count) return;
    yield { how: `hostile: ${hostile.how}`, frame: hostile.frame };
  }
  while (produced++ < count) {
    const pick = random();
    if (pick < 0.15) {
      const prefix = [[], [0], [0, 0], [0, 1], [0, 2], [1]][int(random, 6)]!;
      const body = Array.from({ length: int(random, 64) }, () => int(random, 256));
      yield { how: `random bytes after [${prefix.join(',')}]`, frame: Uint8Array.from([...prefix, ...body]) };
    } else if (pick < 0.25) {
      yield { how: 'valid sample', frame: samples[int(random, samples.length)]! };
    } else {
      const index = int(random, samples.length);
      let result = { how: `sample ${index}`, frame: samples[index]! };
      const rounds = 1 + int(random, 3);
      for (let i = 0; i < rounds; i++) {
        const next = mutate(random, result.frame);
        result = { how: `${result.how}, ${next.how}`, frame: next.frame };
      }
      yield result;
    }
  }
}
