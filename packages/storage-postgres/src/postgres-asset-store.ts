import type pg from 'pg';
import type { AssetStore, NewAsset, StoredAsset } from '@talkoot/assets';
import type { AssetContentType } from '@talkoot/protocol';

/**
 * A board's photos and voice notes in PostgreSQL (`assets`), so any instance serves any asset;
 * deleted with the board by `ON DELETE CASCADE`.
 */
export class PostgresAssetStore implements AssetStore {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async put(boardId: string, asset: NewAsset): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO assets (board_id, hash, content_type, size, data, member_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (board_id, hash) DO NOTHING`,
      [boardId, asset.hash, asset.contentType, asset.data.length, Buffer.from(asset.data), asset.memberId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async get(boardId: string, hash: string): Promise<StoredAsset | undefined> {
    const { rows } = await this.pool.query<{ content_type: AssetContentType; data: Buffer }>(
      'SELECT content_type, data FROM assets WHERE board_id = $1 AND hash = $2',
      [boardId, hash],
    );
    const row = rows[0];
    return row ? { contentType: row.content_type, data: new Uint8Array(row.data) } : undefined;
  }

  async usage(boardId: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: string }>(
      'SELECT coalesce(sum(size), 0) AS bytes FROM assets WHERE board_id = $1',
      [boardId],
    );
    return Number(rows[0]?.bytes ?? 0);
  }

  async list(boardId: string) {
    const { rows } = await this.pool.query<{ hash: string; content_type: AssetContentType; size: number }>(
      'SELECT hash, content_type, size FROM assets WHERE board_id = $1 ORDER BY created_at, hash',
      [boardId],
    );
    return rows.map((r) => ({ hash: r.hash, contentType: r.content_type, size: Number(r.size) }));
  }

  async deleteBoard(boardId: string): Promise<void> {
    await this.pool.query('DELETE FROM assets WHERE board_id = $1', [boardId]);
  }
}
