import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { backupName } from './backups.ts';
import { checkFileHeader, DataFileError } from './data-file-check.ts';

/** Tables every Talkoot database has (see the migrations in sqlite-storage.ts). */
const TALKOOT_TABLES = ['boards', 'doc_snapshots', 'doc_updates', 'members'];

/** What a checked database holds. */
export interface DatabaseSummary {
  boards: number;
  bytes: number;
}

/**
 * Checks that `path` is a Talkoot database one may restore: an SQLite file (header), intact by
 * SQLite's quick check (page and index structure), with Talkoot's tables. SQLite keeps no
 * checksums of content, so a flipped byte inside a note's text passes.
 */
export function checkTalkootDatabase(path: string): DatabaseSummary {
  checkFileHeader(path);
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch (error) {
    throw new DataFileError(`${path} cannot be opened (${(error as Error).message}).`, { cause: error });
  }
  try {
    const check = (db.prepare('PRAGMA quick_check').all() as { quick_check: string }[])
      .map((row) => row.quick_check)
      .join('; ');
    if (check !== 'ok') throw new DataFileError(`${path} is damaged (${check.slice(0, 200)}).`);
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const lacking = TALKOOT_TABLES.filter((table) => !tables.has(table));
    if (lacking.length > 0) {
      throw new DataFileError(`${path} is an SQLite database but not Talkoot's (no ${lacking.join(', ')} table).`);
    }
    const { n } = db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number };
    return { boards: Number(n), bytes: statSync(path).size };
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw new DataFileError(`${path} is damaged (${(error as Error).message}).`, { cause: error });
  } finally {
    db.close();
  }
}

/**
 * Copies a live database into `target` with SQLite's online backup (page by page, off the main
 * thread; writes of the same connection meanwhile are carried into the copy), under a temporary
 * name renamed at the end, and checks the copy. Refuses to overwrite an existing file.
 */
export async function backupDatabase(db: DatabaseSync, target: string): Promise<DatabaseSummary> {
  if (existsSync(target)) throw new DataFileError(`${target} exists already: choose a new file name.`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await backup(db, partial, { rate: 256 });
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return checkTalkootDatabase(target);
}

/**
 * Whether a process (a running Talkoot server) holds the database at `path`: the server keeps
 * it locked (exclusive locking mode) for as long as it runs.
 */
export function isDataFileInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path);
    db.exec('PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;');
    return false;
  } catch (error) {
    // SQLITE_BUSY (5) or SQLITE_LOCKED (6); any other error is a damaged file nobody holds.
    const primary = ((error as { errcode?: number }).errcode ?? 0) & 0xff;
    return primary === 5 || primary === 6;
  } finally {
    db?.close();
  }
}

/** Where {@link restoreDataFile} put things. */
export interface RestoreResult extends DatabaseSummary {
  /** The data file that was replaced, moved aside (with its -wal/-shm), if there was one. */
  replacedAs?: string;
}

/**
 * Puts the backup `source` in place as the data file `dataFile`, once it is checked (see
 * {@link checkTalkootDatabase}) and no server holds the data file. The old data file (and its
 * `-wal`, `-shm`) is moved aside as `talkoot-replaced-YYYYMMDD-HHMMSS.sqlite` beside it, never deleted.
 */
export function restoreDataFile(dataFile: string, source: string, now = new Date()): RestoreResult {
  checkTalkootDatabase(source);
  if (isDataFileInUse(dataFile)) {
    throw new DataFileError(
      `A Talkoot server is running on ${dirname(dataFile)} (it holds ${basename(dataFile)}): stop it (Ctrl-C or SIGTERM), then restore.`,
    );
  }
  const folder = dirname(dataFile);
  const partial = join(folder, `${basename(dataFile)}.restoring`);
  copyFileSync(source, partial);
  let replacedAs: string | undefined;
  if (existsSync(dataFile)) {
    replacedAs = join(folder, backupName(now).replace('talkoot-', 'talkoot-replaced-'));
    for (const suffix of ['-wal', '-shm', '']) {
      if (existsSync(`${dataFile}${suffix}`)) renameSync(`${dataFile}${suffix}`, `${replacedAs}${suffix}`);
    }
  }
  renameSync(partial, dataFile);
  return { ...checkTalkootDatabase(dataFile), ...(replacedAs ? { replacedAs } : {}) };
}
