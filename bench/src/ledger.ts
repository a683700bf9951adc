import { LatencyHistogram } from './stats.ts';

/** Send times of one sender (a writer's Yjs client, or a cursor's awareness client), by clock. */
interface Sender {
  readonly room: number;
  readonly sentAt: number[];
  /** Clocks in [from, to) were sent while measuring. */
  from: number;
  to: number;
}

/** What one receiving client has seen so far: the next clock it expects per writer. */
export type ReaderProgress = Map<number, number>;

/**
 * The bench's single source of truth: when each document update and awareness update
 * was sent, and how long each took to reach every other client. All clients live in
 * this process, so one clock (`performance.now()`) times both ends.
 */
export class Ledger {
  /** Document update latency (ms), one sample per update per receiving client. */
  readonly updateLatency = new LatencyHistogram();
  /** Awareness latency (ms), one sample per awareness entry per receiving client. */
  readonly awarenessLatency = new LatencyHistogram();
  /** Updates received (each writer's clock once per reader) that were sent while measuring. */
  delivered = 0;
  /** Awareness frames / entries received while counting (measure window + drain). */
  awarenessFrames = 0;
  awarenessEntries = 0;
  /** Frames of any kind received while counting. */
  frames = 0;
  /** Sockets that closed before the bench closed them. */
  unexpectedCloses = 0;
  private readonly writers = new Map<number, Sender>();
  private readonly cursors = new Map<number, Sender>();
  private readonly roomSizes: number[] = [];
  private measuring = false;
  private counting = false;

  /** Declares that room `room` has `clients` clients (for the expected number of deliveries). */
  setRoomSize(room: number, clients: number): void {
    this.roomSizes[room] = clients;
  }

  /** Registers a writer's Yjs client id. */
  addWriter(clientId: number, room: number): void {
    this.writers.set(clientId, { room, sentAt: [], from: 0, to: 0 });
  }

  /** Registers a cursor's awareness client id. */
  addCursor(clientId: number, room: number): void {
    this.cursors.set(clientId, { room, sentAt: [], from: 0, to: 0 });
  }

  /** Starts the measured window: sends from now on count. */
  beginMeasure(): void {
    for (const sender of [...this.writers.values(), ...this.cursors.values()]) {
      sender.from = sender.sentAt.length;
      sender.to = sender.from;
    }
    this.measuring = true;
    this.counting = true;
  }

  /** Ends the measured window: later sends don't count; receipts still do (drain). */
  endMeasure(): void {
    this.measuring = false;
  }

  /** Stops counting receipts (end of drain). */
  stopCounting(): void {
    this.counting = false;
  }

  /** A writer is about to send the update whose single item has clock `clock`. */
  sentUpdate(clientId: number, clock: number, at: number): void {
    this.recordSend(this.writers.get(clientId), clock, at);
  }

  /** A cursor is about to send its awareness state with clock `clock`. */
  sentAwareness(clientId: number, clock: number, at: number): void {
    this.recordSend(this.cursors.get(clientId), clock, at);
  }

  private recordSend(sender: Sender | undefined, clock: number, at: number): void {
    if (!sender) return;
    sender.sentAt[clock] = at;
    if (this.measuring) sender.to = clock + 1;
  }

  /** A client received the updates of `clientId` with clocks in [from, to). */
  receivedUpdates(progress: ReaderProgress, clientId: number, from: number, to: number, at: number): void {
    const sender = this.writers.get(clientId);
    if (!sender || !this.counting) return;
    // Deliveries arrive in order per writer; anything below `next` is a duplicate.
    const start = Math.max(from, progress.get(clientId) ?? 0, sender.from);
    const end = Math.min(to, sender.to);
    for (let clock = start; clock < end; clock++) {
      this.updateLatency.record(at - sender.sentAt[clock]!);
      this.delivered++;
    }
    if (to > (progress.get(clientId) ?? 0)) progress.set(clientId, to);
  }

  /** A client received one awareness entry. */
  receivedAwareness(clientId: number, clock: number, at: number): void {
    if (!this.counting) return;
    this.awarenessEntries++;
    const sender = this.cursors.get(clientId);
    if (!sender || clock < sender.from || clock >= sender.to) return;
    this.awarenessLatency.record(at - sender.sentAt[clock]!);
  }

  /** Counts a frame of any kind while counting. */
  receivedFrame(): void {
    if (this.counting) this.frames++;
  }

  /** Counts an awareness frame while counting. */
  receivedAwarenessFrame(): void {
    if (this.counting) this.awarenessFrames++;
  }

  /** Updates sent while measuring. */
  get updatesSent(): number {
    let sent = 0;
    for (const writer of this.writers.values()) sent += writer.to - writer.from;
    return sent;
  }

  /** Awareness updates sent while measuring. */
  get awarenessSent(): number {
    let sent = 0;
    for (const cursor of this.cursors.values()) sent += cursor.to - cursor.from;
    return sent;
  }

  /** Every measured update times every other client of its room. */
  get expectedDeliveries(): number {
    let expected = 0;
    for (const writer of this.writers.values()) {
      expected += (writer.to - writer.from) * ((this.roomSizes[writer.room] ?? 1) - 1);
    }
    return expected;
  }
}
