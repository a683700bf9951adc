import * as encoding from 'lib0/encoding';
import { MessageType } from './messages.ts';

/**
 * Hand encoders of y-websocket frames and Yjs v1 updates for the fuzzer: they write exactly
 * the bytes asked for, valid or not, so a frame can claim what no Yjs encoder would write.
 */

/** The bytes `write` puts into a fresh encoder. */
export const bytes = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/** A sync message: 0 = step 1 (state vector), 1 = step 2, 2 = update. */
export const syncFrame = (syncType: number, payload: Uint8Array): Uint8Array =>
  bytes((e) => {
    encoding.writeVarUint(e, MessageType.SYNC);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
  });

export const updateFrame = (update: Uint8Array): Uint8Array => syncFrame(2, update);

export const awarenessFrame = (payload: Uint8Array): Uint8Array =>
  bytes((e) => {
    encoding.writeVarUint(e, MessageType.AWARENESS);
    encoding.writeVarUint8Array(e, payload);
  });

/** Item info byte: content ref in the low 5 bits, 0x20 = has parentSub. */
export const CONTENT = { deleted: 1, json: 2, string: 4, embed: 5, format: 6, type: 7, any: 8 } as const;

/** Type ref of a Y.Map inside ContentType. */
const Y_MAP = 1;

/** One client's structs in an update: from `clock` on, `count` of them, written by `structs`. */
export type ClientStructs = readonly [
  client: number,
  clock: number,
  count: number,
  structs: (e: encoding.Encoder) => void,
];

/** One client's delete ranges (clock, length) in a delete set. */
export type ClientDeletes = readonly [client: number, ranges: readonly (readonly [number, number])[]];

/** A v1 update: the structs of each client, then the delete set. */
export const updateOf = (clients: readonly ClientStructs[], deletes: readonly ClientDeletes[]) =>
  bytes((e) => {
    encoding.writeVarUint(e, clients.length);
    for (const [client, clock, count, structs] of clients) {
      encoding.writeVarUint(e, count);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      structs(e);
    }
    encoding.writeVarUint(e, deletes.length);
    for (const [client, ranges] of deletes) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, ranges.length);
      for (const [clock, len] of ranges) {
        encoding.writeVarUint(e, clock);
        encoding.writeVarUint(e, len);
      }
    }
  });

/** A v1 update of one client's structs (written by `structs`) and an empty delete set. */
export const rawUpdate = (client: number, clock: number, count: number, structs: (e: encoding.Encoder) => void) =>
  updateOf([[client, clock, count, structs]], []);

/** An item in root map `map` under `key` (parent given by name, no origins). */
export const mapItem = (e: encoding.Encoder, map: string, key: string, content: number, write: () => void) => {
  encoding.writeUint8(e, content | 0x20);
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, map);
  encoding.writeVarString(e, key);
  write();
};

/** One value set in a root map's key (any content, as `Y.Map.set` writes it). */
export const mapValue =
  (map: string, key: string, value: unknown) =>
  (e: encoding.Encoder): void =>
    mapItem(e, map, key, CONTENT.any, () => {
      encoding.writeVarUint(e, 1);
      encoding.writeAny(e, value as Parameters<typeof encoding.writeAny>[1]);
    });

/** One value set in a root map's key, under `client` at `clock`. */
export const mapValueUpdate = (client: number, clock: number, map: string, key: string, value: unknown) =>
  rawUpdate(client, clock, 1, mapValue(map, key, value));

/** `depth` nested one-element arrays in lib0's `writeAny` format. */
export const nestedAny = (e: encoding.Encoder, depth: number) => {
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(e, 117); // array
    encoding.writeVarUint(e, 1);
  }
  encoding.writeUint8(e, 127); // undefined
};

/**
 * A chain of `depth` Y.Maps, each the parent of the next, from `client`'s `clock` on, the first
 * under root `map`'s `key` (building it in a Y.Doc would cost time quadratic in the depth).
 */
export const nestedChainUpdate = (depth: number, map: string, key: string, client: number, clock = 0) =>
  rawUpdate(client, clock, depth, (e) => {
    for (let i = 0; i < depth; i++) {
      encoding.writeUint8(e, CONTENT.type | 0x20);
      if (i === 0) {
        encoding.writeVarUint(e, 1); // parent is a root type, by name
        encoding.writeVarString(e, map);
        encoding.writeVarString(e, key);
      } else {
        encoding.writeVarUint(e, 0); // parent is an item: the map before
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, clock + i - 1);
        encoding.writeVarString(e, 'x');
      }
      encoding.writeVarUint(e, Y_MAP);
    }
  });

/** An update with no structs and, for each client, its delete ranges (clock, length). */
export const deleteSetUpdate = (deletes: readonly ClientDeletes[]) => updateOf([], deletes);

/** The payload of an awareness message with one (client, clock, JSON text) entry. */
export const awarenessEntry = (client: number, clock: number, json: string) =>
  awarenessEntries([[client, clock, json]]);

/** The payload of an awareness message with the given (client, clock, JSON text) entries. */
export const awarenessEntries = (entries: readonly (readonly [number, number, string])[]) =>
  bytes((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const [client, clock, json] of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, json);
    }
  });
