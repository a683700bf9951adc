import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backupName, writeBackup } from './backups.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

describe('backups', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talkoot-backups-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names backups so that they sort by time', () => {
    expect(backupName(new Date('2026-12-03T09:05:07Z'))).toBe('talkoot-20261203-090507.sqlite');
  });

  it('writes a copy that opens with the same boards', async () => {
    const storage = openSqliteStorage(join(dir, 'talkoot.sqlite'));
    const doc = new Y.Doc();
    doc.getMap('m').set('note', 'kept in the backup');
    storage.docs.appendNow([{ docName: 'b', updates: [Y.encodeStateAsUpdate(doc)] }]);
    const path = storage.backup(join(dir, 'backups'), 3);
    storage.close();
    const restored = openSqliteStorage(path);
    const copy = new Y.Doc();
    for (const update of await restored.docs.load('b')) Y.applyUpdate(copy, update);
    restored.close();
    expect(copy.getMap('m').get('note')).toBe('kept in the backup');
  });

  it('keeps only the newest backups', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    const folder = join(dir, 'pruned');
    for (let minute = 0; minute < 5; minute++) writeBackup(db, folder, 2, new Date(Date.UTC(2026, 11, 3, 9, minute)));
    db.close();
    expect(readdirSync(folder).sort()).toEqual(['talkoot-20261203-090300.sqlite', 'talkoot-20261203-090400.sqlite']);
  });
});
