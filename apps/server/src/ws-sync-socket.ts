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
  return {
    send: (frame) => {
      const socket = internals._socket;
      if (ws.readyState === WebSocket.OPEN && socket && !socket.destroyed && internals._sender?._state === 0) {
        socket.write(framedBytes(frame));
      } else {
        ws.send(frame);
      }
    },
    close: (code, reason) => ws.close(code, reason),
    get bufferedAmount() {
      return internals._socket?.writableLength ?? ws.bufferedAmount;
    },
  };
}
