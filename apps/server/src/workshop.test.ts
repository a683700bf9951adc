import { CloseCode, SESSION_MAP, SESSION_STATE_KEY, type SessionState, TL_RECORDS_MAP } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  closeCodesOf,
  closeOf,
  connectClient,
  createBoard,
  frameRecord,
  joinBoard,
  noteRecord,
  openRawSocket,
  putNote,
  recordsOf,
  startTestServer,
  tempDataDir,
  type TestClient,
  textOf,
  waitFor,
  waitForSync,
} from './testing.ts';

describe('workshop controls enforced by the server', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const clients: TestClient[] = [];
  const client = (boardId: string, token: string) => {
    const c = connectClient(server.url, boardId, token);
    clients.push(c);
    return c;
  };
  const api = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
    authedFetch(server.url, path, token, init.method, init.body);
  const command = (boardId: string, token: string, body: unknown) =>
    api(`/api/boards/${boardId}/session`, token, { method: 'POST', body });

  beforeAll(async () => {
    server = await startTestServer(data.dir, { joinAttemptsPerMinute: 1000 });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    data.remove();
  });

  it('lets only facilitators send session commands', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    const refused = await command(board.boardId, participant.token, { type: 'timer.start' });
    expect(refused.status).toBe(403);
    const bad = await command(board.boardId, board.facilitatorToken, { type: 'timer.explode' });
    expect(bad.status).toBe(400);
    const ok = await command(board.boardId, board.facilitatorToken, { type: 'timer.start' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { state: SessionState }).state.timer.status).toBe('running');
  });

  it('shows session state to every member live, and drops their writes to it', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Olga');
    const { doc, provider, destroy } = connectClient(server.url, `${board.boardId}/session`, participant.token);
    try {
      await waitFor(() => provider.synced);
      await command(board.boardId, board.facilitatorToken, {
        type: 'agenda.set',
        agenda: [{ id: 'write', title: 'Silent writing', instructions: 'One idea per note.' }],
      });
      await command(board.boardId, board.facilitatorToken, { type: 'agenda.go', stepId: 'write' });
      const state = () => doc.getMap(SESSION_MAP).get(SESSION_STATE_KEY) as SessionState | undefined;
      await waitFor(() => state()?.currentStepId === 'write');
      // A hand-crafted client tries to unlock/overwrite the state: the server refuses it (4409).
      const closes: number[] = [];
      provider.on('connection-close', (event) => event && closes.push(event.code));
      doc.getMap(SESSION_MAP).set(SESSION_STATE_KEY, { ...state()!, currentStepId: null, locked: false });
      await waitFor(() => closes.length > 0, 5000, 'the write to the session doc to be refused');
      expect(closes).toEqual([CloseCode.UPDATE_REFUSED]);
      await command(board.boardId, board.facilitatorToken, { type: 'lock.set', locked: true });
      const stored = await (await api(`/api/boards/${board.boardId}/session`, participant.token)).json();
      expect((stored as { state: SessionState }).state).toMatchObject({ currentStepId: 'write', locked: true });
    } finally {
      destroy();
    }
  });

  /**
   * A fresh client of `token` makes `edit`; the server refuses it, closing that socket with
   * 4409 (a refused client starts again from a fresh copy, as the web client does).
   */
  const refusedEdit = async (boardId: string, token: string, edit: (c: TestClient) => void) => {
    const c = client(boardId, token);
    await waitForSync(c);
    const closes = closeCodesOf(c);
    edit(c);
    await waitFor(() => closes.length > 0, 5000, 'the refused client to be closed');
    expect(closes).toEqual([CloseCode.UPDATE_REFUSED]);
  };
  const serverRecords = (boardId: string) => server.rooms.get(boardId)!.doc.getMap<unknown>(TL_RECORDS_MAP);

  it('refuses participants’ edits on a locked board but keeps facilitators’', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    const f = client(board.boardId, board.facilitatorToken);
    const p = client(board.boardId, participant.token);
    await Promise.all([waitForSync(f), waitForSync(p)]);
    const closes = closeCodesOf(p);
    await command(board.boardId, board.facilitatorToken, { type: 'lock.set', locked: true });
    putNote(p, 'shape:locked', 'should not land');
    await waitFor(() => closes.length > 0, 5000, 'the locked edit to be refused');
    expect(closes).toEqual([CloseCode.UPDATE_REFUSED]);
    putNote(f, 'shape:facilitator', 'lands');
    await waitFor(() => serverRecords(board.boardId).has('shape:facilitator'));
    await server.rooms.settled();
    expect(serverRecords(board.boardId).has('shape:locked')).toBe(false);
    expect(recordsOf(f).has('shape:locked')).toBe(false);
    await command(board.boardId, board.facilitatorToken, { type: 'lock.set', locked: false });
    // The refused client starts again from a fresh copy.
    const again = client(board.boardId, participant.token);
    const againCloses = closeCodesOf(again);
    await waitForSync(again);
    await waitFor(() => recordsOf(again).has('shape:facilitator'));
    expect(recordsOf(again).has('shape:locked')).toBe(false);
    putNote(again, 'shape:unlocked', 'lands');
    await waitFor(() => recordsOf(f).has('shape:unlocked'));
    expect(textOf(f, 'shape:unlocked')).toBe('lands');
    expect(recordsOf(f).has('shape:locked')).toBe(false);
    expect(againCloses).toEqual([]);
  });

  it('keeps a locked frame and what is in it read-only for participants', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    const f = client(board.boardId, board.facilitatorToken);
    const p = client(board.boardId, participant.token);
    await Promise.all([waitForSync(f), waitForSync(p)]);
    const records = recordsOf;
    records(f).set('shape:frame', frameRecord('shape:frame', 'page:page', 'Locked'));
    putNote(f, 'shape:inside', 'kept', 'shape:frame');
    putNote(f, 'shape:outside', 'free');
    await waitFor(() => records(p).has('shape:outside'));
    await command(board.boardId, board.facilitatorToken, {
      type: 'frame-lock.set',
      frameId: 'shape:frame',
      locked: true,
    });

    // Each refused edit closes its socket, so each comes from a fresh copy.
    await refusedEdit(board.boardId, participant.token, (c) => putNote(c, 'shape:inside', 'changed', 'shape:frame'));
    await refusedEdit(board.boardId, participant.token, (c) => putNote(c, 'shape:sneak-in', 'added', 'shape:frame'));
    await refusedEdit(board.boardId, participant.token, (c) => records(c).delete('shape:frame'));
    const pCloses = closeCodesOf(p);
    putNote(p, 'shape:outside', 'edited');
    await waitFor(() => textOf(f, 'shape:outside') === 'edited');
    await server.rooms.settled();
    expect(pCloses).toEqual([]);
    for (const copy of [f.doc, p.doc, server.rooms.get(board.boardId)!.doc]) {
      expect(textOf(copy, 'shape:inside')).toBe('kept');
      expect(copy.getMap(TL_RECORDS_MAP).has('shape:frame')).toBe(true);
      expect(copy.getMap(TL_RECORDS_MAP).has('shape:sneak-in')).toBe(false);
    }

    // Facilitators can still work inside a locked frame.
    records(f).set('shape:inside', noteRecord('shape:inside', 'shape:frame', 0, 0, 'by facilitator'));
    await waitFor(() => textOf(p, 'shape:inside') === 'by facilitator');
  });

  it('rotates the join code: the old one stops working, people inside stay', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    const p = client(board.boardId, participant.token);
    await waitForSync(p);
    const rotated = await api(`/api/boards/${board.boardId}/join-code`, board.facilitatorToken, { method: 'POST' });
    const { joinCode } = (await rotated.json()) as { joinCode: string };
    expect(joinCode).not.toBe(board.joinCode);
    const old = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: board.joinCode, displayName: 'Late' }),
    });
    expect(old.status).toBe(404);
    expect((await joinBoard(server.url, joinCode, 'Late')).boardId).toBe(board.boardId);
    expect(p.provider.wsconnected).toBe(true);
    const byParticipant = await api(`/api/boards/${board.boardId}/join-code`, participant.token, { method: 'POST' });
    expect(byParticipant.status).toBe(403);
  });

  it('lists members with online status, renames and removes them; a removed member is cut off', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    const ws = await openRawSocket(
      `${server.url.replace('http', 'ws')}/sync/${board.boardId}?token=${participant.token}`,
    );
    await waitFor(() => server.rooms.get(board.boardId)?.size === 1);
    const list = async () =>
      (
        (await (await api(`/api/boards/${board.boardId}/members`, board.facilitatorToken)).json()) as {
          members: { memberId: string; displayName: string; online: boolean; role: string }[];
        }
      ).members;
    const amina = (await list()).find((m) => m.displayName === 'Amina')!;
    expect(amina).toMatchObject({ online: true, role: 'participant' });
    const renamed = await api(`/api/boards/${board.boardId}/members/${amina.memberId}`, board.facilitatorToken, {
      method: 'PATCH',
      body: { displayName: 'A.' },
    });
    expect(((await renamed.json()) as { displayName: string }).displayName).toBe('A.');
    const closed = closeOf(ws);
    const removed = await api(`/api/boards/${board.boardId}/members/${amina.memberId}`, board.facilitatorToken, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect((await closed).code).toBe(CloseCode.FORBIDDEN);
    expect((await api(`/api/boards/${board.boardId}`, participant.token)).status).toBe(401);
    expect((await list()).some((m) => m.memberId === amina.memberId)).toBe(false);
  });

  it('makes whoever opens the co-facilitator link a facilitator', async () => {
    const board = await createBoard(server.url);
    const meta = (await (await api(`/api/boards/${board.boardId}`, board.facilitatorToken)).json()) as {
      coFacilitatorUrl: string;
    };
    const code = meta.coFacilitatorUrl.split('/join/')[1]!;
    expect((await joinBoard(server.url, code, 'Magdalena')).role).toBe('facilitator');
  });
});

describe('join rate limit', () => {
  it('answers 429 after too many attempts from one address', async () => {
    const data = tempDataDir();
    const server = await startTestServer(data.dir, { joinAttemptsPerMinute: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const response = await fetch(`${server.url}/api/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: 'QQQ-QQQ', displayName: 'Guess' }),
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    } finally {
      await server.close();
      data.remove();
    }
  });
});
