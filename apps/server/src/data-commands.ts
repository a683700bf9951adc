import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  backupDatabase,
  checkTalkootDatabase,
  type DatabaseSummary,
  isDataFileInUse,
  restoreDataFile,
} from '@talkoot/storage-sqlite';
import { requestBackup } from './backup-socket.ts';

/** `talkoot backup <file>` and `talkoot restore <file>` (see "Backups" in the README). */
export const DATA_COMMANDS = ['backup', 'restore'] as const;
export type DataCommand = (typeof DATA_COMMANDS)[number];

export const isDataCommand = (word: string | undefined): word is DataCommand =>
  (DATA_COMMANDS as readonly string[]).includes(word ?? '');

const summary = ({ boards, bytes }: DatabaseSummary) => `${boards} board(s), ${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Runs a command on the SQLite data file of `dataDir` and returns what to print. Backup asks
 * the running server (which holds the file) or, when none runs, copies the file itself; restore
 * refuses while a server runs.
 */
export async function runDataCommand(
  command: DataCommand,
  file: string | undefined,
  config: { dataDir: string; databaseUrl?: string | undefined },
): Promise<string> {
  if (config.databaseUrl) {
    throw new Error(`'talkoot ${command}' is for the SQLite data file; with DATABASE_URL use pg_dump / pg_restore.`);
  }
  if (!file) throw new Error(`Usage: talkoot ${command} <file>`);
  const path = resolve(file);
  const dataFile = join(config.dataDir, 'talkoot.sqlite');
  if (command === 'restore') {
    const result = restoreDataFile(dataFile, path);
    const aside = result.replacedAs ? `; the file it replaced is kept as ${result.replacedAs}` : '';
    return `Restored ${path} as ${dataFile} (${summary(result)})${aside}. Start Talkoot again.`;
  }
  const fromServer = await requestBackup(config.dataDir, path);
  if (fromServer) return `Backed up ${dataFile} into ${path} (${summary(fromServer)}), from the running server.`;
  if (isDataFileInUse(dataFile)) {
    throw new Error(`A process holds ${dataFile} but does not answer on its backup socket: stop it, then back up.`);
  }
  checkTalkootDatabase(dataFile);
  const db = new DatabaseSync(dataFile);
  try {
    return `Backed up ${dataFile} into ${path} (${summary(await backupDatabase(db, path))}).`;
  } finally {
    db.close();
  }
}
