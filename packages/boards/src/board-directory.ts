import type { Language, Role } from '@talkoot/protocol';

/** A board as stored. */
export interface BoardRecord {
  id: string;
  title: string;
  template: string;
  language: Language;
  /** Normalised join code (upper case, no separators). */
  joinCode: string;
  createdAt: string;
}

/** Someone with access to a board. Only a hash of the token is kept. */
export interface MemberRecord {
  id: string;
  boardId: string;
  tokenHash: string;
  role: Role;
  displayName: string;
  createdAt: string;
}

/**
 * Storage of boards and their members. Implementations: SQLite
 * (`@talkoot/storage-sqlite`); PostgreSQL later.
 */
export interface BoardDirectory {
  /** Fails with {@link DuplicateJoinCodeError} when the join code is taken. */
  createBoard(board: BoardRecord, facilitator: MemberRecord): Promise<void>;
  getBoard(boardId: string): Promise<BoardRecord | null>;
  findBoardByJoinCode(joinCode: string): Promise<BoardRecord | null>;
  addMember(member: MemberRecord): Promise<void>;
  findMemberByTokenHash(tokenHash: string): Promise<MemberRecord | null>;
}

/** The join code collided with another board's; the caller retries with a new one. */
export class DuplicateJoinCodeError extends Error {
  override readonly name = 'DuplicateJoinCodeError';
}
