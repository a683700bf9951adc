import { CloseCode, TL_RECORDS_MAP } from '@talkoot/protocol';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '@talkoot/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RunningServer } from './server.ts';
import {
  closeCodesOf,
  closeOf,
  connectClient,
  createBoard,
  joinBoard,
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
    putNote(a, 'shape:note1', 'from A');
    putNote(b, 'shape:note2', 'from B');
    const both = (c: TestClient) => recordsOf(c).has('shape:note1') && recordsOf(c).has('shape:note2');
    await waitFor(() => both(a) && both(b));
    expect(textOf(b, 'shape:note1')).toBe('from A');
    expect(textOf(a, 'shape:note2')).toBe('from B');
    expect(recordsOf(b).toJSON()).toEqual(recordsOf(a).toJSON());
  });

  it('keeps what a client typed offline and what it typed before answering the sync step 1 (no 4409)', async () => {
    const board = await createBoard(server.url);
    const offline = new Y.Doc();
    for (let i = 0; i < 5; i++) putNote(offline, `shape:offline${i}`, `offline ${i}`);
    const awareness = new Awareness(offline);
    awareness.setLocalState({ name: 'Amina' });
    const raw = await openRawSocket(
      `${server.url.replace('http', 'ws')}/sync/${board.boardId}?token=${board.facilitatorToken}`,
    );
    const closes: number[] = [];
    raw.on('close', (code) => closes.push(code));
    // As y-websocket does on open (its sync step 1 and presence), then a note typed before the
    // server's sync step 1 came: it depends on the five the server has not seen yet, which the
    // client sends (a round trip later) in its answer, its sync step 2.
    raw.send(encodeSyncStep1(offline));
    raw.send(encodeAwareness(awareness, [offline.clientID]));
    let early: Uint8Array | undefined;
    offline.once('update', (update: Uint8Array) => (early = update));
    putNote(offline, 'shape:early', 'early');
    raw.send(encodeUpdate(early!));
    await new Promise((resolve) => setTimeout(resolve, 100));
    raw.send(encodeSyncStep2(offline, new Uint8Array([0])));
    const reader = client(board.boardId, board.facilitatorToken);
    const ids = ['shape:offline0', 'shape:offline4', 'shape:early'];
    await waitFor(() => ids.every((id) => recordsOf(reader).has(id)), 5000, 'every note on a second client');
    expect(closes).toEqual([]);
    raw.close();
  });

  it('gives a client that joins later the full state', async () => {
    const board = await createBoard(server.url);
    const a = client(board.boardId, board.facilitatorToken);
    await waitForSync(a);
    const ids = Array.from({ length: 50 }, (_, i) => `shape:log${i}`);
    for (const [i, id] of ids.entries()) putNote(a, id, `entry ${i}`);
    const joined = await joinBoard(server.url, board.joinCode, 'Late');
    const hasAll = (records: { has(id: string): boolean }) => ids.every((id) => records.has(id));
    await waitFor(() => {
      const room = server.rooms.get(board.boardId);
      return room !== undefined && hasAll(room.doc.getMap(TL_RECORDS_MAP));
    });
    const late = client(board.boardId, joined.token);
    await waitForSync(late);
    await waitFor(() => hasAll(recordsOf(late)));
    expect(recordsOf(late).toJSON()).toEqual(recordsOf(a).toJSON());
  });

  it('relays awareness (cursors, names) between clients and removes it on disconnect', async () => {
    const board = await createBoard(server.url);
    // The server stamps each presence with the member's own name, so A is the member Amina.
    const amina = await joinBoard(server.url, board.joinCode, 'Amina');
    const a = client(board.boardId, amina.token);
    const b = client(board.boardId, board.facilitatorToken);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#d00' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Amina');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.color).toBe('#d00');
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID));
  });

  it('relays no presence from a socket that asked for none (the projector), while it syncs and sees others', async () => {
    const board = await createBoard(server.url);
    const amina = await joinBoard(server.url, board.joinCode, 'Amina');
    const a = client(board.boardId, amina.token);
    const projector = connectClient(server.url, board.boardId, board.facilitatorToken, {
      params: { presence: 'none' },
    });
    clients.push(projector);
    await Promise.all([waitForSync(a), waitForSync(projector)]);
    // Even a projector that publishes anyway (an old client, a hostile one) is not relayed.
    projector.provider.awareness.setLocalStateField('user', { name: 'Projector', color: '#495057' });
    a.provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#d00' });
    await waitFor(() => projector.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Amina');
    putNote(a, 'shape:after', 'seen on the wall');
    await waitFor(() => recordsOf(projector).has('shape:after'));
    await server.rooms.settled();
    expect(server.rooms.get(board.boardId)!.awareness.getStates().has(projector.doc.clientID)).toBe(false);
    expect(a.provider.awareness.getStates().has(projector.doc.clientID)).toBe(false);
  });

  it('refuses document updates from observers (closing with 4409) but lets them watch', async () => {
    const board = await createBoard(server.url);
    const observer = await joinBoard(server.url, board.joinCode, 'Watcher', 'observer');
    const f = client(board.boardId, board.facilitatorToken);
    const o = client(board.boardId, observer.token);
    await Promise.all([waitForSync(f), waitForSync(o)]);
    const closes = closeCodesOf(o);
    putNote(f, 'shape:before', 'facilitator, before');
    await waitFor(() => recordsOf(o).has('shape:before'), 5000, 'the observer to watch live');
    putNote(o, 'shape:sneaky', 'should not land');
    await waitFor(() => closes.length > 0, 5000, 'the observer to be closed');
    expect(closes).toEqual([CloseCode.UPDATE_REFUSED]);
    putNote(f, 'shape:ok', 'facilitator');
    await waitFor(() => server.rooms.get(board.boardId)!.doc.getMap(TL_RECORDS_MAP).has('shape:ok'));
    await server.rooms.settled();
    expect(server.rooms.get(board.boardId)!.doc.getMap(TL_RECORDS_MAP).has('shape:sneaky')).toBe(false);
    expect(recordsOf(f).has('shape:sneaky')).toBe(false);
    // A fresh copy (as the web client makes after 4409) watches again, without the refused note.
    const again = client(board.boardId, observer.token);
    await waitForSync(again);
    await waitFor(() => recordsOf(again).has('shape:ok'));
    expect(recordsOf(again).has('shape:sneaky')).toBe(false);
    putNote(f, 'shape:later', 'facilitator, later');
    await waitFor(() => recordsOf(again).has('shape:later'), 5000, 'the fresh observer to watch live');
    expect(recordsOf(f).has('shape:sneaky')).toBe(false);
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
      putNote(a, 'shape:k', 'v');
      await waitFor(() => {
        const room = s.rooms.get(board.boardId);
        return room !== undefined && textOf(room.doc, 'shape:k') === 'v';
      });
      a.destroy();
      await waitFor(() => s.rooms.size === 0, 5000, 'unload');
      const b = connectClient(s.url, board.boardId, board.facilitatorToken);
      await waitForSync(b);
      await waitFor(() => textOf(b, 'shape:k') === 'v');
      b.destroy();
    } finally {
      await s.close();
      local.remove();
    }
  });
});
