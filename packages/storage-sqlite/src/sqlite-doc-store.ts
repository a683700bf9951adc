import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DocAppend, DocStore } from '@talkoot/sync';
import { type Merged, mergeStored } from './merge-updates.ts';
import { MergeWorker } from './merge-worker.ts';

/** Log rows compaction reads per event-loop turn. */
const COMPACTION_PAGE_ROWS = 32;

/** Tuning for {@link SqliteDocStore}. */
export interface SqliteDocStoreOptions {
  /** Compact a document once this many updates follow its snapshot. Default 500. */
  compactAfter?: number;
}

/**
 * Append-only update log per document, compacted into a snapshot in the background.
 * node:sqlite is synchronous, so an append is on disk (in the WAL) when it returns.
 */
export class SqliteDocStore implements DocStore {
  private readonly db: DatabaseSync;
  private readonly compactAfter: number;
  private readonly insert: StatementSync;
  private readonly begin: StatementSync;
  private readonly commit: StatementSync;
  private readonly rollback: StatementSync;
  /** Last sequence number used; strictly increasing across all documents, never reused. */
  private seq: number;
  private readonly selectSnapshot: StatementSync;
  private readonly selectUpdates: StatementSync;
  private readonly selectUpdatePage: StatementSync;
  private readonly countUpdates: StatementSync;
  private readonly countBetween: StatementSync;
  private readonly merger = new MergeWorker();
  /** Updates appended since the last snapshot, per loaded document. */
  private readonly sinceSnapshot = new Map<string, number>();
  private readonly compactTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(db: DatabaseSync, options: SqliteDocStoreOptions = {}) {
    this.db = db;
    this.compactAfter = options.compactAfter ?? 500;
    this.insert = db.prepare('INSERT INTO doc_updates (seq, doc, data) VALUES (?, ?, ?)');
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    const max = db
      .prepare(
        'SELECT max(coalesce((SELECT max(seq) FROM doc_updates), 0), coalesce((SELECT max(upto) FROM doc_snapshots), 0)) AS seq',
      )
      .get() as { seq: number };
    this.seq = max.seq;
    this.selectSnapshot = db.prepare('SELECT data, upto FROM doc_snapshots WHERE doc = ?');
    this.selectUpdates = db.prepare('SELECT seq, data FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq');
    this.selectUpdatePage = db.prepare(
      'SELECT seq, data FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq LIMIT ' + String(COMPACTION_PAGE_ROWS),
    );
    this.countUpdates = db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ? AND seq > ?');
    this.countBetween = db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ? AND seq > ? AND seq <= ?');
  }

  load(docName: string): Promise<Uint8Array[]> {
    const snapshot = this.selectSnapshot.get(docName) as { data: Uint8Array; upto: number } | undefined;
    const upto = snapshot?.upto ?? 0;
    const rows = this.selectUpdates.all(docName, upto) as { data: Uint8Array }[];
    this.sinceSnapshot.set(docName, rows.length);
    const updates = rows.map((row) => row.data);
    if (snapshot) updates.unshift(snapshot.data);
    if (rows.length >= this.compactAfter) this.scheduleCompaction(docName);
    return Promise.resolve(updates);
  }

  append(batch: readonly DocAppend[]): Promise<void> {
    try {
      this.appendNow(batch);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Appends synchronously: the updates are in the WAL when this returns; throws if not. */
  appendNow(batch: readonly DocAppend[]): void {
    const first = this.seq;
    let count = 0;
    for (const { updates } of batch) count += updates.length;
    if (count === 0) return;
    try {
      if (count === 1) {
        // One row is one implicit transaction: two statements fewer on the common path.
        const { docName, updates } = batch.find((append) => append.updates.length > 0)!;
        this.insert.run(++this.seq, docName, updates[0]!);
      } else {
        this.begin.run();
        try {
          for (const { docName, updates } of batch)
            for (const update of updates) this.insert.run(++this.seq, docName, update);
          this.commit.run();
        } catch (error) {
          // SQLite may have rolled back by itself already (e.g. a full disk).
          if (this.db.isTransaction) this.rollback.run();
          throw error;
        }
      }
    } catch (error) {
      this.seq = first;
      throw error;
    }
    for (const { docName, updates } of batch) {
      if (updates.length === 0) continue;
      const stored = (this.sinceSnapshot.get(docName) ?? 0) + updates.length;
      this.sinceSnapshot.set(docName, stored);
      if (stored >= this.compactAfter) this.scheduleCompaction(docName);
    }
  }

  deleteTree(docName: string): Promise<void> {
    // `<name>/` … `<name>0` is exactly the range of names under `<name>/` ('0' follows '/').
    const range = "doc = ?1 OR (doc >= ?1 || '/' AND doc < ?1 || '0')";
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.prepare(`DELETE FROM doc_updates WHERE ${range}`).run(docName);
      this.db.prepare(`DELETE FROM doc_snapshots WHERE ${range}`).run(docName);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    for (const name of [...this.sinceSnapshot.keys()]) {
      if (name === docName || name.startsWith(`${docName}/`)) this.sinceSnapshot.delete(name);
    }
    return Promise.resolve();
  }

  private scheduleCompaction(docName: string): void {
    if (this.stopped || this.compactTimers.has(docName)) return;
    const timer = setTimeout(() => {
      this.compactTimers.delete(docName);
      this.compactInBackground(docName).catch((error: unknown) => {
        // The log is intact when compaction fails; it is retried after more appends.
        if (!this.stopped) console.error(`[storage] compacting ${docName} failed:`, error);
      });
    }, 10);
    timer.unref();
    this.compactTimers.set(docName, timer);
  }

  /** A document's snapshot and the log rows after it, as compaction reads them. */
  private readForCompaction(docName: string) {
    const snapshot = this.selectSnapshot.get(docName) as { data: Uint8Array; upto: number } | undefined;
    const rows = this.selectUpdates.all(docName, snapshot?.upto ?? 0) as { seq: number; data: Uint8Array }[];
    const updates = snapshot ? [snapshot.data, ...rows.map((row) => row.data)] : rows.map((row) => row.data);
    return { snapshot, rows, updates };
  }

  /**
   * As {@link readForCompaction}, a page of rows per event-loop turn, so other boards' writes
   * go on in between (a 20 MB log read at once held the loop for ~100 ms). Rows appended
   * meanwhile are read too; the write checks that what was read is still what is stored.
   */
  private async readForCompactionInSteps(docName: string) {
    const snapshot = this.selectSnapshot.get(docName) as { data: Uint8Array; upto: number } | undefined;
    const rows: { seq: number; data: Uint8Array }[] = [];
    for (let after = snapshot?.upto ?? 0; ;) {
      const page = this.selectUpdatePage.all(docName, after) as { seq: number; data: Uint8Array }[];
      rows.push(...page);
      if (page.length < COMPACTION_PAGE_ROWS) break;
      after = page[page.length - 1]!.seq;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const updates = snapshot ? [snapshot.data, ...rows.map((row) => row.data)] : rows.map((row) => row.data);
    return { snapshot, rows, updates };
  }

  /**
   * Replaces a document's snapshot and the updates it covers with one merged snapshot, in one
   * transaction: a crash leaves either the old rows or the new snapshot. Merges on this thread
   * (see {@link compactInBackground} for the scheduled compactions).
   */
  compact(docName: string): void {
    const read = this.readForCompaction(docName);
    if (read.rows.length === 0) return;
    this.writeCompacted(docName, read, mergeStored(read.updates));
  }

  /** As {@link compact}, merging in a worker thread so other boards are not held up meanwhile. */
  async compactInBackground(docName: string): Promise<void> {
    const read = await this.readForCompactionInSteps(docName);
    if (read.rows.length === 0) return;
    const merged = await this.merger.merge(read.updates);
    if (this.stopped) return;
    this.writeCompacted(docName, read, merged);
  }

  private writeCompacted(docName: string, read: ReturnType<SqliteDocStore['readForCompaction']>, result: Merged): void {
    const { snapshot, rows } = read;
    const offset = snapshot ? 1 : 0;
    // Rows the write gate refuses (hostile content from before it) stay out of the snapshot,
    // and stay in the table, behind it: kept aside, never loaded again.
    if (result.leftOut.some((index) => index < offset)) throw new Error(`the snapshot of ${docName} cannot be applied`);
    const kept = result.leftOut.map((index) => rows[index - offset]!.seq);
    if (kept.length > 0) console.error(`[storage] ${docName}: ${kept.length} row(s) left out of the snapshot, kept`);
    const upto = rows[rows.length - 1]!.seq;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      // What was read must still be what is stored: not compacted, nor deleted, meanwhile.
      const current = this.selectSnapshot.get(docName) as { upto: number } | undefined;
      const still = this.countBetween.get(docName, snapshot?.upto ?? 0, upto) as { n: number };
      if ((current?.upto ?? 0) !== (snapshot?.upto ?? 0) || still.n !== rows.length) {
        this.db.exec('COMMIT');
        return;
      }
      this.db
        .prepare(
          'INSERT INTO doc_snapshots (doc, data, upto) VALUES (?, ?, ?) ON CONFLICT (doc) DO UPDATE SET data = excluded.data, upto = excluded.upto',
        )
        .run(docName, result.merged, upto);
      this.db
        .prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ? AND seq NOT IN (SELECT value FROM json_each(?))')
        .run(docName, upto, JSON.stringify(kept));
      this.db.exec('COMMIT');
      const left = this.countUpdates.get(docName, upto) as { n: number };
      this.sinceSnapshot.set(docName, left.n);
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Number of log rows after the snapshot (for tests and metrics). */
  pendingUpdates(docName: string): number {
    const snapshot = this.selectSnapshot.get(docName) as { upto: number } | undefined;
    return (this.countUpdates.get(docName, snapshot?.upto ?? 0) as { n: number }).n;
  }

  /** Cancels scheduled compactions (before closing the database). */
  stop(): void {
    this.stopped = true;
    void this.merger.stop();
    for (const timer of this.compactTimers.values()) clearTimeout(timer);
    this.compactTimers.clear();
  }
}
