import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originAllowed } from './origin-check.ts';
import type { RunningServer } from './server.ts';
import { createBoard, startTestServer, tempDataDir } from './testing.ts';

/** An HTTP call with any headers, `Host` included (fetch would not send a forged one). */
function rawCall(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, {
      method,
      agent: false,
      headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
    });
    req.once('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    req.once('error', reject);
    req.end(payload);
  });
}

describe('originAllowed', () => {
  const none = { allowedOrigins: [], publicUrl: undefined };

  it.each([
    ['http://192.168.1.20:8787', '192.168.1.20:8787'],
    ['http://127.0.0.1:8787', '127.0.0.1:8787'],
    ['http://localhost:8787', 'localhost:8787'],
    ['http://[::1]:8787', '[::1]:8787'],
    ['http://[fe80::1]', '[FE80::1]:80'],
  ])('without PUBLIC_URL allows %s from a page served at its own IP literal or localhost (Host %s)', (origin, host) => {
    expect(originAllowed(origin, host, none)).toBe(true);
  });

  it.each([
    ['https://talkoot.example.org', 'talkoot.example.org'],
    ['http://rebind.attacker.example:8787', 'rebind.attacker.example:8787'],
    ['http://laptop.local:8787', 'laptop.local:8787'],
    ['http://127.0.0.1:8787', '127.0.0.1:8788'],
    ['http://127.0.0.1:8787', undefined],
    ['http://127.0.0.1:8787', 'not a host/'],
  ])('without PUBLIC_URL refuses %s with Host %s (a domain name may be a DNS rebinding)', (origin, host) => {
    expect(originAllowed(origin, host, none)).toBe(false);
  });

  it('with PUBLIC_URL allows its origin and ALLOWED_ORIGINS only, never what matches the Host header', () => {
    const policy = { allowedOrigins: ['https://workshops.example.org'], publicUrl: 'https://talkoot.example.org/base' };
    expect(originAllowed('https://talkoot.example.org', '127.0.0.1:8787', policy)).toBe(true);
    expect(originAllowed('https://workshops.example.org', '127.0.0.1:8787', policy)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8787', '127.0.0.1:8787', policy)).toBe(false);
    expect(originAllowed('https://rebind.attacker.example', 'rebind.attacker.example', policy)).toBe(false);
    expect(originAllowed('https://evil.example.com', '127.0.0.1:8787', policy)).toBe(false);
    expect(originAllowed('http://talkoot.example.org', '127.0.0.1:8787', policy)).toBe(false);
  });

  it('refuses opaque and non-web origins', () => {
    const policy = { allowedOrigins: ['https://workshops.example.org'], publicUrl: undefined };
    expect(originAllowed('null', '127.0.0.1:8787', policy)).toBe(false);
    expect(originAllowed('chrome-extension://abc', 'abc', policy)).toBe(false);
    expect(originAllowed('https://workshops.example.org', 'workshops.example.org', policy)).toBe(true);
  });
});

describe('origin check of state-changing HTTP calls', () => {
  const data = tempDataDir();
  let local: RunningServer;
  let published: RunningServer;

  beforeAll(async () => {
    local = await startTestServer(data.dir);
    published = await startTestServer(`${data.dir}/published`, { publicUrl: 'https://talkoot.example.org' });
  });
  afterAll(async () => {
    await local.close();
    await published.close();
    data.remove();
  });

  const create = (server: RunningServer, headers: Record<string, string>) =>
    rawCall(`${server.url}/api/boards`, 'POST', headers, { title: 'Origin check' });

  it('without PUBLIC_URL accepts the page served at the server’s IP address, and calls without an Origin', async () => {
    const host = new URL(local.url).host;
    expect((await create(local, { origin: local.url })).status).toBe(201);
    expect(
      (await create(local, { origin: `http://localhost:${local.port}`, host: `localhost:${local.port}` })).status,
    ).toBe(201);
    expect((await create(local, {})).status).toBe(201);
    expect((await create(local, { host })).status).toBe(201);
  });

  it('without PUBLIC_URL refuses a page of another origin and a rebound domain name with 403 forbidden-origin', async () => {
    const foreign = await create(local, { origin: 'https://evil.example.com' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: 'forbidden-origin', message: expect.any(String) });
    const rebound = `rebind.attacker.example:${local.port}`;
    expect((await create(local, { origin: `http://${rebound}`, host: rebound })).status).toBe(403);
  });

  it('with PUBLIC_URL refuses an Origin that matches only the Host header, and accepts PUBLIC_URL', async () => {
    expect((await create(published, { origin: published.url })).status).toBe(403);
    expect((await create(published, { origin: 'https://talkoot.example.org' })).status).toBe(201);
  });

  it('checks POST, PATCH and DELETE on every API route before the body or the token, and lets reads through', async () => {
    const board = await createBoard(local.url);
    const evil = { origin: 'https://evil.example.com', authorization: `Bearer ${board.facilitatorToken}` };
    const base = `${local.url}/api/boards/${board.boardId}`;
    expect(
      (await rawCall(`${local.url}/api/join`, 'POST', evil, { code: board.joinCode, displayName: 'X' })).status,
    ).toBe(403);
    expect((await rawCall(`${base}/session`, 'POST', evil, { type: 'lock.set', locked: true })).status).toBe(403);
    expect((await rawCall(base, 'PATCH', evil, { retentionDays: 1 })).status).toBe(403);
    expect((await rawCall(base, 'DELETE', evil)).status).toBe(403);
    expect((await rawCall(base, 'GET', evil)).status).toBe(200);
    expect((await rawCall(base, 'GET', { authorization: evil.authorization })).status).toBe(200);
  });
});
