/**
 * The whole seam between a transport and a room: anything that can send a binary
 * frame and close with a code. The server adapts `ws` sockets to this; tests can use
 * plain objects.
 */
export interface SyncSocket {
  send(frame: Uint8Array): void;
  /**
   * Sends several frames in this order, in one write where the transport can. Rooms pass
   * the same array to every socket that is due the same frames, so a transport may reuse
   * work done for that array.
   */
  sendFrames?(frames: readonly Uint8Array[]): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written, if the transport knows. */
  readonly bufferedAmount?: number;
}
