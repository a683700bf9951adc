import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { writeBackup } from './backups.ts';
import { backupDatabase, type DatabaseSummary } from './data-file-backup.ts';
import { checkDataFile, DataFileError } from './data-file-check.ts';
import { SqliteBoardDirectory } from './sqlite-board-directory.ts';
import { SqliteDocStore, type SqliteDocStoreOptions } from './sqlite-doc-store.ts';
import { SqliteTranslationStore } from './sqlite-translation-store.ts';
import { SqliteAssetStore } from './sqlite-asset-store.ts';

/** Options for {@link openSqliteStorage}. */
export interface SqliteStorageOptions extends SqliteDocStoreOptions {
  /**
   * `NORMAL` (default) survives a crash of the process; `FULL` also survives a power
   * loss, at the cost of an fsync per write.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** A cap on the file's size in pages (4 KiB each; `PRAGMA max_page_count`); past it writes fail as on a full disk. */
  maxPageCount?: number;
}

/** Everything Talkoot stores, in one SQLite file. */
export interface SqliteStorage {
  readonly docs: SqliteDocStore;
  readonly boards: SqliteBoardDirectory;
  readonly translations: SqliteTranslationStore;
  /** Uploaded photos and voice notes, in the same file (backups carry them). */
  readonly assets: SqliteAssetStore;
  /** Writes a backup into `folder`, keeping the newest `keep` (see {@link writeBackup}); returns its path. */
  backup(folder: string, keep: number): string;
  /** Copies the live database into `target` with SQLite's online backup (see {@link backupDatabase}). */
  backupTo(target: string): Promise<DatabaseSummary>;
  close(): void;
}

/** Creates the data folder if needed; a parent Talkoot may not write is named as read-only. */
function createDataFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    // Node's recursive mkdir may say ENOENT on a read-only file system: ask the folder itself.
    let parent = dirname(folder);
    while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
    try {
      accessSync(parent, constants.W_OK);
    } catch {
      throw new DataFileError(
        `The data folder ${folder} cannot be created: ${parent} is read-only. Choose a DATA_DIR Talkoot may write.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * SQLite's own words for a file or folder it may not write (SQLITE_READONLY 8, SQLITE_IOERR 10,
 * SQLITE_CANTOPEN 14: "attempt to write a readonly database", "disk I/O error", "unable to open
 * database file") become a message naming the path.
 */
function unwritable(path: string, error: unknown): unknown {
  // Extended result codes (SQLITE_READONLY_DIRECTORY, …) keep the primary code in the low byte.
  const primary = ((error as { errcode?: number }).errcode ?? 0) & 0xff;
  if (primary !== 8 && primary !== 10 && primary !== 14) return error;
  return new DataFileError(
    `${path} (or its folder ${dirname(path)}) is read-only or cannot be written (${(error as Error).message}): Talkoot must be able to write both.`,
    { cause: error },
  );
}

/** Opens (and creates or migrates) the SQLite database at `path`. */
export function openSqliteStorage(path: string, options: SqliteStorageOptions = {}): SqliteStorage {
  if (path !== ':memory:') {
    createDataFolder(dirname(path));
    checkDataFile(path);
  }
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path);
  } catch (error) {
    throw unwritable(path, error);
  }
  // Exclusive locking: this process is the file's only user, so a commit takes no file
  // locks (two writes instead of eight system calls), and a second server started on the
  // same folder fails at once instead of corrupting the log.
  try {
    db.exec(
      `PRAGMA busy_timeout = 2000; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}; PRAGMA foreign_keys = ON;`,
    );
    db.exec('BEGIN IMMEDIATE; COMMIT;');
    if (options.maxPageCount !== undefined) db.exec(`PRAGMA max_page_count = ${Math.floor(options.maxPageCount)}`);
  } catch (error) {
    db.close();
    const errcode = (error as { errcode?: number }).errcode;
    // SQLITE_CORRUPT (11), SQLITE_NOTADB (26): the header looked right, the rest does not.
    if (errcode === 11 || errcode === 26) {
      throw new DataFileError(
        `${path} is damaged (${(error as Error).message}). Restore it from a backup (see "Backups" in the README).`,
        { cause: error },
      );
    }
    // SQLITE_BUSY (5): another connection holds the file.
    if (errcode !== 5) throw unwritable(path, error);
    throw new Error(`${path} is in use by another process (is another Talkoot server running on this folder?)`, {
      cause: error,
    });
  }
  if (path !== ':memory:') checkIntegrity(db, path);
  migrate(db);
  const docs = new SqliteDocStore(db, options);
  const boards = new SqliteBoardDirectory(db);
  return {
    docs,
    boards,
    translations: new SqliteTranslationStore(db),
    assets: new SqliteAssetStore(db),
    backup: (folder, keep) => writeBackup(db, folder, keep),
    backupTo: (target) => backupDatabase(db, target),
    close: () => {
      docs.stop();
      db.close();
    },
  };
}

/**
 * SQLite's quick check (structure of every page and index; linear in the file's size, ~1 s per
 * few hundred MB). SQLite keeps no checksums of the content: a flipped byte inside a note's text
 * is not detected, a truncated file or a broken B-tree is.
 */
function checkIntegrity(db: DatabaseSync, path: string): void {
  let result: string;
  try {
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    result = rows.map((row) => row.quick_check).join('; ');
  } catch (error) {
    db.close();
    throw new DataFileError(
      `${path} is damaged (${(error as Error).message}). Restore it from a backup (see "Backups" in the README).`,
      { cause: error },
    );
  }
  if (result !== 'ok') {
    db.close();
    throw new DataFileError(
      `${path} is damaged (${result.slice(0, 200)}). Restore it from a backup (see "Backups" in the README).`,
    );
  }
}

const MIGRATIONS: readonly string[] = [
  // One B-tree keyed by (doc, seq), so a commit touches one page; seq comes from the
  // store's counter (no AUTOINCREMENT, which would write sqlite_sequence every time).
  `CREATE TABLE doc_updates (
     doc TEXT NOT NULL,
     seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (doc, seq)
   ) WITHOUT ROWID;
   CREATE TABLE doc_snapshots (
     doc TEXT PRIMARY KEY,
     data BLOB NOT NULL,
     upto INTEGER NOT NULL
   );
   CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     template TEXT NOT NULL,
     language TEXT NOT NULL,
     join_code TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL
   );
   CREATE TABLE members (
     id TEXT PRIMARY KEY,
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     token_hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL,
     display_name TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX members_board ON members (board_id);`,
  // Co-facilitator codes and removable members.
  `ALTER TABLE boards ADD COLUMN facilitator_code TEXT;
   UPDATE boards SET facilitator_code = upper(hex(randomblob(8))) WHERE facilitator_code IS NULL;
   CREATE UNIQUE INDEX boards_facilitator_code ON boards (facilitator_code);
   ALTER TABLE members ADD COLUMN removed_at TEXT;`,
  // Retention: boards are deleted for good at expires_at.
  `ALTER TABLE boards ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90;
   ALTER TABLE boards ADD COLUMN expires_at TEXT;
   UPDATE boards SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+90 days');
   CREATE INDEX boards_expires_at ON boards (expires_at);`,
  // Translations of notes, kept with their board (and deleted with it).
  `CREATE TABLE machine_translations (
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     text_hash TEXT NOT NULL,
     source TEXT NOT NULL,
     target TEXT NOT NULL,
     text TEXT NOT NULL,
     PRIMARY KEY (board_id, text_hash, source, target)
   ) WITHOUT ROWID;
   CREATE TABLE translation_corrections (
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     shape_id TEXT NOT NULL,
     target TEXT NOT NULL,
     text_hash TEXT NOT NULL,
     text TEXT NOT NULL,
     member_id TEXT NOT NULL,
     PRIMARY KEY (board_id, shape_id, target)
   ) WITHOUT ROWID;`,
  // Uploaded photos and voice notes, content-addressed per board (and deleted with it).
  `CREATE TABLE assets (
     board_id TEXT NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     hash TEXT NOT NULL,
     content_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     data BLOB NOT NULL,
     member_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (board_id, hash)
   );`,
];

function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  for (let version = row.user_version; version < MIGRATIONS.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
