import { type BoardMeta, SESSION_MAP, SESSION_STATE_KEY, type SessionState, TL_RECORDS_MAP } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ballotDocName, legacyBallotDocName } from './ballot-box.ts';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  connectClient,
  createBoard,
  joinBoard,
  noteRecord,
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
    // Real note records: the server refuses records that are not valid tldraw shapes.
    f.doc.getMap(TL_RECORDS_MAP).set('shape:housing', noteRecord('shape:housing', 'page:page', 0, 0, 'Housing'));
    f.doc
      .getMap(TL_RECORDS_MAP)
      .set('shape:language', noteRecord('shape:language', 'page:page', 0, 0, 'Language courses'));
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
    expect((await vote(olga.token, 'page:page')).status).toBe(404);
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
    expect(server.rooms.get(ballotDocName(board.boardId))?.size ?? 0).toBe(0);

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
    for (const doc of ['votes', 'ballots']) {
      const attempt = await openRawSocket(
        `${server.url.replace('http', 'ws')}/sync/${board.boardId}/${doc}?token=${board.facilitatorToken}`,
      ).then(
        (ws) => {
          ws.close();
          return 'opened';
        },
        (error: Error) => error.message,
      );
      expect(attempt).toMatch(/Unexpected server response/);
    }
  });
});

describe('ballot privacy', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('stores no member id, token or name next to a shape id, and finds each ballot again after a restart', async () => {
    let server = await startTestServer(data.dir);
    const board = await createBoard(server.url);
    const amina = await joinBoard(server.url, board.joinCode, 'Amina');
    const olga = await joinBoard(server.url, board.joinCode, 'Olga');
    const memberIdOf = async (token: string) =>
      ((await (await authedFetch(server.url, `/api/boards/${board.boardId}`, token)).json()) as BoardMeta).you.memberId;
    const ids = [await memberIdOf(amina.token), await memberIdOf(olga.token), await memberIdOf(board.facilitatorToken)];
    await server.rooms.changeDoc(board.boardId, (doc) => {
      for (const id of ['shape:housing', 'shape:language'])
        doc.getMap(TL_RECORDS_MAP).set(id, { id, typeName: 'shape', type: 'note' });
    });
    const call = (path: string, token: string, method = 'GET', body?: unknown) =>
      authedFetch(server.url, `/api/boards/${board.boardId}${path}`, token, method, body);
    await call('/session', board.facilitatorToken, 'POST', { type: 'voting.open', budget: 3 });
    expect((await call('/votes', amina.token, 'POST', { shapeId: 'shape:housing' })).status).toBe(200);
    expect((await call('/votes', amina.token, 'POST', { shapeId: 'shape:housing' })).status).toBe(200);
    expect((await call('/votes', olga.token, 'POST', { shapeId: 'shape:language' })).status).toBe(200);
    expect((await call('/votes', board.facilitatorToken, 'POST', { shapeId: 'shape:language' })).status).toBe(200);
    await server.rooms.settled();

    // What a copy of the data would show: every stored update of the ballots, raw and decoded.
    const stored = await server.storage.docs.load(ballotDocName(board.boardId));
    expect(stored.length).toBeGreaterThan(0);
    const doc = new Y.Doc();
    for (const update of stored) Y.applyUpdate(doc, update);
    const json = JSON.stringify(doc.getMap('ballots').toJSON());
    expect(json).toContain('shape:housing');
    const secrets = [...ids, amina.token, olga.token, board.facilitatorToken, 'Amina', 'Olga'];
    for (const secret of secrets) {
      expect(json).not.toContain(secret);
      for (const update of stored) expect(Buffer.from(update).includes(secret)).toBe(false);
    }
    await server.close();

    // After a restart each member still finds (and can take back) their own votes, budget included.
    server = await startTestServer(data.dir);
    const mine = async (token: string) =>
      (await (await call('/votes', token)).json()) as { used: number; mine: Record<string, number> };
    expect(await mine(amina.token)).toMatchObject({ used: 2, mine: { 'shape:housing': 2 } });
    expect(await mine(olga.token)).toMatchObject({ used: 1, mine: { 'shape:language': 1 } });
    expect((await call('/votes', amina.token, 'POST', { shapeId: 'shape:language' })).status).toBe(200);
    expect((await call('/votes', amina.token, 'POST', { shapeId: 'shape:language' })).status).toBe(409);
    expect((await call('/votes/shape:housing', amina.token, 'DELETE')).status).toBe(200);
    expect(await mine(amina.token)).toMatchObject({ used: 2, mine: { 'shape:housing': 1, 'shape:language': 1 } });

    // A new vote files the same person's ballot under a key of its own.
    const keys = () => server.rooms.readDoc(ballotDocName(board.boardId), (d) => [...d.getMap('ballots').keys()]);
    const before = await keys();
    await call('/session', board.facilitatorToken, 'POST', { type: 'voting.open', budget: 1 });
    expect((await call('/votes', amina.token, 'POST', { shapeId: 'shape:housing' })).status).toBe(200);
    const after = await keys();
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
    await server.close();
  });

  it('counts ballots an earlier version stored by member id until the next vote opens, then deletes them', async () => {
    const server = await startTestServer(data.dir);
    const board = await createBoard(server.url);
    const call = (path: string, body: unknown) =>
      authedFetch(server.url, `/api/boards/${board.boardId}${path}`, board.facilitatorToken, 'POST', body);
    const legacy = legacyBallotDocName(board.boardId);
    await call('/session', { type: 'voting.open', budget: 3 });
    await server.rooms.changeDoc(legacy, (doc) => doc.getMap('ballots').set('member-id-1', { 'shape:housing': 2 }));
    await server.rooms.settled();
    const revealed = (await (await call('/session', { type: 'voting.reveal' })).json()) as { state: SessionState };
    expect(revealed.state.voting.results).toEqual({ 'shape:housing': 2 });

    await call('/session', { type: 'voting.open', budget: 3 });
    await server.rooms.settled();
    expect(await server.storage.docs.load(legacy)).toEqual([]);
    await server.close();
  });
});
