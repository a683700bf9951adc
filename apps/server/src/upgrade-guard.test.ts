import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningServer } from './server.ts';
import { createBoard, startTestServer, tempDataDir } from './testing.ts';
import { ConnectionCounter } from './upgrade-guard.ts';

/**
 * Tries a websocket upgrade from `localAddress` (any 127.x.y.z reaches the server on Linux,
 * so each test counts as its own client address); resolves with 'open' or the HTTP status
 * it was refused with.
 */
function tryUpgrade(
  url: string,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<{ status: number | 'open'; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, localAddress });
    ws.once('open', () => resolve({ status: 'open', ws }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, ws });
      response.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('ConnectionCounter', () => {
  it('refuses a slot past the limit, takes one back once, and forgets an address with none open', () => {
    const counter = new ConnectionCounter(2);
    const first = counter.acquire('10.0.0.1')!;
    const second = counter.acquire('10.0.0.1')!;
    expect(counter.acquire('10.0.0.1')).toBeUndefined();
    expect(counter.acquire('10.0.0.2')).toBeDefined();
    first();
    first();
    expect(counter.acquire('10.0.0.1')).toBeDefined();
    expect(counter.acquire('10.0.0.1')).toBeUndefined();
    second();
    const counterOfOne = new ConnectionCounter(1);
    counterOfOne.acquire('10.0.0.3')!();
    expect(counterOfOne.size).toBe(0);
  });
});

describe('websocket upgrade guard', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let socketUrl: string;
  let host: string;
  const open: WebSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer(data.dir, {
      maxConnectionsPerAddress: 3,
      allowedOrigins: ['https://workshops.example.org'],
      publicUrl: 'https://talkoot.example.org',
    });
    const board = await createBoard(server.url);
    host = new URL(server.url).host;
    socketUrl = `${server.url.replace('http', 'ws')}/sync/${board.boardId}?token=${board.facilitatorToken}`;
  });
  afterAll(async () => {
    for (const ws of open) ws.terminate();
    await server.close();
    data.remove();
  });

  /** Opens (and keeps for afterAll) a socket from `from`; returns the socket or the refusal status. */
  const upgrade = async (from: string, headers: Record<string, string> = {}, url = socketUrl) => {
    const result = await tryUpgrade(url, from, headers);
    if (result.status === 'open') open.push(result.ws);
    return result;
  };
  const statusOf = async (from: string, headers: Record<string, string> = {}, url = socketUrl) =>
    (await upgrade(from, headers, url)).status;

  it('lets clients without an Origin in, and pages from PUBLIC_URL or ALLOWED_ORIGINS', async () => {
    expect(await statusOf('127.0.0.10')).toBe('open');
    expect(await statusOf('127.0.0.12', { origin: 'https://talkoot.example.org' })).toBe('open');
    expect(await statusOf('127.0.0.13', { origin: 'https://workshops.example.org' })).toBe('open');
  });

  it('refuses a page from another origin with 403 before upgrading', async () => {
    expect(await statusOf('127.0.0.20', { origin: 'https://evil.example.com' })).toBe(403);
    expect(await statusOf('127.0.0.20', { origin: 'null' })).toBe(403);
    expect(await statusOf('127.0.0.20', { origin: `http://${host}.evil.example.com` })).toBe(403);
    // PUBLIC_URL is set: the Host header is not trusted, even when the page's origin matches it.
    expect(await statusOf('127.0.0.21', { origin: `http://${host}` })).toBe(403);
  });

  it('refuses sockets past the per-address limit with 429, while other addresses still get in', async () => {
    const first = await upgrade('127.0.0.30');
    expect(first.status).toBe('open');
    expect(await statusOf('127.0.0.30')).toBe('open');
    expect(await statusOf('127.0.0.30')).toBe('open');
    expect(await statusOf('127.0.0.30')).toBe(429);
    expect(await statusOf('127.0.0.31')).toBe('open');
    // Once the server has seen one of them close, the address gets that slot back.
    first.ws.close();
    await untilOpen('127.0.0.30');
    expect(await statusOf('127.0.0.30')).toBe(429);
  });

  it('gives the slot back when an upgrade is refused further on (no token)', async () => {
    const noToken = socketUrl.replace(/\?token=.*/, '');
    for (let i = 0; i < 5; i++) expect(await statusOf('127.0.0.40', {}, noToken)).toBe(401);
    for (let i = 0; i < 3; i++) await untilOpen('127.0.0.40');
    expect(await statusOf('127.0.0.40')).toBe(429);
  });

  /** Retries an upgrade from `from` until it opens: a slot comes back when the server sees a close. */
  async function untilOpen(from: string): Promise<void> {
    const deadline = Date.now() + 5000;
    let status: number | 'open';
    while ((status = await statusOf(from)) !== 'open') {
      if (status !== 429 || Date.now() > deadline) throw new Error(`no free slot for ${from}: ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
