import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { createBoard, joinBoard, startTestServer, tempDataDir } from './testing.ts';

describe('HTTP API', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const post = (path: string, body: unknown, raw = false) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ? (body as string) : JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer(data.dir);
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('answers the health check', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    // Counts only: no board id, content or token.
    expect(await response.json()).toEqual({ ok: true, rooms: 0, sockets: 0 });
  });

  it('creates a board with a readable join code, a facilitator token and a join link', async () => {
    const response = await post('/api/boards', { title: 'Immigration dialogue, Tampere' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, string>;
    expect(body.boardId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(body.joinCode).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{3}-[34679ACDEFGHJKMNPQRTWXY]{3}$/);
    expect(body.facilitatorToken!.length).toBeGreaterThanOrEqual(43);
    expect(body.joinUrl).toBe(`${server.url}/join/${body.joinCode}`);
  });

  it('rejects a bad body with 400 and says which field is wrong', async () => {
    const response = await post('/api/boards', { title: '', extra: 1 });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid-body');
    expect(body.issues.map((i) => i.path)).toContain('title');
    expect(body.message).toMatch(/title/);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await post('/api/boards', '{"title": ', true);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid-json');
  });

  it('rejects a body over 64 KiB with 413', async () => {
    const response = await post('/api/boards', { title: 'x'.repeat(70_000) });
    expect(response.status).toBe(413);
  });

  it('joins by code ignoring case and dashes, as a participant by default', async () => {
    const board = await createBoard(server.url);
    const joined = await joinBoard(server.url, board.joinCode.toLowerCase().replace('-', ' '), 'Amina');
    expect(joined.boardId).toBe(board.boardId);
    expect(joined.role).toBe('participant');
    expect(joined.token).not.toBe(board.facilitatorToken);
  });

  it('joins as an observer when asked', async () => {
    const board = await createBoard(server.url);
    expect((await joinBoard(server.url, board.joinCode, 'Watcher', 'observer')).role).toBe('observer');
  });

  it('answers an unknown join code with 404 and a JSON error', async () => {
    const response = await post('/api/join', { code: 'QQQ-QQQ', displayName: 'Amina' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toBe('unknown-join-code');
  });

  it('gives board metadata to a member, with the join code only for facilitators', async () => {
    const board = await createBoard(server.url, 'World café');
    const joined = await joinBoard(server.url, board.joinCode, 'Olga');
    const get = (token: string) =>
      fetch(`${server.url}/api/boards/${board.boardId}`, { headers: { authorization: `Bearer ${token}` } });
    const asFacilitator = (await (await get(board.facilitatorToken)).json()) as Record<string, unknown>;
    expect(asFacilitator).toMatchObject({
      title: 'World café',
      joinCode: board.joinCode,
      you: { role: 'facilitator' },
    });
    const asParticipant = (await (await get(joined.token)).json()) as Record<string, unknown>;
    expect(asParticipant).toMatchObject({ title: 'World café', you: { role: 'participant', displayName: 'Olga' } });
    expect(asParticipant.joinCode).toBeUndefined();
  });

  it('refuses board metadata without a valid token of that board', async () => {
    const a = await createBoard(server.url);
    const b = await createBoard(server.url);
    const noToken = await fetch(`${server.url}/api/boards/${a.boardId}`);
    expect(noToken.status).toBe(401);
    const otherBoard = await fetch(`${server.url}/api/boards/${a.boardId}`, {
      headers: { authorization: `Bearer ${b.facilitatorToken}` },
    });
    expect(otherBoard.status).toBe(401);
    const unknown = await fetch(`${server.url}/api/boards/nosuchboard123`, {
      headers: { authorization: `Bearer ${a.facilitatorToken}` },
    });
    expect(unknown.status).toBe(404);
  });

  it('serves the client configuration', async () => {
    const response = await fetch(`${server.url}/api/config`);
    const body = (await response.json()) as { tldrawLicenseKey: null; serverTime: number };
    expect(body.tldrawLicenseKey).toBeNull();
    expect(Math.abs(body.serverTime - Date.now())).toBeLessThan(5000);
  });
});
