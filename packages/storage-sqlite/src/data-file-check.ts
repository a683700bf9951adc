import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why the data file cannot be used; the message names the file and what to do. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
}

const HEADER = 'SQLite format 3\u0000';
const RESTORE = 'Restore it from a backup (see "Backups" in the README), or move it away to start with no boards.';

/**
 * Checks, before SQLite opens it, that the data file is one Talkoot may use: a file that exists
 * but is empty or is not an SQLite database would otherwise be opened as (or turned into) a
 * fresh, empty database, and every board would be gone without a word. A missing file is fine
 * (a first start); a folder Talkoot cannot write is named as such.
 */
export function checkDataFile(path: string): void {
  const folder = dirname(path);
  if (existsSync(folder)) {
    try {
      accessSync(folder, constants.W_OK);
    } catch {
      throw new DataFileError(`The data folder ${folder} is read-only: Talkoot must be able to write there.`);
    }
  }
  if (!existsSync(path)) return;
  if (!statSync(path).isFile()) throw new DataFileError(`${path} is not a file.`);
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new DataFileError(`${path} is read-only: Talkoot must be able to write it.`);
  }
  checkFileHeader(path, ` ${RESTORE}`);
}

/** Checks that `path` is a non-empty file that starts as an SQLite database does; `advice` ends each message. */
export function checkFileHeader(path: string, advice = ''): void {
  if (!existsSync(path)) throw new DataFileError(`${path} does not exist.`);
  const stats = statSync(path);
  if (!stats.isFile()) throw new DataFileError(`${path} is not a file.`);
  if (stats.size === 0) throw new DataFileError(`${path} is empty (0 bytes), not a Talkoot database.${advice}`);
  const header = Buffer.alloc(HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== HEADER) {
    throw new DataFileError(`${path} is not an SQLite database (it may be damaged).${advice}`);
  }
}
