import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { startTestServer, tempDataDir } from './testing.ts';

/** POSTs JSON from a given local address (any 127.x.y.z reaches the server on Linux). */
function postFrom(
  url: string,
  body: unknown,
  localAddress = '127.0.0.1',
): Promise<{ status: number; retryAfter: string | undefined; json: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      localAddress,
      headers: { 'content-type': 'application/json' },
    });
    req.once('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          retryAfter: response.headers['retry-after'],
          json: JSON.parse(text) as Record<string, string>,
        }),
      );
    });
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('per-address limits of the HTTP API', () => {
  const data = tempDataDir();
  let server: RunningServer;

  beforeAll(async () => {
    // The defaults: 10 boards and 20 wrong join codes per address and minute.
    server = await startTestServer(data.dir, { boardCreationsPerMinute: undefined });
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('creates 10 boards a minute from one address, then answers 429 with Retry-After; other addresses go on', async () => {
    const create = (from: string) => postFrom(`${server.url}/api/boards`, { title: 'Flood' }, from);
    for (let i = 0; i < 10; i++) expect((await create('127.0.1.1')).status).toBe(201);
    const refused = await create('127.0.1.1');
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error: 'rate-limited', message: expect.any(String) });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect((await create('127.0.1.2')).status).toBe(201);
  });

  it('lets 30 tablets behind one venue address join (successful joins never count)', async () => {
    const board = await postFrom(`${server.url}/api/boards`, { title: 'Venue' }, '127.0.2.1');
    const joins = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postFrom(`${server.url}/api/join`, { code: board.json.joinCode, displayName: `Tablet ${i}` }, '127.0.2.2'),
      ),
    );
    expect(joins.map((j) => j.status)).toEqual(new Array(30).fill(200));
  });

  it('answers the 21st wrong code from one address with 429, even a right code then, but not other addresses', async () => {
    const board = await postFrom(`${server.url}/api/boards`, { title: 'Guessed' }, '127.0.3.1');
    const guess = (code: string, from = '127.0.3.2') =>
      postFrom(`${server.url}/api/join`, { code, displayName: 'Guess' }, from);
    for (let i = 0; i < 20; i++) expect((await guess('QQQ-QQQ')).status).toBe(404);
    const refused = await guess('QQQ-QQQ');
    expect(refused.status).toBe(429);
    expect(refused.json.error).toBe('rate-limited');
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await guess(board.json.joinCode!)).status).toBe(429);
    expect((await guess(board.json.joinCode!, '127.0.3.3')).status).toBe(200);
  });
});
