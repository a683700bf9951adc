import type pg from 'pg';
import { type Correction, type MachineEntry, machineKey, type TranslationStore } from '@talkoot/translate';

/**
 * A board's translations in PostgreSQL, shared by every instance (`machine_translations`,
 * `translation_corrections`), deleted with the board by `ON DELETE CASCADE`.
 */
export class PostgresTranslationStore implements TranslationStore {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async machine(boardId: string, target: string, keys: readonly { hash: string; source: string }[]) {
    if (keys.length === 0) return new Map<string, string>();
    const { rows } = await this.pool.query<{ text_hash: string; source: string; text: string }>(
      `SELECT t.text_hash, t.source, t.text FROM machine_translations t
       JOIN unnest($3::text[], $4::text[]) AS k (text_hash, source)
         ON t.text_hash = k.text_hash AND t.source = k.source
       WHERE t.board_id = $1 AND t.target = $2`,
      [boardId, target, keys.map((k) => k.hash), keys.map((k) => k.source)],
    );
    return new Map(rows.map((r) => [machineKey(r.text_hash, r.source), r.text]));
  }

  async putMachine(boardId: string, entries: readonly MachineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.pool.query(
      `INSERT INTO machine_translations (board_id, text_hash, source, target, text)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (board_id, text_hash, source, target) DO UPDATE SET text = excluded.text`,
      [
        boardId,
        entries.map((e) => e.hash),
        entries.map((e) => e.source),
        entries.map((e) => e.target),
        entries.map((e) => e.text),
      ],
    );
  }

  async corrections(boardId: string, target: string, shapeIds: readonly string[]) {
    const { rows } = await this.pool.query<{
      shape_id: string;
      target: string;
      text_hash: string;
      text: string;
      member_id: string;
    }>(
      `SELECT shape_id, target, text_hash, text, member_id FROM translation_corrections
       WHERE board_id = $1 AND target = $2 AND shape_id = ANY ($3::text[])`,
      [boardId, target, [...shapeIds]],
    );
    return new Map<string, Correction>(
      rows.map((r) => [
        r.shape_id,
        { shapeId: r.shape_id, target: r.target, hash: r.text_hash, text: r.text, memberId: r.member_id },
      ]),
    );
  }

  async putCorrection(boardId: string, c: Correction): Promise<void> {
    await this.pool.query(
      `INSERT INTO translation_corrections (board_id, shape_id, target, text_hash, text, member_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (board_id, shape_id, target) DO UPDATE
       SET text_hash = excluded.text_hash, text = excluded.text, member_id = excluded.member_id`,
      [boardId, c.shapeId, c.target, c.hash, c.text, c.memberId],
    );
  }

  async forget(boardId: string, shapeIds: readonly string[], hashes: readonly string[]): Promise<void> {
    await this.pool.query('DELETE FROM translation_corrections WHERE board_id = $1 AND shape_id = ANY ($2::text[])', [
      boardId,
      [...shapeIds],
    ]);
    await this.pool.query('DELETE FROM machine_translations WHERE board_id = $1 AND text_hash = ANY ($2::text[])', [
      boardId,
      [...hashes],
    ]);
  }

  async deleteBoard(boardId: string): Promise<void> {
    await this.pool.query('DELETE FROM translation_corrections WHERE board_id = $1', [boardId]);
    await this.pool.query('DELETE FROM machine_translations WHERE board_id = $1', [boardId]);
  }
}
