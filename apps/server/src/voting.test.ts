import { SESSION_MAP, SESSION_STATE_KEY, type SessionState, TL_RECORDS_MAP } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  connectClient,
  createBoard,
  joinBoard,
  openRawSocket,
  startTestServer,
  tempDataDir,
  waitFor,
  waitForSync,
} from './testing.ts';

describe('dot voting', () => {
  const data = tempDataDir();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer(data.dir, { joinAttemptsPerMinute: 1000 });
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  const call = (path: string, token: string, method = 'GET', body?: unknown) =>
    authedFetch(server.url, path, token, method, body);

  it('enforces the budget against a hand-crafted client, keeps votes secret until reveal, then shows totals', async () => {
    const board = await createBoard(server.url);
    const amina = await joinBoard(server.url, board.joinCode, 'Amina');
    const olga = await joinBoard(server.url, board.joinCode, 'Olga');
    const watcher = await joinBoard(server.url, board.joinCode, 'Watcher', 'observer');
    const f = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(f);
    f.doc.getMap(TL_RECORDS_MAP).set('shape:housing', { id: 'shape:housing', text: 'Housing' });
    f.doc.getMap(TL_RECORDS_MAP).set('shape:language', { id: 'shape:language', text: 'Language courses' });
    await server.rooms.settled();
    const vote = (token: string, shapeId: string) =>
      call(`/api/boards/${board.boardId}/votes`, token, 'POST', { shapeId });

    expect((await vote(amina.token, 'shape:housing')).status).toBe(409); // not open yet
    await call(`/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', {
      type: 'voting.open',
      budget: 3,
    });

    // Five votes at once from one person with a budget of three: exactly three count.
    const statuses = (await Promise.all([1, 2, 3, 4, 5].map(() => vote(amina.token, 'shape:housing')))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
    const mine = (await (await call(`/api/boards/${board.boardId}/votes`, amina.token)).json()) as {
      used: number;
      mine: Record<string, number>;
    };
    expect(mine).toMatchObject({ used: 3, mine: { 'shape:housing': 3 } });

    expect((await vote(olga.token, 'shape:nope')).status).toBe(404);
    expect((await vote(watcher.token, 'shape:housing')).status).toBe(403);
    expect((await vote(olga.token, 'shape:language')).status).toBe(200);
    expect((await vote(olga.token, 'shape:housing')).status).toBe(200);
    const back = await call(`/api/boards/${board.boardId}/votes/shape:housing`, olga.token, 'DELETE');
    expect(((await back.json()) as { mine: Record<string, number> }).mine).toEqual({ 'shape:language': 1 });

    // Nobody can see totals (or anyone's ballot) before the reveal.
    const session = connectClient(server.url, `${board.boardId}/session`, olga.token);
    await waitForSync(session);
    const state = () => session.doc.getMap(SESSION_MAP).get(SESSION_STATE_KEY) as SessionState | undefined;
    await waitFor(() => state()?.voting.status === 'open');
    expect(state()!.voting.results).toBeNull();
    expect(JSON.stringify(session.doc.toJSON())).not.toContain('shape:housing');
    expect(server.rooms.get(`${board.boardId}/votes`)?.size ?? 0).toBe(0);

    await call(`/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', { type: 'voting.reveal' });
    await waitFor(() => state()?.voting.status === 'revealed');
    expect(state()!.voting.results).toEqual({ 'shape:housing': 3, 'shape:language': 1 });
    expect((await vote(olga.token, 'shape:language')).status).toBe(409);

    // A new round starts from empty ballots.
    await call(`/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', {
      type: 'voting.open',
      budget: 1,
    });
    expect((await vote(amina.token, 'shape:language')).status).toBe(200);
    expect((await vote(amina.token, 'shape:language')).status).toBe(409);
    session.destroy();
    f.destroy();
  });

  it('keeps ballots out of reach of the sync endpoint', async () => {
    const board = await createBoard(server.url);
    const attempt = await openRawSocket(
      `${server.url.replace('http', 'ws')}/sync/${board.boardId}/votes?token=${board.facilitatorToken}`,
    ).then(
      (ws) => {
        ws.close();
        return 'opened';
      },
      (error: Error) => error.message,
    );
    expect(attempt).toMatch(/Unexpected server response/);
  });
});
