/**
 * Frames a room sends, in order, to one socket or to several at once: the same object goes to
 * every socket due the same frames, so a transport may do per-list work once (e.g. building the
 * websocket framing) and keep it here under a key of its own.
 */
export class OutgoingFrames {
  readonly frames: readonly Uint8Array[];
  private readonly kept = new Map<symbol, unknown>();

  constructor(frames: readonly Uint8Array[]) {
    this.frames = frames;
  }

  /** What `make` builds from these frames, built once per key. */
  keep<T>(key: symbol, make: (frames: readonly Uint8Array[]) => T): T {
    if (this.kept.has(key)) return this.kept.get(key) as T;
    const made = make(this.frames);
    this.kept.set(key, made);
    return made;
  }
}

/**
 * The whole seam between a transport and a room: anything that can send a binary
 * frame and close with a code. The server adapts `ws` sockets to this; tests can use
 * plain objects.
 */
export interface SyncSocket {
  send(frame: Uint8Array): void;
  /** Sends frames in their order, in one write where the transport can (see {@link OutgoingFrames}). */
  sendFrames?(frames: OutgoingFrames): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet written, if the transport knows. */
  readonly bufferedAmount?: number;
}
