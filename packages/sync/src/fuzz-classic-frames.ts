import * as encoding from 'lib0/encoding';
import {
  awarenessEntry,
  awarenessFrame,
  bytes,
  CONTENT,
  mapItem,
  nestedAny,
  rawUpdate,
  syncFrame,
} from './fuzz-encoding.ts';
import type { FuzzFrame } from './fuzz-hostile-frames.ts';

/**
 * Frames known to trouble Yjs / y-protocols decoders or what runs after them: empty and
 * zero-length content, varints past 2^53, lengths and counts that claim far more than the
 * frame holds, items that reference themselves, huge clocks and lengths, deeply nested
 * content and awareness JSON, and awareness strings that run past their payload.
 */
export function classicFrames(): FuzzFrame[] {
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
