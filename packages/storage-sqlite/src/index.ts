export { SqliteBoardDirectory } from './sqlite-board-directory.ts';
export { SqliteDocStore } from './sqlite-doc-store.ts';
export type { SqliteDocStoreOptions } from './sqlite-doc-store.ts';
export { backupName } from './backups.ts';
export { DataFileError } from './data-file-check.ts';
export { openSqliteStorage } from './sqlite-storage.ts';
export type { SqliteStorage, SqliteStorageOptions } from './sqlite-storage.ts';
export { backupDatabase, checkTalkootDatabase, isDataFileInUse, restoreDataFile } from './data-file-backup.ts';
export type { DatabaseSummary, RestoreResult } from './data-file-backup.ts';
