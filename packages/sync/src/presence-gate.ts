import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of an awareness update. */
interface PresenceEntry {
  readonly client: number;
  readonly clock: number;
  /** The state as JSON text; `null` removes the client's presence. */
  readonly json: string;
}

/** What a socket's awareness update may become. */
export interface PresenceVerdict {
  /** The entries kept, re-encoded if any was dropped or stamped. */
  readonly update: Uint8Array;
  readonly clients: readonly number[];
}

/** Reads an awareness update that {@link decodeClientMessage} has already validated. */
function entriesOf(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ client, clock, json: decoding.readVarString(decoder) });
  }
  return entries;
}

function encode(entries: readonly PresenceEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.client);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Binds presence to the socket that sends it. `decide` says, per entry, whether the socket may
 * set that client's presence (`keep`) or not (`drop`): y-websocket clients echo every state
 * they receive back to the server, so entries for other clients are normal and are dropped
 * without a word, never applied. Each kept state passes through `stamp`, with which the server
 * sets who the socket is (member id, display name) whatever the client claimed.
 */
export function admitPresence(
  update: Uint8Array,
  decide: (client: number, clock: number) => 'keep' | 'drop',
  stamp: ((state: unknown) => unknown) | undefined,
): PresenceVerdict {
  const entries = entriesOf(update);
  const kept = entries.filter((entry) => decide(entry.client, entry.clock) === 'keep');
  const clients = kept.map((entry) => entry.client);
  if (!stamp) return { update: kept.length === entries.length ? update : encode(kept), clients };
  const stamped = kept.map((entry) => {
    const state: unknown = JSON.parse(entry.json);
    return state === null ? entry : { ...entry, json: JSON.stringify(stamp(state)) };
  });
  return { update: encode(stamped), clients };
}
