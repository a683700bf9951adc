import type { Socket } from 'node:net';
import type { SyncSocket } from '@talkoot/sync';
import * as wsModule from 'ws';
import { WebSocket } from 'ws';

/**
 * A room sends the same frame object to every socket of a room. The websocket framing
 * (header + payload) is built once per frame here, instead of once per socket inside
 * `ws.send`, and written to each TCP socket with one plain write.
 */
const framed = new WeakMap<Uint8Array, Buffer>();

/** `ws` exports its Sender at run time; @types/ws does not declare it. */
const { Sender } = wsModule as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
};

function framedBytes(frame: Uint8Array): Buffer {
  let bytes = framed.get(frame);
  if (!bytes) {
    const parts = Sender.frame(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), {
      fin: true,
      opcode: 0x02,
      mask: false,
      readOnly: true,
      rsv1: false,
    });
    bytes = Buffer.concat(parts);
    framed.set(frame, bytes);
  }
  return bytes;
}

/**
 * Several frames as one buffer, built once per frame list: a room passes the same list
 * to every socket due the same frames.
 */
const framedLists = new WeakMap<readonly Uint8Array[], Buffer>();

function framedListBytes(frames: readonly Uint8Array[]): Buffer {
  let bytes = framedLists.get(frames);
  if (!bytes) {
    bytes = Buffer.concat(frames.map(framedBytes));
    framedLists.set(frames, bytes);
  }
  return bytes;
}

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
    sendFrames: (frames) => {
      const socket = writable();
      if (socket) socket.write(framedListBytes(frames));
      else for (const frame of frames) ws.send(frame);
    },
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return internals._socket?.writableLength ?? ws.bufferedAmount;
    },
  };
}
