import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  createBoard,
  docNotesWithPrefix,
  freePort,
  notesWithPrefix,
  putNote,
  recordsOf,
  spawnServer,
  startTestServer,
  tempDataDir,
  type TestClient,
  textOf,
  waitFor,
  waitForSync,
} from './testing.ts';

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const items = recordsOf;

describe('durability', () => {
  const children: ChildProcess[] = [];
  const clients: TestClient[] = [];
  const data = tempDataDir();
  afterAll(() => {
    for (const c of clients) c.destroy();
    for (const child of children) child.kill('SIGKILL');
    data.remove();
  });

  it('keeps every update across a clean restart of the server', async () => {
    const local = tempDataDir();
    let server = await startTestServer(local.dir);
    const board = await createBoard(server.url);
    const a = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(a);
    for (let i = 0; i < 20; i++) putNote(a, `shape:dur${i}`, `text ${i}`);
    await waitFor(() => {
      const room = server.rooms.get(board.boardId);
      return room !== undefined && docNotesWithPrefix(room.doc, 'dur') === 20;
    });
    const before = items(a).toJSON();
    a.destroy();
    await server.close();
    server = await startTestServer(local.dir);
    const b = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(b);
    await waitFor(() => notesWithPrefix(b, 'dur') === 20);
    expect(items(b).toJSON()).toEqual(before);
    b.destroy();
    await server.close();
    local.remove();
  });

  it('keeps everything any client saw across kill -9, and merges edits made while the server was down', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = await spawnServer(data.dir, port);
    children.push(server);
    const board = await createBoard(url);
    const writer = connectClient(url, board.boardId, board.facilitatorToken);
    const watcher = connectClient(url, board.boardId, board.facilitatorToken);
    clients.push(writer, watcher);
    await Promise.all([waitForSync(writer), waitForSync(watcher)]);
    for (let i = 0; i < 200; i++) putNote(writer, `shape:dur${i}`, `text ${i}`);
    // Once the watcher has seen an update, the server must have it on disk.
    await waitFor(() => notesWithPrefix(watcher, 'dur') === 200);
    writer.provider.disconnect();
    watcher.provider.disconnect();
    await kill9(server);

    server = await spawnServer(data.dir, port);
    children.push(server);
    const fresh = connectClient(url, board.boardId, board.facilitatorToken);
    clients.push(fresh);
    await waitForSync(fresh);
    await waitFor(() => notesWithPrefix(fresh, 'dur') === 200, 5000, 'all 200 notes after kill -9');
    expect(textOf(fresh, 'shape:dur199')).toBe('text 199');

    // Live clients: the server dies under them, both edit while it is down, then it returns.
    writer.provider.connect();
    await waitForSync(writer);
    await kill9(server);
    putNote(writer, 'shape:offline-writer', 'written while the server was down');
    putNote(fresh, 'shape:offline-fresh', 'also written while down');
    server = await spawnServer(data.dir, port);
    children.push(server);
    await waitFor(
      () => items(writer).has('shape:offline-fresh') && items(fresh).has('shape:offline-writer'),
      10_000,
      'merge after restart',
    );
    expect(items(writer).toJSON()).toEqual(items(fresh).toJSON());
    expect(notesWithPrefix(writer, 'dur') + notesWithPrefix(writer, 'offline')).toBe(202);
    await kill9(server);
  });
});
