import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createServer } from 'node:net';
import { describeTarget, openPostgresStorage } from './postgres-storage.ts';
import { createTestSchema, requirePostgres, TEST_DATABASE_URL, type TestSchema } from './testing.ts';

const available = await requirePostgres();

const update = (key: string) => {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, 1);
  return Y.encodeStateAsUpdate(doc);
};

/** Ends every PostgreSQL connection of one application, as `pg_terminate_backend` by an operator (or a proxy cut) would. */
async function terminate(application: string): Promise<number> {
  const admin = new pg.Client(TEST_DATABASE_URL);
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [application],
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!available)('PostgreSQL connections that drop', () => {
  const schemas: TestSchema[] = [];
  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });

  it('fails the operation under way, keeps the process alive, and goes on with new connections', async () => {
    const schema = await createTestSchema();
    schemas.push(schema);
    const application = `talkoot_loss_${randomBytes(4).toString('hex')}`;
    const errors: string[] = [];
    const storage = await openPostgresStorage(`${schema.url}&application_name=${application}`, {
      onError: (error) => errors.push(error.message),
    });
    try {
      await storage.docs.append([{ docName: 'b', updates: [update('before')] }]);
      // Connections checked out of both pools (a document lock, a transaction) when they are cut.
      const cut = storage.docs.exclusive!('b', async () => {
        expect(await terminate(application)).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await storage.docs.append([{ docName: 'b', updates: [update('during')] }]);
      });
      // The change under way may fail or, on a fresh connection, succeed; either way nothing crashes.
      await cut.catch(() => undefined);
      expect(errors.some((message) => /terminat/i.test(message))).toBe(true);
      // The next operations get fresh connections.
      await storage.docs.append([{ docName: 'b', updates: [update('after')] }]);
      const doc = new Y.Doc();
      for (const stored of await storage.docs.load('b')) Y.applyUpdate(doc, stored);
      expect(doc.getMap('m').get('before')).toBe(1);
      expect(doc.getMap('m').get('after')).toBe(1);
      expect(await storage.boards.findBoardByCode('NOPE')).toBeNull();
    } finally {
      await storage.close();
    }
  });
});

describe('starting while PostgreSQL cannot be reached', () => {
  it('names where it tried, keeps trying for a while, then gives up with that message', async () => {
    // A port nobody listens on.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const url = `postgres://talkoot:secret@127.0.0.1:${port}/talkoot`;
    expect(describeTarget(url)).toBe(`127.0.0.1:${port}/talkoot`);
    const started = Date.now();
    await expect(openPostgresStorage(url, { connectRetryMs: 1200 })).rejects.toThrow(
      new RegExp(`PostgreSQL at 127\\.0\\.0\\.1:${port}/talkoot is unreachable`),
    );
    const took = Date.now() - started;
    expect(took).toBeGreaterThan(400);
    expect(took).toBeLessThan(5000);
  });
});
