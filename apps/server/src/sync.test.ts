import { CloseCode } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  closeOf,
  connectClient,
  createBoard,
  joinBoard,
  openRawSocket,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

describe('sync endpoint', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const clients: TestClient[] = [];
  const client = (boardId: string, token: string) => {
    const c = connectClient(server.url, boardId, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer(data.dir);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    data.remove();
  });

  it('lets two standard y-websocket clients converge', async () => {
    const board = await createBoard(server.url);
    const joined = await joinBoard(server.url, board.joinCode, 'Amina');
    const a = client(board.boardId, board.facilitatorToken);
    const b = client(board.boardId, joined.token);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    a.doc.getMap('records').set('note:1', { text: 'from A' });
    b.doc.getMap('records').set('note:2', { text: 'from B' });
    await waitFor(() => a.doc.getMap('records').size === 2 && b.doc.getMap('records').size === 2);
    expect(b.doc.getMap('records').toJSON()).toEqual(a.doc.getMap('records').toJSON());
  });

  it('gives a client that joins later the full state', async () => {
    const board = await createBoard(server.url);
    const a = client(board.boardId, board.facilitatorToken);
    await waitForSync(a);
    for (let i = 0; i < 50; i++) a.doc.getArray('log').push([i]);
    const joined = await joinBoard(server.url, board.joinCode, 'Late');
    await waitFor(() => server.rooms.get(board.boardId)?.doc.getArray('log').length === 50);
    const late = client(board.boardId, joined.token);
    await waitForSync(late);
    await waitFor(() => late.doc.getArray('log').length === 50);
    expect(late.doc.getArray('log').toArray()).toEqual(a.doc.getArray('log').toArray());
  });

  it('relays awareness (cursors, names) between clients and removes it on disconnect', async () => {
    const board = await createBoard(server.url);
    const a = client(board.boardId, board.facilitatorToken);
    const b = client(board.boardId, board.facilitatorToken);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#d00' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Amina');
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID));
  });

  it('takes back document updates from observers but lets them watch', async () => {
    const board = await createBoard(server.url);
    const observer = await joinBoard(server.url, board.joinCode, 'Watcher', 'observer');
    const f = client(board.boardId, board.facilitatorToken);
    const o = client(board.boardId, observer.token);
    await Promise.all([waitForSync(f), waitForSync(o)]);
    o.doc.getMap('records').set('note:sneaky', { text: 'should not land' });
    f.doc.getMap('records').set('note:ok', { text: 'facilitator' });
    await waitFor(() => o.doc.getMap('records').has('note:ok'));
    await server.rooms.settled();
    expect(server.rooms.get(board.boardId)!.doc.getMap('records').has('note:sneaky')).toBe(false);
    expect(f.doc.getMap('records').has('note:sneaky')).toBe(false);
    // The observer's own copy is reverted too: nobody is left diverged.
    await waitFor(() => !o.doc.getMap('records').has('note:sneaky'));
  });

  it('refuses an upgrade without a token with 401', async () => {
    const board = await createBoard(server.url);
    const error = await openRawSocket(`${server.url.replace('http', 'ws')}/sync/${board.boardId}`).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/401/);
  });

  it('closes with 4401 for an invalid token and 4404 for an unknown board', async () => {
    const board = await createBoard(server.url);
    const base = server.url.replace('http', 'ws');
    const bad = await openRawSocket(`${base}/sync/${board.boardId}?token=not-a-real-token`);
    expect((await closeOf(bad)).code).toBe(CloseCode.UNAUTHORIZED);
    const unknown = await openRawSocket(`${base}/sync/nosuchboard123?token=${board.facilitatorToken}`);
    expect((await closeOf(unknown)).code).toBe(CloseCode.BOARD_NOT_FOUND);
  });

  it('does not accept a token of one board on another board', async () => {
    const a = await createBoard(server.url);
    const b = await createBoard(server.url);
    const ws = await openRawSocket(`${server.url.replace('http', 'ws')}/sync/${a.boardId}?token=${b.facilitatorToken}`);
    expect((await closeOf(ws)).code).toBe(CloseCode.UNAUTHORIZED);
  });

  it('unloads an idle room and loads it again on demand', async () => {
    const local = tempDataDir();
    const s = await startTestServer(local.dir, { rooms: { idleUnloadMs: 50 } });
    try {
      const board = await createBoard(s.url);
      const a = connectClient(s.url, board.boardId, board.facilitatorToken);
      await waitForSync(a);
      a.doc.getMap('m').set('k', 'v');
      await waitFor(() => s.rooms.get(board.boardId)?.doc.getMap('m').get('k') === 'v');
      a.destroy();
      await waitFor(() => s.rooms.size === 0, 5000, 'unload');
      const b = connectClient(s.url, board.boardId, board.facilitatorToken);
      await waitForSync(b);
      await waitFor(() => b.doc.getMap('m').get('k') === 'v');
      b.destroy();
    } finally {
      await s.close();
      local.remove();
    }
  });
});
