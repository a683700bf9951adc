import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBoardDirectoryContract } from '@talkoot/boards/testing';
import { describeDocStoreContract } from '@talkoot/sync/testing';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage, type SqliteStorage } from './sqlite-storage.ts';

function tempPath(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'talkoot-sqlite-'));
  return { path: join(dir, 'db.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeDocStoreContract('SqliteDocStore', ({ compactAfter }) => {
  const { path, remove } = tempPath();
  let storage: SqliteStorage = openSqliteStorage(path, { compactAfter });
  return Promise.resolve({
    get store() {
      return storage.docs;
    },
    reopen: () => {
      storage.close();
      storage = openSqliteStorage(path, { compactAfter });
      return Promise.resolve(storage.docs);
    },
    compact: (docName) => Promise.resolve(storage.docs.compact(docName)),
    close: () => {
      storage.close();
      remove();
      return Promise.resolve();
    },
  });
});

describeBoardDirectoryContract('SqliteBoardDirectory', () => {
  const { path, remove } = tempPath();
  const storage = openSqliteStorage(path);
  return Promise.resolve({
    directory: storage.boards,
    close: () => {
      storage.close();
      remove();
      return Promise.resolve();
    },
  });
});

describe('openSqliteStorage', () => {
  it('refuses a second opener of the same file with a clear message, and lets it in once the first closes', () => {
    const { path, remove } = tempPath();
    const first = openSqliteStorage(path);
    try {
      expect(() => openSqliteStorage(path)).toThrow(/in use by another process/);
    } finally {
      first.close();
    }
    const second = openSqliteStorage(path);
    second.close();
    remove();
  });
});

describe('SqliteDocStore.appendNow', () => {
  it('stores one update or a batch of several documents synchronously, all or nothing', async () => {
    const { path, remove } = tempPath();
    let storage = openSqliteStorage(path);
    const bytes = (n: number) => new Uint8Array([n, n, n]);
    storage.docs.appendNow([{ docName: 'a', updates: [bytes(1)] }]);
    storage.docs.appendNow([
      { docName: 'a', updates: [bytes(2)] },
      { docName: 'b', updates: [] },
      { docName: 'c', updates: [bytes(3), bytes(4)] },
    ]);
    // A batch that fails half-way (the second row's data is not a blob) leaves nothing behind.
    const bad = [
      { docName: 'a', updates: [bytes(5)] },
      { docName: 'c', updates: [{ notBytes: true } as unknown as Uint8Array] },
    ];
    expect(() => storage.docs.appendNow(bad)).toThrow();
    storage.docs.appendNow([{ docName: 'a', updates: [bytes(6)] }]);
    storage.close();
    storage = openSqliteStorage(path);
    expect(await storage.docs.load('a')).toEqual([bytes(1), bytes(2), bytes(6)]);
    expect(await storage.docs.load('c')).toEqual([bytes(3), bytes(4)]);
    storage.close();
    remove();
  });
});
