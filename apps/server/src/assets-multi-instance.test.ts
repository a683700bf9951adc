import { makePng } from '@talkoot/assets/testing';
import { createTestSchema, requirePostgres, type TestSchema } from '@talkoot/storage-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { createBoard, startTestServer, tempDataDir } from './testing.ts';

/** With PostgreSQL, an asset uploaded through one instance is served by any other. */
describe.runIf(await requirePostgres())('assets on several instances (PostgreSQL)', () => {
  const data = [tempDataDir(), tempDataDir()];
  let schema: TestSchema;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    schema = await createTestSchema();
    a = await startTestServer(data[0]!.dir, { databaseUrl: schema.url });
    b = await startTestServer(data[1]!.dir, { databaseUrl: schema.url });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await schema.drop();
    for (const d of data) d.remove();
  });

  it('serves on instance B the photo uploaded through instance A, and deletes it from both with the board', async () => {
    const board = await createBoard(a.url);
    const png = makePng(16, 16);
    const uploaded = await fetch(`${a.url}/api/boards/${board.boardId}/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.facilitatorToken}` },
      body: Buffer.from(png),
    });
    expect(uploaded.status).toBe(201);
    const { src } = (await uploaded.json()) as { src: string };
    const read = (server: RunningServer) =>
      fetch(`${server.url}${src}`, { headers: { authorization: `Bearer ${board.facilitatorToken}` } });
    const fromB = await read(b);
    expect(fromB.status).toBe(200);
    expect(fromB.headers.get('content-type')).toBe('image/png');
    expect((await fromB.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const deleted = await fetch(`${b.url}/api/boards/${board.boardId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.facilitatorToken}` },
    });
    expect(deleted.status).toBe(204);
    expect(await a.storage.assets.list(board.boardId)).toEqual([]);
  });
});
