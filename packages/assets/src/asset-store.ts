import type { AssetContentType } from '@talkoot/protocol';

/** One stored asset's bytes and type. */
export interface StoredAsset {
  readonly contentType: AssetContentType;
  readonly data: Uint8Array;
}

/** An asset to keep: its SHA-256 (of `data`), type, bytes and who uploaded it. */
export interface NewAsset extends StoredAsset {
  readonly hash: string;
  readonly memberId: string;
}

/**
 * Where a board's uploaded photos and voice notes are kept: in the board's own store (the SQLite
 * file, so backups and restores carry them; or PostgreSQL, so every instance serves every asset),
 * content-addressed per board, and deleted with the board.
 */
export interface AssetStore {
  /**
   * Keeps an asset; resolves `true` once it is stored (surviving a crash like the board's
   * updates), `false` when the board already had these bytes (nothing is written).
   */
  put(boardId: string, asset: NewAsset): Promise<boolean>;
  /** The asset of this board with this hash, or undefined. */
  get(boardId: string, hash: string): Promise<StoredAsset | undefined>;
  /** How many bytes the board's assets take altogether (for its quota). */
  usage(boardId: string): Promise<number>;
  /** The hashes of every asset of the board (for the JSON export). */
  list(boardId: string): Promise<{ hash: string; contentType: AssetContentType; size: number }[]>;
  /** Deletes every asset of the board (also done by the board's deletion itself). */
  deleteBoard(boardId: string): Promise<void>;
}
