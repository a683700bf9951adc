import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_NOTICE_FIELD } from '@talkoot/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  createBoard,
  noteRecord,
  recordsOf,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

const notice = (client: TestClient) =>
  [...client.provider.awareness.getStates().values()].some(
    (state) => state[SERVER_NOTICE_FIELD] === 'storage-unavailable',
  );

describe('a full disk (SQLite at its page cap)', () => {
  const data = tempDataDir();
  const clients: TestClient[] = [];
  afterAll(() => {
    for (const c of clients) c.destroy();
    data.remove();
  });

  it('keeps the board readable, keeps writes on the clients with a notice, and answers 507 for new boards', async () => {
    let server = await startTestServer(data.dir);
    const board = await createBoard(server.url);
    await server.close();
    // Room for a few more pages than the board needs now.
    const pages = Math.ceil(statSync(join(data.dir, 'talkoot.sqlite')).size / 4096);
    server = await startTestServer(data.dir, { sqliteMaxPages: pages + 6, backupIntervalMinutes: 0 });
    try {
      const writer = connectClient(server.url, board.boardId, board.facilitatorToken);
      clients.push(writer);
      await waitForSync(writer);
      recordsOf(writer).set('shape:kept', noteRecord('shape:kept', 'page:page', 0, 0, 'stored before the disk filled'));
      await waitFor(() => server.rooms.get(board.boardId)?.doc.getMap('tl_records').has('shape:kept') === true);
      for (let i = 0; i < 40 && !notice(writer); i++) {
        const id = `shape:big${i}`;
        recordsOf(writer).set(id, noteRecord(id, 'page:page', i, 0, `${i} ${'x'.repeat(6000)}`));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await waitFor(() => notice(writer), 10_000, 'the storage notice');
      // Someone opening the board now reads what is stored, and sees the notice too.
      const reader = connectClient(server.url, board.boardId, board.facilitatorToken);
      clients.push(reader);
      await waitForSync(reader);
      expect(recordsOf(reader).has('shape:kept')).toBe(true);
      await waitFor(() => notice(reader), 5000, 'the notice for the reader');
      // The writer still holds everything it wrote.
      expect(recordsOf(writer).has('shape:big0')).toBe(true);
      const refused = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'No room' }),
      });
      expect(refused.status).toBe(507);
      expect(((await refused.json()) as { error: string }).error).toBe('storage-full');
    } finally {
      await server.close();
    }
  });
});
