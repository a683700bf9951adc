import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that is one shared venue link: every byte from the server to any browser passes
 * one token bucket (`mbitPerSecond` for all connections together, like one access point), and
 * each direction adds half of `latencyMs`. It counts the bytes it carried, so the bench sees
 * exactly what crossed the "Wi-Fi", the service worker's fetches included.
 */
export class ThrottledLink {
  bytesDown = 0;
  bytesUp = 0;
  private linkFreeAt = 0;
  private server: Server | null = null;
  port = 0;

  private readonly target: { host: string; port: number };
  private readonly mbitPerSecond: number;
  private readonly latencyMs: number;

  /** `mbitPerSecond` 0: unthrottled (only counts). */
  constructor(target: { host: string; port: number }, mbitPerSecond: number, latencyMs: number) {
    this.target = target;
    this.mbitPerSecond = mbitPerSecond;
    this.latencyMs = latencyMs;
  }

  async listen(): Promise<void> {
    this.server = createServer((client) => this.pipe(client));
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.port = (this.server.address() as { port: number }).port;
  }

  resetCounters(): void {
    this.bytesDown = 0;
    this.bytesUp = 0;
  }

  /** When a chunk of `bytes` leaves the shared link (down only; the uplink is not the limit). */
  private departure(bytes: number): number {
    const now = performance.now();
    const start = Math.max(now, this.linkFreeAt);
    this.linkFreeAt = start + (bytes * 8) / (this.mbitPerSecond * 1000);
    return this.linkFreeAt + this.latencyMs / 2 - now;
  }

  private readonly sockets = new Set<Socket>();

  private pipe(client: Socket): void {
    const upstream = createConnection(this.target);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    }
    let downChain = Promise.resolve();
    let upChain = Promise.resolve();
    const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, Math.max(0, ms)));
    upstream.on('data', (chunk: Buffer) => {
      this.bytesDown += chunk.length;
      const delay = this.mbitPerSecond > 0 ? this.departure(chunk.length) : this.latencyMs / 2;
      downChain = downChain.then(() => wait(delay)).then(() => void (client.writable && client.write(chunk)));
    });
    client.on('data', (chunk: Buffer) => {
      this.bytesUp += chunk.length;
      upChain = upChain
        .then(() => wait(this.latencyMs / 2))
        .then(() => void (upstream.writable && upstream.write(chunk)));
    });
    const close = () => {
      void downChain.then(() => client.destroy());
      void upChain.then(() => upstream.destroy());
    };
    upstream.on('close', close);
    client.on('close', close);
    upstream.on('error', close);
    client.on('error', close);
  }

  /** Stops listening and cuts every connection still open (websockets stay open otherwise). */
  async close(): Promise<void> {
    const closed = new Promise<void>((done) => this.server?.close(() => done()) ?? done());
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
