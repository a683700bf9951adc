import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
} as const;

/** A decoded, validated message from a client. */
export type ClientMessage =
  | { readonly kind: 'sync-step-1'; readonly stateVector: Uint8Array }
  | { readonly kind: 'sync-step-2'; readonly update: Uint8Array }
  | { readonly kind: 'update'; readonly update: Uint8Array }
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  | { readonly kind: 'query-awareness' };

/** Thrown by {@link decodeClientMessage} for anything that is not a well-formed message. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/**
 * Deepest nesting of arrays and objects accepted in document content and awareness states.
 * Yjs and y-protocols read and write such values recursively, and how deep the stack goes
 * depends on the engine and on whether the code is optimised yet: a value that decodes once
 * may overflow the stack when it is encoded for the next client, which would poison the
 * board. tldraw's records (rich text included) stay far below this.
 */
export const MAX_NESTING_DEPTH = 100;

/**
 * Decodes one websocket frame of the y-websocket protocol. The payload is decoded in full
 * (without touching any document) and must be exactly as long as it claims, so a
 * truncated, garbled or over-deep update or awareness message is refused here rather than
 * half-applied later.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) {
      throw new MalformedMessageError('trailing bytes after message');
    }
    validate(message);
    return message;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(error instanceof Error ? error.message : 'undecodable message');
  }
}

/** Reads the envelope only; {@link validate} checks the payload once its bounds are known to be right. */
function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      switch (syncType) {
        case syncProtocol.messageYjsSyncStep1:
          return { kind: 'sync-step-1', stateVector: payload };
        case syncProtocol.messageYjsSyncStep2:
          return { kind: 'sync-step-2', update: payload };
        case syncProtocol.messageYjsUpdate:
          return { kind: 'update', update: payload };
        default:
          throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
    }
    case MessageType.AWARENESS:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.QUERY_AWARENESS:
      return { kind: 'query-awareness' };
    default:
      throw new MalformedMessageError(`unknown message type ${type}`);
  }
}

function validate(message: ClientMessage): void {
  switch (message.kind) {
    case 'sync-step-1':
      Y.decodeStateVector(message.stateVector);
      return;
    case 'sync-step-2':
    case 'update':
      validateUpdate(message.update);
      return;
    case 'awareness':
      validateAwareness(message.update);
      return;
    case 'query-awareness':
      return;
  }
}

/** Updates decoded by {@link decodeClientMessage}, so the write gate need not decode them again. */
const decodedUpdates = new WeakMap<Uint8Array, ReturnType<typeof Y.decodeUpdate>>();

/** The structs and delete set of an update payload (decoded once per message). */
export function decodedUpdateOf(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  const known = decodedUpdates.get(update);
  if (known) return known;
  const decoded = Y.decodeUpdate(update);
  decodedUpdates.set(update, decoded);
  return decoded;
}

function validateUpdate(update: Uint8Array): void {
  if (update.length === 0) throw new MalformedMessageError('empty update');
  // Full structural decode; throws on truncation or garbage.
  const decoded = Y.decodeUpdate(update);
  decodedUpdates.set(update, decoded);
  const { structs, ds } = decoded;
  // Yjs never encodes an empty delete range; it keeps one pending and then fails to encode it.
  for (const ranges of ds.clients.values()) {
    for (const range of ranges) if (range.len === 0) throw new MalformedMessageError('empty delete range');
  }
  for (const struct of structs) {
    // Yjs never makes an empty struct; one breaks its lookups (findIndexSS) in the middle of
    // a transaction's clean-up, and the document then stops emitting updates for good.
    if (struct.length === 0) throw new MalformedMessageError('empty struct');
    if (!(struct instanceof Y.Item)) continue;
    // What an item points at existed before it; pointing at itself or later makes Yjs throw
    // half-way through integrating it.
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const id of [struct.origin, struct.rightOrigin, parent]) {
      if (id && id.client === struct.id.client && id.clock >= struct.id.clock) {
        throw new MalformedMessageError('item refers to itself');
      }
    }
    const content: unknown = struct.content;
    let values: readonly unknown[] = [];
    if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) values = content.arr;
    else if (content instanceof Y.ContentEmbed) values = [content.embed];
    else if (content instanceof Y.ContentFormat) values = [content.value];
    else if (content instanceof Y.ContentDoc) values = [content.opts];
    for (const value of values) {
      if (!withinNestingLimit(value)) throw new MalformedMessageError('content nested too deep');
    }
  }
}

/**
 * Checks an awareness update the way `applyAwarenessUpdate` will read it, so that applying
 * it cannot fail half-way (which would leave states nobody is told about): every entry's
 * state must be JSON within the nesting limit, and the payload must end where the last
 * entry does (a string claiming more bytes than the payload holds would otherwise be read
 * from whatever lies after it in memory).
 */
function validateAwareness(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    const json = decoding.readVarString(decoder);
    if (decoder.pos > update.length) throw new MalformedMessageError('awareness state runs past the message');
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new MalformedMessageError('awareness state is not JSON');
    }
    if (!withinNestingLimit(state)) throw new MalformedMessageError('awareness state nested too deep');
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after awareness update');
}

/** Whether `value` nests arrays and objects at most {@link MAX_NESTING_DEPTH} deep (checked without recursion). */
function withinNestingLimit(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object' || current instanceof Uint8Array) continue;
    if (depth > MAX_NESTING_DEPTH) return false;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}

/** The server's opening sync step 1: "here is what I have, send me what I miss". */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Reply to a client's sync step 1 with everything it is missing. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** A document update message. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying the given clients' current states. */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: readonly number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [...clients]));
  return encoding.toUint8Array(encoder);
}
