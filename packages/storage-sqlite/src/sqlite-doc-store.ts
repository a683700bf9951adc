import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { applyStoredUpdates, type DocAppend, type DocStore } from '@talkoot/sync';
import * as Y from 'yjs';

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
  private readonly countUpdates: StatementSync;
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
    this.countUpdates = db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc = ? AND seq > ?');
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
      try {
        this.compact(docName);
      } catch (error) {
        // The log is intact when compaction fails; it is retried after more appends.
        console.error(`[storage] compacting ${docName} failed:`, error);
      }
    }, 10);
    timer.unref();
    this.compactTimers.set(docName, timer);
  }

  /**
   * Replaces a document's snapshot and the updates it covers with one merged snapshot,
   * in one transaction: a crash leaves either the old rows or the new snapshot.
   */
  compact(docName: string): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const snapshot = this.selectSnapshot.get(docName) as { data: Uint8Array; upto: number } | undefined;
      const rows = this.selectUpdates.all(docName, snapshot?.upto ?? 0) as { seq: number; data: Uint8Array }[];
      if (rows.length === 0) {
        this.db.exec('COMMIT');
        return;
      }
      const doc = new Y.Doc();
      const all = snapshot ? [snapshot.data, ...rows.map((row) => row.data)] : rows.map((row) => row.data);
      // Rows the write gate refuses (hostile content from before it) stay out of the snapshot,
      // and stay in the table, behind it: kept aside, never loaded again.
      const offset = snapshot ? 1 : 0;
      const quarantined = applyStoredUpdates(doc, all, 'compact');
      if (quarantined.some(({ index }) => index < offset))
        throw new Error(`the snapshot of ${docName} cannot be applied`);
      const kept = quarantined.map(({ index }) => rows[index - offset]!.seq);
      if (kept.length > 0) console.error(`[storage] ${docName}: ${kept.length} row(s) left out of the snapshot, kept`);
      const merged = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const upto = rows[rows.length - 1]!.seq;
      this.db
        .prepare(
          'INSERT INTO doc_snapshots (doc, data, upto) VALUES (?, ?, ?) ON CONFLICT (doc) DO UPDATE SET data = excluded.data, upto = excluded.upto',
        )
        .run(docName, merged, upto);
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
    for (const timer of this.compactTimers.values()) clearTimeout(timer);
    this.compactTimers.clear();
  }
}
