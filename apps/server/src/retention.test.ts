import { CloseCode, TL_RECORDS_MAP } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  closeOf,
  connectClient,
  createBoard,
  joinBoard,
  openRawSocket,
  putNote,
  startTestServer,
  tempDataDir,
  waitFor,
  waitForSync,
} from './testing.ts';

const day = 24 * 3600_000;

describe('deleting workshops', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let clock = Date.now();

  beforeAll(async () => {
    server = await startTestServer(data.dir, { now: () => new Date(clock), retentionSweepMs: 50 });
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  const api = (path: string, token: string, method = 'GET', body?: unknown) =>
    authedFetch(server.url, path, token, method, body);
  const storedDocs = async (boardId: string) =>
    (await server.storage.docs.load(boardId)).length + (await server.storage.docs.load(`${boardId}/session`)).length;

  it('deletes a board at once when its facilitator asks, with everything stored for it', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    expect((await api(`/api/boards/${board.boardId}`, participant.token, 'DELETE')).status).toBe(403);

    const writer = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(writer);
    putNote(writer, 'shape:a', 'a note');
    await api(`/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', { type: 'timer.start' });
    await waitFor(() => server.rooms.get(board.boardId)?.doc.getMap(TL_RECORDS_MAP).has('shape:a') === true);
    await server.rooms.settled();
    expect(await storedDocs(board.boardId)).toBeGreaterThan(0);
    writer.destroy();

    const watcher = await openRawSocket(
      `${server.url.replace('http', 'ws')}/sync/${board.boardId}?token=${participant.token}`,
    );
    await waitFor(() => server.rooms.get(board.boardId)?.size === 1);
    const closed = closeOf(watcher);
    expect((await api(`/api/boards/${board.boardId}`, board.facilitatorToken, 'DELETE')).status).toBe(204);
    expect((await closed).code).toBe(CloseCode.BOARD_NOT_FOUND);
    expect((await api(`/api/boards/${board.boardId}`, board.facilitatorToken)).status).toBe(404);
    const rejoin = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: board.joinCode, displayName: 'Late' }),
    });
    expect(rejoin.status).toBe(404);
    expect(await storedDocs(board.boardId)).toBe(0);
  });

  it('deletes boards for good when their retention period ends, and keeps the others', async () => {
    const short = await createBoard(server.url, 'One-day workshop');
    const long = await createBoard(server.url, 'Three-month project');
    const set = await api(`/api/boards/${short.boardId}`, short.facilitatorToken, 'PATCH', { retentionDays: 1 });
    expect(set.status).toBe(200);
    const meta = (await (await api(`/api/boards/${short.boardId}`, short.facilitatorToken)).json()) as {
      retentionDays: number;
      expiresAt: string;
      createdAt: string;
    };
    expect(meta.retentionDays).toBe(1);
    expect(Date.parse(meta.expiresAt) - Date.parse(meta.createdAt)).toBe(day);
    const bad = await api(`/api/boards/${short.boardId}`, short.facilitatorToken, 'PATCH', { retentionDays: 0 });
    expect(bad.status).toBe(400);

    const client = connectClient(server.url, short.boardId, short.facilitatorToken);
    await waitForSync(client);
    putNote(client, 'shape:a', 'gone tomorrow');
    await waitFor(() => server.rooms.get(short.boardId)?.doc.getMap(TL_RECORDS_MAP).has('shape:a') === true);
    client.destroy();

    clock += 2 * day;
    await expect
      .poll(async () => (await api(`/api/boards/${short.boardId}`, short.facilitatorToken)).status, { timeout: 5000 })
      .toBe(404);
    expect(await storedDocs(short.boardId)).toBe(0);
    expect((await api(`/api/boards/${long.boardId}`, long.facilitatorToken)).status).toBe(200);
  });
});
