import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DataFileError } from './data-file-check.ts';
import { openSqliteStorage } from './sqlite-storage.ts';

describe('a data file that is not a usable database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talkoot-datafile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A real data file with a board's worth of rows, big enough to truncate meaningfully. */
  const realFile = (name: string) => {
    const path = join(dir, name);
    const storage = openSqliteStorage(path);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 400; i++) doc.getMap('m').set(`k${i}`, 'x'.repeat(200));
    storage.docs.appendNow([{ docName: 'b', updates }]);
    storage.close();
    return path;
  };

  it('stops on an empty file instead of starting with no boards', () => {
    const path = join(dir, 'empty.sqlite');
    writeFileSync(path, '');
    expect(() => openSqliteStorage(path)).toThrow(DataFileError);
    expect(() => openSqliteStorage(path)).toThrow(/empty \(0 bytes\).*backup/);
    expect(statSync(path).size).toBe(0);
  });

  it('stops on a file that is not SQLite, and leaves it as it was', () => {
    const path = join(dir, 'garbage.sqlite');
    writeFileSync(path, 'these are not the boards you are looking for'.repeat(100));
    const before = readFileSync(path);
    expect(() => openSqliteStorage(path)).toThrow(/not an SQLite database/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('stops on a truncated database', () => {
    const path = realFile('truncated.sqlite');
    truncateSync(path, Math.floor(statSync(path).size / 2));
    expect(() => openSqliteStorage(path)).toThrow(/damaged/);
  });

  it('opens an intact file and a missing one', () => {
    const path = realFile('intact.sqlite');
    const storage = openSqliteStorage(path);
    storage.close();
    const fresh = openSqliteStorage(join(dir, 'new.sqlite'));
    fresh.close();
  });
});
