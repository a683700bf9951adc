import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { RoomManager } from '@talkoot/sync';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStorage, type SqliteStorage } from './sqlite-storage.ts';

function updateSetting(doc: Y.Doc, key: string, value: number): Uint8Array {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.getMap('m').set(key, value);
  doc.off('update', capture);
  return update!;
}

function replay(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('SqliteDocStore', () => {
  const dirs: string[] = [];
  const storages: SqliteStorage[] = [];
  const open = (compactAfter = 500) => {
    const dir = mkdtempSync(join(tmpdir(), 'talkoot-sqlite-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const storage = openSqliteStorage(path, { compactAfter });
    storages.push(storage);
    return { storage, path };
  };
  afterEach(() => {
    for (const s of storages.splice(0)) {
      try {
        s.close();
      } catch {
        // already closed by the test
      }
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('returns appended updates in order, per document, after reopening', async () => {
    const { storage, path } = open();
    const doc = new Y.Doc();
    for (let i = 0; i < 10; i++)
      await storage.docs.append([{ docName: 'a', updates: [updateSetting(doc, `k${i}`, i)] }]);
    await storage.docs.append([{ docName: 'b', updates: [updateSetting(new Y.Doc(), 'other', 1)] }]);
    storage.close();
    const reopened = openSqliteStorage(path);
    storages.push(reopened);
    const loaded = replay(await reopened.docs.load('a'));
    expect(loaded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    expect(
      replay(await reopened.docs.load('b'))
        .getMap('m')
        .get('other'),
    ).toBe(1);
  });

  it('compacts the log into a snapshot in the background without losing anything', async () => {
    const { storage } = open(50);
    const doc = new Y.Doc();
    for (let i = 0; i < 120; i++)
      await storage.docs.append([{ docName: 'a', updates: [updateSetting(doc, `k${i % 30}`, i)] }]);
    // The merge runs in a worker thread: wait for it.
    for (let i = 0; i < 500 && storage.docs.pendingUpdates('a') >= 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(storage.docs.pendingUpdates('a')).toBeLessThan(50);
    const loaded = await storage.docs.load('a');
    expect(loaded.length).toBeLessThan(51);
    expect(replay(loaded).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
  });

  it('loads a board around a stored row it cannot apply, and keeps that row as it was', async () => {
    const { storage, path } = open();
    const doc = new Y.Doc();
    await storage.docs.append([{ docName: 'a', updates: [updateSetting(doc, 'k', 1)] }]);
    storage.close();
    const raw = new DatabaseSync(path);
    raw
      .prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)')
      .run('a', 1000, new Uint8Array([0xff, 0xff, 0xff, 0x01]));
    const before = raw.prepare('SELECT doc, seq, data FROM doc_updates ORDER BY seq').all();
    raw.close();

    const reopened = openSqliteStorage(path);
    storages.push(reopened);
    const quarantined: string[] = [];
    const manager = new RoomManager({
      store: reopened.docs,
      onError: () => undefined,
      onQuarantine: (name, rows) => quarantined.push(...rows.map((row) => `${name}: ${row.reason}`)),
    });
    let closed: number | undefined;
    const frames: Uint8Array[] = [];
    manager.connect('a', { send: (frame) => frames.push(frame), close: (code) => (closed = code) }, { canWrite: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBeUndefined();
    expect(frames.length).toBeGreaterThan(0);
    expect(quarantined).toEqual(['a: undecodable']);
    expect(manager.get('a')!.doc.getMap('m').get('k')).toBe(1);
    reopened.close();
    const check = new DatabaseSync(path);
    expect(check.prepare('SELECT doc, seq, data FROM doc_updates ORDER BY seq').all()).toEqual(before);
    expect(check.prepare('SELECT count(*) AS n FROM doc_snapshots').get()).toEqual({ n: 0 });
    check.close();
  });
});
