import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A TCP proxy in front of a service (PostgreSQL, say) that a test can cut, pause and resume. */
export interface FaultProxy {
  /** Where to connect instead of the service. */
  readonly port: number;
  /** Connections open through the proxy right now. */
  readonly connections: number;
  /** Destroys every proxied connection, as a network cut or a restarted router would (new ones go through). */
  cut(): number;
  /**
   * Stops forwarding: every socket stays open, every byte either way is dropped, and new
   * connections are accepted but get nothing (a paused VM, a blackholed route).
   */
  blackhole(): void;
  /** Forwards again. Bytes dropped meanwhile stay dropped: a connection used meanwhile is out of step for good. */
  resume(): void;
  close(): Promise<void>;
}

/** Starts a {@link FaultProxy} on 127.0.0.1 forwarding to `host:port`. */
export async function startFaultProxy(port: number, host = '127.0.0.1'): Promise<FaultProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let forwarding = true;
  const server: Server = createServer((client) => {
    const upstream = createConnection({ port, host });
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.on('data', (chunk: Buffer) => {
        if (forwarding) to.write(chunk);
      });
      from.on('error', end);
      from.on('close', end);
    }
  });
  const listening = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  const cut = () => {
    const n = pairs.size;
    for (const pair of [...pairs]) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    pairs.clear();
    return n;
  };
  return {
    port: listening,
    get connections() {
      return pairs.size;
    },
    cut,
    blackhole: () => (forwarding = false),
    resume: () => (forwarding = true),
    close: () => {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
