import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';

/** Whether an error means the storage is out of space: SQLite's SQLITE_FULL, PostgreSQL's disk_full. */
export function isStorageFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { errcode, code, message } = error as { errcode?: unknown; code?: unknown; message?: unknown };
  return (
    errcode === 13 ||
    code === '53100' ||
    code === STORAGE_FULL ||
    (typeof message === 'string' && /database or disk is full/i.test(message))
  );
}

const STORAGE_FULL = 'STORAGE_FULL';

/** Errors of a database that does not answer or cannot be reached (pg's time-outs and resets). */
const UNREACHABLE =
  /query read timeout|connection terminated|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET|ETIMEDOUT/i;

/**
 * Whether the storage cannot take writes for now: full, or not answering. Either way, rooms keep
 * new changes on the clients (with a notice) until a probe write succeeds.
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (isStorageFull(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && UNREACHABLE.test(code)) || (typeof message === 'string' && UNREACHABLE.test(message))
  );
}

/** The error of a server-side change refused because the storage is full (see {@link isStorageFull}). */
export const storageFullError = (): Error =>
  Object.assign(new Error('The storage is full: nothing can be written now.'), { code: STORAGE_FULL });

/** The document a probe writes (and deletes again); document names never start with `~`. */
const PROBE_DOC = '~storage-probe';

/**
 * Whether the store takes writes. Once a write failed because the storage is full, the rooms
 * refuse further writes (they are not applied; the clients keep them) while they keep serving
 * what is stored; a probe write every `probeMs` finds out when space is back.
 */
export class StorageHealth {
  private full = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly store: DocStore;
  private readonly probeMs: number;
  private readonly onChange: (writable: boolean) => void;

  constructor(store: DocStore, probeMs: number, onChange: (writable: boolean) => void) {
    this.store = store;
    this.probeMs = probeMs;
    this.onChange = onChange;
  }

  get writable(): boolean {
    return !this.full;
  }

  /** A write failed: if the storage is full or not answering, keep writes back until a probe succeeds. */
  failed(error: unknown): void {
    if (this.full || !isStorageUnavailable(error)) return;
    this.full = true;
    console.error(
      isStorageFull(error)
        ? '[storage] the database or disk is full: changes are kept on the clients until there is space again'
        : '[storage] the database does not answer: changes are kept on the clients until it does',
    );
    this.onChange(false);
    this.timer = setInterval(() => void this.probe(), this.probeMs);
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    try {
      await this.store.append([{ docName: PROBE_DOC, updates: [Y.encodeStateAsUpdate(new Y.Doc())] }]);
      await this.store.deleteTree(PROBE_DOC);
    } catch {
      return; // Still full (or failing otherwise): try again later.
    }
    if (!this.full) return;
    this.full = false;
    clearInterval(this.timer);
    console.error('[storage] changes are stored again');
    this.onChange(true);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
