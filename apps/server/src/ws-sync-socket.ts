import type { Socket } from 'node:net';
import type { SyncSocket } from '@talkoot/sync';
import * as wsModule from 'ws';
import { WebSocket } from 'ws';

/** `ws` exports its Sender at run time; @types/ws does not declare it. */
const { Sender } = wsModule as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
};

/** One binary websocket frame (header + payload), as `ws` would build it. */
function framedBytes(frame: Uint8Array): Buffer {
  const parts = Sender.frame(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), {
    fin: true,
    opcode: 0x02,
    mask: false,
    readOnly: true,
    rsv1: false,
  });
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * A room hands the same {@link OutgoingFrames} to every socket due the same frames: their
 * framing is built once, kept there, and written to each TCP socket with one plain write.
 */
const FRAMING = Symbol('websocket framing');
const framedAll = (frames: readonly Uint8Array[]): Buffer => Buffer.concat(frames.map(framedBytes));

/** The parts of `ws`'s internals the fast path relies on; checked at run time. */
interface WsInternals {
  _socket?: Socket | null;
  _sender?: { _state?: number };
}

/**
 * Adapts a `ws` socket to the room's {@link SyncSocket}. The fast path writes pre-framed
 * bytes straight to the TCP socket; it is used only while `ws` itself has nothing queued
 * (no compression is configured, so its sender always writes synchronously) and falls
 * back to `ws.send` otherwise.
 */
export function toSyncSocket(ws: WebSocket): SyncSocket {
  const internals = ws as unknown as WsInternals;
  /** The TCP socket, while the fast path may write to it. */
  const writable = (): Socket | undefined => {
    const socket = internals._socket;
    return ws.readyState === WebSocket.OPEN && socket && !socket.destroyed && internals._sender?._state === 0
      ? socket
      : undefined;
  };
  return {
    send: (frame) => {
      const socket = writable();
      if (socket) socket.write(framedBytes(frame));
      else ws.send(frame);
    },
    sendFrames: (outgoing) => {
      const socket = writable();
      if (socket) socket.write(outgoing.keep(FRAMING, framedAll));
      else for (const frame of outgoing.frames) ws.send(frame);
    },
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return internals._socket?.writableLength ?? ws.bufferedAmount;
    },
  };
}
