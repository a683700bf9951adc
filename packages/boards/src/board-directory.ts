import type { Language, Role } from '@talkoot/protocol';

/** A board as stored. */
export interface BoardRecord {
  id: string;
  title: string;
  template: string;
  language: Language;
  /** Normalised join code (upper case, no separators). */
  joinCode: string;
  /** A longer code whose join link makes a co-facilitator. */
  facilitatorCode: string;
  createdAt: string;
  /** Days after creation until the board is deleted for good. */
  retentionDays: number;
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
  /** The board a normalised code opens, and whether it is its facilitator code. */
  findBoardByCode(code: string): Promise<{ board: BoardRecord; facilitator: boolean } | null>;
  /** Replaces the join code; fails with {@link DuplicateJoinCodeError} when it is taken. */
  setJoinCode(boardId: string, joinCode: string): Promise<void>;
  /** Replaces the co-facilitator code; the old one opens nothing from then on. */
  setFacilitatorCode(boardId: string, facilitatorCode: string): Promise<void>;
  addMember(member: MemberRecord): Promise<void>;
  /** Null for unknown or removed members. */
  findMemberByTokenHash(tokenHash: string): Promise<MemberRecord | null>;
  /** Members not removed, oldest first. */
  listMembers(boardId: string): Promise<MemberRecord[]>;
  renameMember(boardId: string, memberId: string, displayName: string): Promise<MemberRecord | null>;
  setRetention(boardId: string, retentionDays: number): Promise<void>;
  /** Ids of boards whose retention ended at or before `now`. */
  expiredBoards(now: Date): Promise<string[]>;
  /** Deletes a board and its members for good. */
  deleteBoard(boardId: string): Promise<void>;
  /** Revokes a member's token for good; false if there was no such member. */
  removeMember(boardId: string, memberId: string, at: string): Promise<boolean>;
}

/** The join code collided with another board's; the caller retries with a new one. */
export class DuplicateJoinCodeError extends Error {
  override readonly name = 'DuplicateJoinCodeError';
}
