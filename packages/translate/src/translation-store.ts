/** Who made a stored translation. */
export type TranslatedBy = 'machine' | 'participant';

/** A machine translation kept for a board: `hash` is {@link textHash} of the original. */
export interface MachineEntry {
  hash: string;
  source: string;
  target: string;
  text: string;
}

/** A person's own translation of one note into `target`, for the original whose hash is `hash`. */
export interface Correction {
  shapeId: string;
  target: string;
  hash: string;
  text: string;
  memberId: string;
}

/**
 * Where a board's translations are kept, in the board's own store (SQLite or PostgreSQL) and
 * deleted with the board. Machine translations are keyed by (board, text hash, source,
 * target), so a room never asks the MT server for the same text twice and an edited note
 * (a new hash) is translated again; corrections are keyed by (board, note, target).
 */
export interface TranslationStore {
  /** The stored machine translations into `target` among `keys` (`hash` + `source`), by `hash|source`. */
  machine(
    boardId: string,
    target: string,
    keys: readonly { hash: string; source: string }[],
  ): Promise<Map<string, string>>;
  /** Keeps machine translations (an existing one is replaced). */
  putMachine(boardId: string, entries: readonly MachineEntry[]): Promise<void>;
  /** People's translations of `shapeIds` into `target`, by shape id. */
  corrections(boardId: string, target: string, shapeIds: readonly string[]): Promise<Map<string, Correction>>;
  /** Keeps a person's translation of a note, replacing an earlier one into the same language. */
  putCorrection(boardId: string, correction: Correction): Promise<void>;
  /** Deletes every translation of these notes (corrections by shape, machine ones by text hash). */
  forget(boardId: string, shapeIds: readonly string[], hashes: readonly string[]): Promise<void>;
  /** Deletes everything kept for a board. */
  deleteBoard(boardId: string): Promise<void>;
}

/** Key of a machine translation in {@link TranslationStore.machine}'s answer. */
export const machineKey = (hash: string, source: string) => `${hash}|${source}`;
