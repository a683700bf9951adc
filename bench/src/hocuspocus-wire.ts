/**
 * Hocuspocus's variant of the y-websocket protocol (read from `@hocuspocus/server` 4.7.0's
 * `ClientConnection.ts`, `Connection.ts`, `MessageReceiver.ts`, `OutgoingMessage.ts` and
 * `@hocuspocus/common`'s `auth.ts`), as far as the bench's raw clients need it:
 *
 * - every frame, both ways, starts with the document name as a var-string (one socket can
 *   carry several documents), then the y-websocket message type and body as usual;
 * - the server queues everything a client sends for a document until it has received an
 *   auth message for it (`AUTH`, `TOKEN`, a token string) and run its `onAuthenticate` hooks;
 *   then it answers `AUTH`, `AUTHENTICATED`, a scope string, and handles the queue;
 * - it acknowledges every sync step 2 and update with a `SYNC_STATUS` frame;
 * - it ends a document's session with `AUTH`, `PERMISSION_DENIED` or a `CLOSE` frame,
 *   which leave the socket open.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Framing, ServerFrame } from './wire.ts';

/** Top-level message types of Hocuspocus (`MessageType` in `@hocuspocus/server`'s `types.ts`). */
export const HocuspocusMessageType = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
  /** Like `SYNC`, but a sync step 1 in it is not answered with one. */
  SYNC_REPLY: 4,
  STATELESS: 5,
  BROADCAST_STATELESS: 6,
  CLOSE: 7,
  SYNC_STATUS: 8,
  PING: 9,
  PONG: 10,
} as const;

/** Sub-types of an auth message (`AuthMessageType` in `@hocuspocus/common`). */
export const HocuspocusAuthType = { TOKEN: 0, PERMISSION_DENIED: 1, AUTHENTICATED: 2 } as const;

/** `message` (a y-websocket message) addressed to `documentName`. */
export function frameForDocument(documentName: string, message: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeUint8Array(encoder, message);
  return encoding.toUint8Array(encoder);
}

/** The auth message a client sends for `documentName` before its sync step 1 (as the provider does). */
export function encodeHocuspocusAuth(documentName: string, token: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, HocuspocusMessageType.AUTH);
  encoding.writeVarUint(encoder, HocuspocusAuthType.TOKEN);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

/** A server frame split into its document name and what it carries. */
export function readHocuspocusFrame(frame: Uint8Array): { documentName: string; frame: ServerFrame } {
  const decoder = decoding.createDecoder(frame);
  const documentName = decoding.readVarString(decoder);
  const start = decoder.pos;
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case HocuspocusMessageType.SYNC:
    case HocuspocusMessageType.AWARENESS:
      return { documentName, frame: { kind: 'message', message: frame.subarray(start) } };
    case HocuspocusMessageType.SYNC_REPLY: {
      // Only sent to in-process connections by 4.7.0; if one arrives, it is a sync message.
      const message = frame.slice(start);
      message[0] = HocuspocusMessageType.SYNC;
      return { documentName, frame: { kind: 'message', message } };
    }
    case HocuspocusMessageType.AUTH: {
      if (decoding.readVarUint(decoder) !== HocuspocusAuthType.PERMISSION_DENIED) {
        return { documentName, frame: { kind: 'control' } };
      }
      return { documentName, frame: { kind: 'refused', reason: `permission denied: ${readRest(decoder)}` } };
    }
    case HocuspocusMessageType.CLOSE:
      return { documentName, frame: { kind: 'refused', reason: `closed: ${readRest(decoder)}` } };
    default:
      return { documentName, frame: { kind: 'control' } };
  }
}

const readRest = (decoder: decoding.Decoder) => (decoding.hasContent(decoder) ? decoding.readVarString(decoder) : '');

/**
 * The framing of a client of one Hocuspocus document: it authenticates (with `token`; the
 * bench's server has no `onAuthenticate` hook, so any token passes) and addresses every
 * message to the document. Frames for another document count as control frames.
 */
export function hocuspocusFraming(documentName: string, token = ''): Framing {
  return {
    opening: [encodeHocuspocusAuth(documentName, token)],
    wrap: (message) => frameForDocument(documentName, message),
    unwrap: (data) => {
      const { documentName: name, frame } = readHocuspocusFrame(data);
      return name === documentName ? frame : { kind: 'control' };
    },
  };
}
