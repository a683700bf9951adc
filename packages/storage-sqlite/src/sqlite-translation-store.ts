import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type Correction, type MachineEntry, machineKey, type TranslationStore } from '@talkoot/translate';

/**
 * A board's translations in its SQLite file (`machine_translations`, `translation_corrections`),
 * deleted with the board by `ON DELETE CASCADE`.
 */
export class SqliteTranslationStore implements TranslationStore {
  private readonly selectMachine: StatementSync;
  private readonly upsertMachine: StatementSync;
  private readonly selectCorrections: StatementSync;
  private readonly upsertCorrection: StatementSync;

  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    // Keys as one JSON array parameter: a statement per batch, whatever its size.
    this.selectMachine = db.prepare(
      `SELECT text_hash, source, text FROM machine_translations
       WHERE board_id = ? AND target = ? AND (text_hash, source) IN
         (SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(?))`,
    );
    this.upsertMachine = db.prepare(
      `INSERT INTO machine_translations (board_id, text_hash, source, target, text) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (board_id, text_hash, source, target) DO UPDATE SET text = excluded.text`,
    );
    this.selectCorrections = db.prepare(
      `SELECT shape_id, target, text_hash, text, member_id FROM translation_corrections
       WHERE board_id = ? AND target = ? AND shape_id IN (SELECT value FROM json_each(?))`,
    );
    this.upsertCorrection = db.prepare(
      `INSERT INTO translation_corrections (board_id, shape_id, target, text_hash, text, member_id)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (board_id, shape_id, target) DO UPDATE
       SET text_hash = excluded.text_hash, text = excluded.text, member_id = excluded.member_id`,
    );
  }

  machine(boardId: string, target: string, keys: readonly { hash: string; source: string }[]) {
    const rows = this.selectMachine.all(boardId, target, JSON.stringify(keys.map((k) => [k.hash, k.source]))) as {
      text_hash: string;
      source: string;
      text: string;
    }[];
    return Promise.resolve(new Map(rows.map((r) => [machineKey(r.text_hash, r.source), r.text])));
  }

  putMachine(boardId: string, entries: readonly MachineEntry[]): Promise<void> {
    return this.transaction(() => {
      for (const e of entries) this.upsertMachine.run(boardId, e.hash, e.source, e.target, e.text);
    });
  }

  corrections(boardId: string, target: string, shapeIds: readonly string[]) {
    const rows = this.selectCorrections.all(boardId, target, JSON.stringify(shapeIds)) as {
      shape_id: string;
      target: string;
      text_hash: string;
      text: string;
      member_id: string;
    }[];
    return Promise.resolve(
      new Map<string, Correction>(
        rows.map((r) => [
          r.shape_id,
          { shapeId: r.shape_id, target: r.target, hash: r.text_hash, text: r.text, memberId: r.member_id },
        ]),
      ),
    );
  }

  putCorrection(boardId: string, c: Correction): Promise<void> {
    return this.transaction(() => {
      this.upsertCorrection.run(boardId, c.shapeId, c.target, c.hash, c.text, c.memberId);
    });
  }

  forget(boardId: string, shapeIds: readonly string[], hashes: readonly string[]): Promise<void> {
    return this.transaction(() => {
      this.db
        .prepare(
          'DELETE FROM translation_corrections WHERE board_id = ? AND shape_id IN (SELECT value FROM json_each(?))',
        )
        .run(boardId, JSON.stringify(shapeIds));
      this.db
        .prepare(
          'DELETE FROM machine_translations WHERE board_id = ? AND text_hash IN (SELECT value FROM json_each(?))',
        )
        .run(boardId, JSON.stringify(hashes));
    });
  }

  deleteBoard(boardId: string): Promise<void> {
    return this.transaction(() => {
      this.db.prepare('DELETE FROM translation_corrections WHERE board_id = ?').run(boardId);
      this.db.prepare('DELETE FROM machine_translations WHERE board_id = ?').run(boardId);
    });
  }

  private transaction(run: () => void): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      run();
      this.db.exec('COMMIT');
      return Promise.resolve();
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
