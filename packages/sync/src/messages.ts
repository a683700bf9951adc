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
 * Decodes one websocket frame of the y-websocket protocol. The Yjs payload is decoded
 * in full (without touching any document), so a truncated or garbled update is refused
 * here rather than half-applied later.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) {
      throw new MalformedMessageError('trailing bytes after message');
    }
    return message;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(error instanceof Error ? error.message : 'undecodable message');
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      switch (syncType) {
        case syncProtocol.messageYjsSyncStep1:
          Y.decodeStateVector(payload);
          return { kind: 'sync-step-1', stateVector: payload };
        case syncProtocol.messageYjsSyncStep2:
          validateUpdate(payload);
          return { kind: 'sync-step-2', update: payload };
        case syncProtocol.messageYjsUpdate:
          validateUpdate(payload);
          return { kind: 'update', update: payload };
        default:
          throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
    }
    case MessageType.AWARENESS:
      // The entries are parsed (once) by applyAwarenessUpdate, which throws on bad JSON.
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.QUERY_AWARENESS:
      return { kind: 'query-awareness' };
    default:
      throw new MalformedMessageError(`unknown message type ${type}`);
  }
}

function validateUpdate(update: Uint8Array): void {
  if (update.length === 0) throw new MalformedMessageError('empty update');
  // Full structural decode; throws on truncation or garbage.
  Y.decodeUpdate(update);
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
