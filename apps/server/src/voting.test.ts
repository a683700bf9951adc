import { type BoardMeta, SESSION_MAP, SESSION_STATE_KEY, type SessionState, TL_RECORDS_MAP } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measureIdForNote, readActionPlan } from '@talkoot/action-plan';
import { partShapeId } from '@talkoot/templates';
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
  type TestClient,
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
  describe('on a prioritisation board', () => {
    const clients: TestClient[] = [];
    afterAll(() => {
      for (const client of clients) client.destroy();
    });
    const online = async (boardId: string, token: string) => {
      const client = connectClient(server.url, boardId, token);
      clients.push(client);
      await waitForSync(client);
      return client;
    };
    const prioritisationBoard = async () => {
      const response = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Needs', template: 'prioritisation' }),
      });
      return (await response.json()) as Awaited<ReturnType<typeof createBoard>>;
    };
    const votingFrame = partShapeId('prioritisation', 'voting');
    const ideasFrame = partShapeId('prioritisation', 'ideas');
    const example = partShapeId('prioritisation', 'ideas.example');

    it('limits a vote to its frame and never takes the example note, whatever a client sends', async () => {
      const board = await prioritisationBoard();
      const amina = await joinBoard(server.url, board.joinCode, 'Amina');
      const olga = await joinBoard(server.url, board.joinCode, 'Olga');
      const watcher = await joinBoard(server.url, board.joinCode, 'Watcher', 'observer');
      const f = await online(board.boardId, board.facilitatorToken);
      await online(board.boardId, amina.token);
      await online(board.boardId, olga.token);
      await online(board.boardId, watcher.token);
      const records = f.doc.getMap(TL_RECORDS_MAP);
      expect(records.get(example)).toBeTruthy();
      records.set('shape:inside', noteRecord('shape:inside', votingFrame, 40, 200, 'Sauna evenings', 'a7'));
      records.set('shape:outside', noteRecord('shape:outside', ideasFrame, 300, 200, 'Tea club', 'a8'));
      await server.rooms.settled();
      const at = (path: string) => `/api/boards/${board.boardId}${path}`;
      const open = (body: object) =>
        call(at('/session'), board.facilitatorToken, 'POST', { type: 'voting.open', ...body });
      const vote = (token: string, shapeId: string) => call(at('/votes'), token, 'POST', { shapeId });
      const reason = async (response: Response) => ((await response.json()) as { error: string }).error;

      // Only a frame of this board can hold a vote.
      expect((await open({ budget: 3, frameId: 'shape:nowhere' })).status).toBe(409);
      expect((await open({ budget: 3, frameId: 'shape:inside' })).status).toBe(409);
      expect((await call(at('/session'), amina.token, 'POST', { type: 'voting.open', budget: 3 })).status).toBe(403);
      const opened = await open({ budget: 3, frameId: votingFrame });
      expect(((await opened.json()) as { state: SessionState }).state.voting).toMatchObject({
        status: 'open',
        frameId: votingFrame,
      });

      const outside = await vote(amina.token, 'shape:outside');
      expect(outside.status).toBe(409);
      expect(await reason(outside)).toBe('outside-vote-frame');
      const onExample = await vote(amina.token, example);
      expect(onExample.status).toBe(409);
      expect(await reason(onExample)).toBe('not-votable');
      expect((await vote(amina.token, votingFrame)).status).toBe(404);
      expect((await vote(amina.token, 'shape:inside')).status).toBe(200);
      expect(((await (await call(at('/votes'), amina.token)).json()) as { mine: object }).mine).toEqual({
        'shape:inside': 1,
      });

      // "1 of 3 have voted": the facilitator and the two participants online, not the observer.
      const progress = async () => (await (await call(at('/votes/progress'), board.facilitatorToken)).json()) as object;
      expect(await progress()).toEqual({ voted: 1, voters: 3 });
      expect((await call(at('/votes/progress'), amina.token)).status).toBe(403);
      expect((await vote(olga.token, 'shape:inside')).status).toBe(200);
      expect((await vote(olga.token, 'shape:inside')).status).toBe(200);
      expect(await progress()).toEqual({ voted: 2, voters: 3 });

      // Moved into the frame, the note can get votes; the example never, even in a whole-board vote.
      records.set('shape:outside', { ...(records.get('shape:outside') as object), parentId: votingFrame });
      await server.rooms.settled();
      expect((await vote(amina.token, 'shape:outside')).status).toBe(200);
      await open({ budget: 3 });
      expect(await progress()).toEqual({ voted: 0, voters: 3 });
      expect((await vote(amina.token, example)).status).toBe(409);
    });

    it('counts the votes on copies of one idea together and seeds every idea tied at the cut', async () => {
      const board = await prioritisationBoard();
      const amina = await joinBoard(server.url, board.joinCode, 'Amina');
      const olga = await joinBoard(server.url, board.joinCode, 'Olga');
      const f = await online(board.boardId, board.facilitatorToken);
      const records = f.doc.getMap(TL_RECORDS_MAP);
      const copy = (id: string, from: object, parentId: string, index: string) => ({
        ...noteRecord(id, parentId, 300, 200, 'Sauna evenings', index),
        meta: { talkoot: { source: from } },
      });
      records.set('shape:table', noteRecord('shape:table', 'page:page', 3000, 2000, 'Sauna evenings', 'a6'));
      records.set('shape:harvest', copy('shape:harvest', { shapeId: 'shape:table' }, 'page:page', 'a7'));
      records.set(
        'shape:need',
        copy('shape:need', { boardId: board.boardId, boardTitle: 'Needs', shapeId: 'shape:harvest' }, ideasFrame, 'a8'),
      );
      records.set('shape:tea', noteRecord('shape:tea', ideasFrame, 600, 200, 'Tea club', 'a9'));
      records.set('shape:bikes', noteRecord('shape:bikes', ideasFrame, 900, 200, 'Bike repair', 'aA'));
      await server.rooms.settled();
      const at = (path: string) => `/api/boards/${board.boardId}${path}`;
      await call(at('/session'), board.facilitatorToken, 'POST', { type: 'voting.open', budget: 5 });
      const vote = async (token: string, shapeId: string, times: number) => {
        for (let i = 0; i < times; i++) expect((await call(at('/votes'), token, 'POST', { shapeId })).status).toBe(200);
      };
      // Sauna 1 + 1 + 1 on three copies = 3; Tea 2; Bikes 2: Tea and Bikes share place 2.
      await vote(amina.token, 'shape:table', 1);
      await vote(amina.token, 'shape:harvest', 1);
      await vote(olga.token, 'shape:need', 1);
      await vote(olga.token, 'shape:tea', 2);
      await vote(amina.token, 'shape:bikes', 2);
      await call(at('/session'), board.facilitatorToken, 'POST', { type: 'voting.reveal' });

      const seeded = await call(at('/action-plan/seed'), board.facilitatorToken, 'POST', { count: 2 });
      expect(seeded.status).toBe(200);
      expect(((await seeded.json()) as { added: string[] }).added).toEqual(
        ['shape:table', 'shape:bikes', 'shape:tea'].map(measureIdForNote),
      );
      await waitFor(() => readActionPlan(f.doc).length === 3, 5000, 'the seeded plan');
      expect(readActionPlan(f.doc).map((m) => [m.title, m.evidence[0]?.votes])).toEqual([
        ['Sauna evenings', 3],
        ['Bike repair', 2],
        ['Tea club', 2],
      ]);
    });
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
