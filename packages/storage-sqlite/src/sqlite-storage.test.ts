import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBoardDirectoryContract } from '@talkoot/boards/testing';
import { describeDocStoreContract } from '@talkoot/sync/testing';
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
