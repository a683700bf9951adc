import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AssetStore, NewAsset, StoredAsset } from '@talkoot/assets';
import type { AssetContentType } from '@talkoot/protocol';

/**
 * A board's photos and voice notes in its SQLite file (`assets`): backups and restores of the
 * file carry them, and `ON DELETE CASCADE` deletes them with the board.
 */
export class SqliteAssetStore implements AssetStore {
  private readonly insert: StatementSync;
  private readonly select: StatementSync;
  private readonly sum: StatementSync;
  private readonly all: StatementSync;
  private readonly remove: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare(
      `INSERT INTO assets (board_id, hash, content_type, size, data, member_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (board_id, hash) DO NOTHING`,
    );
    this.select = db.prepare('SELECT content_type, data FROM assets WHERE board_id = ? AND hash = ?');
    this.sum = db.prepare('SELECT coalesce(sum(size), 0) AS bytes FROM assets WHERE board_id = ?');
    this.all = db.prepare('SELECT hash, content_type, size FROM assets WHERE board_id = ? ORDER BY created_at, hash');
    this.remove = db.prepare('DELETE FROM assets WHERE board_id = ?');
  }

  put(boardId: string, asset: NewAsset): Promise<boolean> {
    try {
      const result = this.insert.run(
        boardId,
        asset.hash,
        asset.contentType,
        asset.data.length,
        asset.data,
        asset.memberId,
        new Date().toISOString(),
      );
      return Promise.resolve(result.changes > 0);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  get(boardId: string, hash: string): Promise<StoredAsset | undefined> {
    const row = this.select.get(boardId, hash) as { content_type: AssetContentType; data: Uint8Array } | undefined;
    return Promise.resolve(row ? { contentType: row.content_type, data: row.data } : undefined);
  }

  usage(boardId: string): Promise<number> {
    return Promise.resolve(Number((this.sum.get(boardId) as { bytes: number }).bytes));
  }

  list(boardId: string) {
    const rows = this.all.all(boardId) as { hash: string; content_type: AssetContentType; size: number }[];
    return Promise.resolve(rows.map((r) => ({ hash: r.hash, contentType: r.content_type, size: Number(r.size) })));
  }

  deleteBoard(boardId: string): Promise<void> {
    this.remove.run(boardId);
    return Promise.resolve();
  }
}
