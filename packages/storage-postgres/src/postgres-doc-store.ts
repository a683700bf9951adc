import { randomUUID } from 'node:crypto';
import { applyStoredUpdates, type DocAppend, type DocStore, type DocTail } from '@talkoot/sync';
import type pg from 'pg';
import * as Y from 'yjs';
import { isConnectionLost } from './connection-lost.ts';

/** Tuning for {@link PostgresDocStore}. */
export interface PostgresDocStoreOptions {
  /** Compact a document once this instance has seen this many updates after its snapshot. Default 500. */
  compactAfter?: number;
}

/** First key of the document locks of {@link PostgresDocStore.exclusive} ('Talk'). */
const EXCLUSIVE_LOCK_CLASS = 0x54616c6b;

/**
 * Every transaction that adds or removes log rows of a document takes this lock first
 * (the one-key form of advisory locks, a key space apart from {@link EXCLUSIVE_LOCK_CLASS}'s
 * two-key form). So the rows of one document commit in the order of their sequence
 * numbers, and a reader that saw sequence number N has seen every earlier row of it.
 */
const LOCK_DOCS =
  'SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(d, 0) AS k FROM unnest($1::text[]) AS d ORDER BY k) AS keys';

/**
 * A document's snapshot (if newer than the cursor) and the log rows after both, in one
 * statement, so it sees one committed state: never a log already compacted away without
 * the snapshot that replaced it. Rows this store wrote come without data when asked
 * (`$3`): their room already has them.
 */
const READ_SINCE = `
  WITH s AS (SELECT data, upto FROM doc_snapshots WHERE doc = $1)
  SELECT upto AS seq, data FROM s WHERE upto > $2
  UNION ALL
  SELECT seq, CASE WHEN writer = $3 THEN NULL ELSE data END FROM doc_updates
   WHERE doc = $1 AND seq > greatest($2, coalesce((SELECT upto FROM s), 0))
  ORDER BY seq`;

interface LogRow {
  seq: string;
  data: Buffer | null;
}

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const toBytes = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/**
 * Yjs documents in PostgreSQL, shared by every instance: an append-only log of updates per
 * document, compacted into one snapshot row now and then. Compaction is safe when several
 * instances do it at once: the snapshot is written and the log rows it covers deleted in
 * one transaction, which gives up if another instance compacted (or deleted) meanwhile.
 */
export class PostgresDocStore implements DocStore {
  private readonly pool: pg.Pool;
  private readonly lockPool: pg.Pool;
  private readonly compactAfter: number;
  /** Marks this store's own log rows, which its rooms need not read back. */
  readonly writer = randomUUID();
  /** Counters for the health check and tests: compactions this store wrote. */
  readonly stats = { compactions: 0 };
  /** Updates seen since the last snapshot, per document this instance touched. */
  private readonly sinceSnapshot = new Map<string, number>();
  private readonly compactions = new Map<string, NodeJS.Timeout | Promise<unknown>>();
  /** Callers of {@link exclusive} waiting in this process, per document. */
  private readonly waiting = new Map<string, Promise<void>>();
  private stopped = false;

  /**
   * @param pool for appends and reads
   * @param lockPool connections that hold document locks while a change is made through the
   *   other pool (so waiting for a lock can never take the connection its holder needs)
   */
  constructor(pool: pg.Pool, lockPool: pg.Pool, options: PostgresDocStoreOptions = {}) {
    this.pool = pool;
    this.lockPool = lockPool;
    this.compactAfter = options.compactAfter ?? 500;
  }

  async load(docName: string): Promise<Uint8Array[]> {
    return (await this.readSince(docName, undefined)).updates;
  }

  async readSince(docName: string, cursor: number | undefined): Promise<DocTail> {
    const { rows } = await this.pool.query<LogRow>(READ_SINCE, [
      docName,
      cursor ?? -1,
      cursor === undefined ? null : this.writer,
    ]);
    let last = cursor ?? 0;
    const updates: Uint8Array[] = [];
    for (const row of rows) {
      last = Math.max(last, Number(row.seq));
      if (row.data) updates.push(toBytes(row.data));
    }
    // This store's own rows were counted when it appended them.
    this.count(docName, updates.length, cursor === undefined);
    return { updates, cursor: last };
  }

  async append(batch: readonly DocAppend[]): Promise<void> {
    const docs: string[] = [];
    const data: Buffer[] = [];
    for (const { docName, updates } of batch) {
      for (const update of updates) {
        docs.push(docName);
        data.push(toBuffer(update));
      }
    }
    if (docs.length === 0) return;
    await this.transaction(async (client) => {
      await client.query(LOCK_DOCS, [[...new Set(docs)]]);
      await client.query(
        "INSERT INTO doc_updates (doc, seq, writer, data) SELECT d, nextval('doc_update_seq'), $3, u FROM unnest($1::text[], $2::bytea[]) AS t(d, u)",
        [docs, data, this.writer],
      );
    });
    for (const { docName, updates } of batch) this.count(docName, updates.length, false);
  }

  async deleteTree(docName: string): Promise<void> {
    // `<name>/` … `<name>0` is exactly the range of names under `<name>/` ('0' follows '/'
    // in the C collation of the doc column).
    const range = "doc = $1 OR (doc >= $1 || '/' AND doc < $1 || '0')";
    await this.transaction(async (client) => {
      await client.query(`DELETE FROM doc_updates WHERE ${range}`, [docName]);
      await client.query(`DELETE FROM doc_snapshots WHERE ${range}`, [docName]);
    });
    for (const name of [...this.sinceSnapshot.keys()]) {
      if (name === docName || name.startsWith(`${docName}/`)) this.sinceSnapshot.delete(name);
    }
  }

  async exclusive<T>(docName: string, task: () => Promise<T>): Promise<T> {
    // Callers in this process queue here, so one document holds at most one connection.
    let done: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => (done = resolve));
    const before = this.waiting.get(docName) ?? Promise.resolve();
    const mine = before.then(() => turn);
    this.waiting.set(docName, mine);
    await before;
    try {
      return await this.holdingLock(docName, task);
    } finally {
      done();
      if (this.waiting.get(docName) === mine) this.waiting.delete(docName);
    }
  }

  private async holdingLock<T>(docName: string, task: () => Promise<T>): Promise<T> {
    const client = await this.lockPool.connect();
    const key = [EXCLUSIVE_LOCK_CLASS, docName];
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', key);
    } catch (error) {
      client.release(asError(error));
      throw error;
    }
    try {
      return await task();
    } finally {
      try {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', key);
        client.release();
      } catch (error) {
        // Closing the connection releases the lock all the same.
        client.release(asError(error));
      }
    }
  }

  /**
   * Replaces a document's snapshot and the log rows it covers with one merged snapshot.
   * Merging happens outside any lock; the write gives up (returns false) if another
   * instance compacted or deleted the document meanwhile. Returns whether it compacted.
   */
  async compact(docName: string): Promise<boolean> {
    const { rows } = await this.pool.query<LogRow & { snapshot: boolean }>(
      `WITH s AS (SELECT data, upto FROM doc_snapshots WHERE doc = $1)
       SELECT upto AS seq, data, true AS snapshot FROM s
       UNION ALL
       SELECT seq, data, false FROM doc_updates WHERE doc = $1 AND seq > coalesce((SELECT upto FROM s), 0)
       ORDER BY seq`,
      [docName],
    );
    const snapshot = rows.find((row) => row.snapshot);
    const log = rows.filter((row) => !row.snapshot);
    if (log.length === 0) return false;
    const doc = new Y.Doc();
    // Rows the write gate refuses (hostile content from before it) stay out of the snapshot,
    // and stay in the table, behind it: kept aside, never loaded again.
    const quarantined = applyStoredUpdates(
      doc,
      rows.map((row) => toBytes(row.data!)),
      'compact',
    ).map(({ index }) => rows[index]!);
    if (quarantined.some((row) => row.snapshot)) throw new Error(`the snapshot of ${docName} cannot be applied`);
    const kept = quarantined.map((row) => row.seq);
    if (kept.length > 0) console.error(`[storage] ${docName}: ${kept.length} row(s) left out of the snapshot, kept`);
    const merged = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const upto = log[log.length - 1]!.seq;
    const compacted = await this.transaction(async (client) => {
      await client.query(LOCK_DOCS, [[docName]]);
      const current = await client.query<{ upto: string }>('SELECT upto FROM doc_snapshots WHERE doc = $1', [docName]);
      if ((current.rows[0]?.upto ?? null) !== (snapshot?.seq ?? null)) return false;
      // Every row up to `upto` was committed before the read above (see LOCK_DOCS); if
      // fewer are left, the document was deleted meanwhile and must stay deleted.
      const deleted = await client.query(
        'DELETE FROM doc_updates WHERE doc = $1 AND seq <= $2 AND NOT (seq = ANY($3::bigint[]))',
        [docName, upto, kept],
      );
      if (deleted.rowCount !== log.length - kept.length) throw new CompactionRaceError();
      await client.query(
        'INSERT INTO doc_snapshots (doc, data, upto) VALUES ($1, $2, $3) ON CONFLICT (doc) DO UPDATE SET data = excluded.data, upto = excluded.upto',
        [docName, toBuffer(merged), upto],
      );
      return true;
    }).catch((error: unknown) => {
      if (error instanceof CompactionRaceError) return false;
      throw error;
    });
    if (compacted) {
      this.sinceSnapshot.set(docName, 0);
      this.stats.compactions++;
    }
    return compacted;
  }

  /** Number of log rows after the snapshot (for tests and metrics). */
  async pendingUpdates(docName: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM doc_updates WHERE doc = $1 AND seq > coalesce((SELECT upto FROM doc_snapshots WHERE doc = $1), 0)',
      [docName],
    );
    return Number(rows[0]!.n);
  }

  /** Stops scheduling compactions and waits for running ones (before closing the pools). */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Promise<unknown>[] = [];
    for (const entry of this.compactions.values()) {
      if (entry instanceof Promise) running.push(entry);
      else clearTimeout(entry);
    }
    this.compactions.clear();
    await Promise.allSettled(running);
  }

  private count(docName: string, updates: number, reset: boolean): void {
    const count = (reset ? 0 : (this.sinceSnapshot.get(docName) ?? 0)) + updates;
    this.sinceSnapshot.set(docName, count);
    if (count >= this.compactAfter) this.scheduleCompaction(docName);
  }

  private scheduleCompaction(docName: string): void {
    if (this.stopped || this.compactions.has(docName)) return;
    const timer = setTimeout(() => {
      const running = this.compact(docName)
        .catch((error: unknown) => {
          // The log is intact when compaction fails; it is retried after more appends.
          console.error(`[storage] compacting ${docName} failed:`, error);
        })
        .finally(() => this.compactions.delete(docName));
      this.compactions.set(docName, running);
    }, 10);
    timer.unref();
    this.compactions.set(docName, timer);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionLost(error)) {
        // A ROLLBACK would queue behind the query that got no answer and wait out its own
        // time-out (a 10 s failure becoming 20 s); closing the connection rolls back all the same.
        broken = asError(error);
      } else {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = asError(rollbackError);
        });
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Another instance deleted log rows while this one compacted them. */
class CompactionRaceError extends Error {
  override readonly name = 'CompactionRaceError';
}
