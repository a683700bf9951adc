import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = { SYNC: 0, AWARENESS: 1 } as const;

/** Sub-types of a sync message. */
export const SyncType = { STEP_1: 0, STEP_2: 1, UPDATE: 2 } as const;

/** An update that changes nothing (no structs, empty delete set): a reader's sync step 2. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** The state vector of an empty document: a reader's sync step 1. */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** A sync message (`step` is one of {@link SyncType}) carrying `payload`. */
export function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness message with one client's state, encoded by hand exactly as
 * `encodeAwarenessUpdate` would, so a cursor client needs no Awareness instance.
 */
export function encodeAwareness(clientId: number, clock: number, stateJson: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, stateJson);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** A server frame as a client sees it once the target's own framing is taken off. */
export type ServerFrame =
  /** A y-websocket message (sync or awareness), for {@link readServerFrame}. */
  | { readonly kind: 'message'; readonly message: Uint8Array }
  /** A message of the target's own protocol that needs no answer (Hocuspocus: "authenticated", sync status). */
  | { readonly kind: 'control' }
  /** The server ended this client's session without closing the socket (Hocuspocus: permission denied, close). */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * How a target carries y-websocket messages on its socket: as they are (Talkoot, the
 * reference), or inside a protocol of its own (Hocuspocus: see `hocuspocus-wire.ts`).
 */
export interface Framing {
  /** Frames a client sends first, as soon as the socket is open (Hocuspocus: the auth message). */
  readonly opening: readonly Uint8Array[];
  /** A y-websocket message as this target expects it. */
  wrap(message: Uint8Array): Uint8Array;
  /** What a frame from this target is. */
  unwrap(frame: Uint8Array): ServerFrame;
}

/** The y-websocket protocol as it is: one message per frame, nothing around it. */
export const Y_WEBSOCKET_FRAMING: Framing = {
  opening: [],
  wrap: (message) => message,
  unwrap: (frame) => ({ kind: 'message', message: frame }),
};

/** What a client does with each kind of server frame. */
export interface FrameHandlers {
  syncStep1(stateVector: Uint8Array): void;
  /** Sync step 2 or an incremental update; `initial` is true for step 2. */
  update(update: Uint8Array, initial: boolean): void;
  /** Called once per entry of an awareness frame; the state JSON is skipped, not parsed. */
  awarenessEntry(clientId: number, clock: number): void;
  awarenessFrame(): void;
}

/** Decodes one server frame and calls the matching handler. Unknown types are ignored. */
export function readServerFrame(frame: Uint8Array, handlers: FrameHandlers): void {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.SYNC) {
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === SyncType.STEP_1) handlers.syncStep1(payload);
    else handlers.update(payload, step === SyncType.STEP_2);
  } else if (type === MessageType.AWARENESS) {
    handlers.awarenessFrame();
    const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(inner);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(inner);
      const clock = decoding.readVarUint(inner);
      const length = decoding.readVarUint(inner);
      inner.pos += length;
      handlers.awarenessEntry(clientId, clock);
    }
  }
}
