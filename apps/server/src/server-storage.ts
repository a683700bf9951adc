import { join } from 'node:path';
import type { AssetStore } from '@talkoot/assets';
import type { BoardDirectory } from '@talkoot/boards';
import { openPostgresStorage } from '@talkoot/storage-postgres';
import { openSqliteStorage } from '@talkoot/storage-sqlite';
import type { DocStore } from '@talkoot/sync';
import type { TranslationStore } from '@talkoot/translate';
import { startBackupSocket } from './backup-socket.ts';

/** Where a server keeps boards and their documents. */
export interface ServerStorage {
  /** `sqlite`: one instance, a file in the data folder; `postgres`: shared by every instance. */
  readonly kind: 'sqlite' | 'postgres';
  readonly docs: DocStore;
  readonly boards: BoardDirectory;
  /** Translations of notes, deleted with their board. */
  readonly translations: TranslationStore;
  /** Uploaded photos and voice notes, deleted with their board. */
  readonly assets: AssetStore;
  /** How many compactions this instance wrote (PostgreSQL only, for the health check). */
  readonly compactions?: () => number;
  close(): Promise<void>;
}

/** What decides the storage. */
export interface ServerStorageOptions {
  dataDir: string;
  sqliteSynchronous?: 'NORMAL' | 'FULL' | undefined;
  /** PostgreSQL connection string; without one, SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Stored updates of a document after which it is compacted. Default 500. */
  compactAfter?: number | undefined;
  /** SQLite: minutes between backups into `<dataDir>/backups` (0: none). Default 60. */
  backupIntervalMinutes?: number | undefined;
  /** SQLite: how many backups to keep. Default 48. */
  backupKeep?: number | undefined;
  /** SQLite: a cap on the data file, in 4 KiB pages (past it, writes fail as on a full disk). */
  sqliteMaxPages?: number | undefined;
}

/** Opens PostgreSQL when a database URL is given, else `<dataDir>/talkoot.sqlite`. */
export async function openServerStorage(options: ServerStorageOptions): Promise<ServerStorage> {
  const compaction = options.compactAfter === undefined ? {} : { compactAfter: options.compactAfter };
  if (options.databaseUrl) {
    const storage = await openPostgresStorage(options.databaseUrl, compaction);
    return {
      kind: 'postgres',
      docs: storage.docs,
      boards: storage.boards,
      translations: storage.translations,
      assets: storage.assets,
      compactions: () => storage.docs.stats.compactions,
      close: () => storage.close(),
    };
  }
  const storage = openSqliteStorage(join(options.dataDir, 'talkoot.sqlite'), {
    synchronous: options.sqliteSynchronous ?? 'NORMAL',
    ...(options.sqliteMaxPages ? { maxPageCount: options.sqliteMaxPages } : {}),
    ...compaction,
  });
  const folder = join(options.dataDir, 'backups');
  const keep = options.backupKeep ?? 48;
  const minutes = options.backupIntervalMinutes ?? 60;
  const backUp = () => {
    try {
      storage.backup(folder, keep);
    } catch (error) {
      console.error(`[storage] backup into ${folder} failed:`, error instanceof Error ? error.message : error);
    }
  };
  const timer = minutes > 0 ? setInterval(backUp, minutes * 60_000) : undefined;
  timer?.unref();
  // `talkoot backup` asks through this socket: the server holds the data file locked.
  const stopSocket = await startBackupSocket(options.dataDir, (target) => storage.backupTo(target));
  return {
    kind: 'sqlite',
    docs: storage.docs,
    boards: storage.boards,
    translations: storage.translations,
    assets: storage.assets,
    close: () => {
      stopSocket?.();
      clearInterval(timer);
      storage.close();
      return Promise.resolve();
    },
  };
}
