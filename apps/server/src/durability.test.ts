import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  createBoard,
  freePort,
  spawnServer,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const items = (c: TestClient) => c.doc.getMap<string>('records');

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
    for (let i = 0; i < 20; i++) items(a).set(`note:${i}`, `text ${i}`);
    await waitFor(() => server.rooms.get(board.boardId)?.doc.getMap('records').size === 20);
    a.destroy();
    await server.close();
    server = await startTestServer(local.dir);
    const b = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(b);
    await waitFor(() => items(b).size === 20);
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
    for (let i = 0; i < 200; i++) items(writer).set(`note:${i}`, `text ${i}`);
    // Once the watcher has seen an update, the server must have it on disk.
    await waitFor(() => items(watcher).size === 200);
    writer.provider.disconnect();
    watcher.provider.disconnect();
    await kill9(server);

    server = await spawnServer(data.dir, port);
    children.push(server);
    const fresh = connectClient(url, board.boardId, board.facilitatorToken);
    clients.push(fresh);
    await waitForSync(fresh);
    await waitFor(() => items(fresh).size === 200, 5000, 'all 200 notes after kill -9');

    // Live clients: the server dies under them, both edit while it is down, then it returns.
    writer.provider.connect();
    await waitForSync(writer);
    await kill9(server);
    items(writer).set('offline:writer', 'written while the server was down');
    items(fresh).set('offline:fresh', 'also written while down');
    server = await spawnServer(data.dir, port);
    children.push(server);
    await waitFor(
      () => items(writer).has('offline:fresh') && items(fresh).has('offline:writer'),
      10_000,
      'merge after restart',
    );
    expect(items(writer).toJSON()).toEqual(items(fresh).toJSON());
    expect(items(writer).size).toBe(202);
    await kill9(server);
  });
});
