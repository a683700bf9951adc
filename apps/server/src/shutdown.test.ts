import type { ChildProcess } from 'node:child_process';
import { CloseCode } from '@talkoot/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeOf,
  connectClient,
  createBoard,
  exitOf,
  freePort,
  notesWithPrefix,
  openRawSocket,
  putNote,
  recordsOf,
  spawnServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

const records = recordsOf;

describe('graceful shutdown on SIGTERM', () => {
  const data = tempDataDir();
  const children: ChildProcess[] = [];
  const clients: TestClient[] = [];
  afterAll(() => {
    for (const c of clients) c.destroy();
    for (const child of children) child.kill('SIGKILL');
    data.remove();
  });

  it('closes every socket with 1012, exits cleanly and keeps what was acknowledged', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await spawnServer(data.dir, port);
    children.push(server);
    const board = await createBoard(url);
    const other = await createBoard(url, 'Another board');
    const writer = connectClient(url, board.boardId, board.facilitatorToken);
    const watcher = connectClient(url, board.boardId, board.facilitatorToken);
    clients.push(writer, watcher);
    await Promise.all([waitForSync(writer), waitForSync(watcher)]);
    // Raw sockets on both boards and on the session document, to read their close codes.
    const raw = await Promise.all([
      openRawSocket(`${url.replace('http', 'ws')}/sync/${board.boardId}?token=${board.facilitatorToken}`),
      openRawSocket(`${url.replace('http', 'ws')}/sync/${other.boardId}?token=${other.facilitatorToken}`),
      openRawSocket(`${url.replace('http', 'ws')}/sync/${board.boardId}/session?token=${board.facilitatorToken}`),
    ]);
    const closes = raw.map((ws) => closeOf(ws, 10_000));

    for (let i = 0; i < 50; i++) putNote(writer, `shape:ack${i}`, `text ${i}`);
    // The server sends an update on only once it is stored: the watcher seeing it is the ack.
    await waitFor(() => notesWithPrefix(watcher, 'ack') === 50, 5000, 'the watcher to see all 50 notes');
    // Reconnecting would race the restart below; these clients have done their part.
    writer.provider.shouldConnect = false;
    watcher.provider.shouldConnect = false;

    const exited = exitOf(server);
    server.kill('SIGTERM');
    for (const close of await Promise.all(closes)) expect(close.code).toBe(CloseCode.SERVICE_RESTART);
    // Exit code 0: the graceful path finished (main.ts exits with 1 when its 5 s deadline hits).
    expect(await exited).toEqual({ code: 0, signal: null });

    const again = await spawnServer(data.dir, port);
    children.push(again);
    const reader = connectClient(url, board.boardId, board.facilitatorToken);
    clients.push(reader);
    await waitForSync(reader);
    expect(notesWithPrefix(reader, 'ack')).toBe(50);
    expect(records(reader).toJSON()).toEqual(records(watcher).toJSON());
    again.kill('SIGTERM');
    expect((await exitOf(again)).code).toBe(0);
  });
});
