import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkTalkootDatabase, isDataFileInUse, restoreDataFile } from './data-file-backup.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

/** One update setting `key` in map `m`. */
const update = (key: string, bytes = 64) => {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, 'x'.repeat(bytes));
  return Y.encodeStateAsUpdate(doc);
};

const keysIn = async (path: string, docName: string) => {
  const storage = openSqliteStorage(path);
  try {
    const doc = new Y.Doc();
    for (const stored of await storage.docs.load(docName)) Y.applyUpdate(doc, stored);
    return new Set(doc.getMap('m').keys());
  } finally {
    storage.close();
  }
};

describe('backing up and restoring the SQLite data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talkoot-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a live database while it is being written, with everything written before the copy began', async () => {
    const live = openSqliteStorage(join(dir, 'live.sqlite'));
    // About 8 MB, so the copy takes many steps while writes go on.
    for (let i = 0; i < 400; i++) live.docs.appendNow([{ docName: 'b', updates: [update(`before-${i}`, 20_000)] }]);
    let during = 0;
    const writing = setInterval(
      () => live.docs.appendNow([{ docName: 'b', updates: [update(`during-${during++}`)] }]),
      1,
    );
    try {
      const target = join(dir, 'copy.sqlite');
      const summary = await live.backupTo(target);
      expect(summary.bytes).toBeGreaterThan(8_000_000);
      clearInterval(writing);
      console.log(`online backup of ${(summary.bytes / 1e6).toFixed(1)} MB with ${during} writes meanwhile`);
      const keys = await keysIn(target, 'b');
      for (let i = 0; i < 400; i++) expect(keys.has(`before-${i}`)).toBe(true);
      await expect(live.backupTo(target)).rejects.toThrow(/exists already/);
    } finally {
      clearInterval(writing);
      live.close();
    }
  });

  it('puts a backup in place and keeps the file it replaces aside', async () => {
    const backupFile = join(dir, 'backup.sqlite');
    const backup = openSqliteStorage(backupFile);
    backup.docs.appendNow([{ docName: 'b', updates: [update('from-the-backup')] }]);
    backup.close();
    const dataFile = join(dir, 'data', 'talkoot.sqlite');
    const current = openSqliteStorage(dataFile);
    current.docs.appendNow([{ docName: 'b', updates: [update('current')] }]);

    // While a server holds the data file, restore refuses and changes nothing.
    expect(isDataFileInUse(dataFile)).toBe(true);
    expect(() => restoreDataFile(dataFile, backupFile)).toThrow(/A Talkoot server is running on .*stop it/);
    current.close();
    expect(isDataFileInUse(dataFile)).toBe(false);

    const result = restoreDataFile(dataFile, backupFile, new Date('2026-12-03T10:20:30Z'));
    expect(result.replacedAs).toBe(join(dir, 'data', 'talkoot-replaced-20261203-102030.sqlite'));
    expect([...(await keysIn(dataFile, 'b'))]).toEqual(['from-the-backup']);
    expect([...(await keysIn(result.replacedAs!, 'b'))]).toEqual(['current']);
  });

  it('refuses a file that is not a Talkoot database, and leaves the data file as it was', () => {
    const dataFile = join(dir, 'kept', 'talkoot.sqlite');
    const storage = openSqliteStorage(dataFile);
    storage.docs.appendNow([{ docName: 'b', updates: [update('kept')] }]);
    storage.close();
    const before = readFileSync(dataFile);
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database at all '.repeat(500));
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const foreign = join(dir, 'foreign.sqlite');
    const db = new DatabaseSync(foreign);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const truncated = join(dir, 'truncated.sqlite');
    const whole = readFileSync(join(dir, 'copy.sqlite'));
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));

    expect(() => restoreDataFile(dataFile, garbage)).toThrow(/not an SQLite database/);
    expect(() => restoreDataFile(dataFile, empty)).toThrow(/empty \(0 bytes\)/);
    expect(() => restoreDataFile(dataFile, foreign)).toThrow(/not Talkoot's/);
    expect(() => restoreDataFile(dataFile, truncated)).toThrow(/damaged/);
    expect(() => restoreDataFile(dataFile, join(dir, 'missing.sqlite'))).toThrow(/does not exist/);
    expect(readFileSync(dataFile).equals(before)).toBe(true);
    expect(existsSync(`${dataFile}.restoring`)).toBe(false);
    expect(checkTalkootDatabase(dataFile).boards).toBe(0);
  });
});
