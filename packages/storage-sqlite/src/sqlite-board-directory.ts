import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type BoardDirectory, type BoardRecord, DuplicateJoinCodeError, type MemberRecord } from '@talkoot/boards';
import type { Language, Role } from '@talkoot/protocol';

interface BoardRow {
  id: string;
  title: string;
  template: string;
  language: string;
  join_code: string;
  created_at: string;
}

interface MemberRow {
  id: string;
  board_id: string;
  token_hash: string;
  role: string;
  display_name: string;
  created_at: string;
}

const toBoard = (row: BoardRow): BoardRecord => ({
  id: row.id,
  title: row.title,
  template: row.template,
  language: row.language as Language,
  joinCode: row.join_code,
  createdAt: row.created_at,
});

const toMember = (row: MemberRow): MemberRecord => ({
  id: row.id,
  boardId: row.board_id,
  tokenHash: row.token_hash,
  role: row.role as Role,
  displayName: row.display_name,
  createdAt: row.created_at,
});

/** Boards and members in SQLite. */
export class SqliteBoardDirectory implements BoardDirectory {
  private readonly db: DatabaseSync;
  private readonly insertBoard: StatementSync;
  private readonly insertMember: StatementSync;
  private readonly selectBoard: StatementSync;
  private readonly selectBoardByCode: StatementSync;
  private readonly selectMemberByHash: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.insertBoard = db.prepare(
      'INSERT INTO boards (id, title, template, language, join_code, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertMember = db.prepare(
      'INSERT INTO members (id, board_id, token_hash, role, display_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectBoard = db.prepare('SELECT * FROM boards WHERE id = ?');
    this.selectBoardByCode = db.prepare('SELECT * FROM boards WHERE join_code = ?');
    this.selectMemberByHash = db.prepare('SELECT * FROM members WHERE token_hash = ?');
  }

  createBoard(board: BoardRecord, facilitator: MemberRecord): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.insertBoard.run(board.id, board.title, board.template, board.language, board.joinCode, board.createdAt);
      this.runInsertMember(facilitator);
      this.db.exec('COMMIT');
      return Promise.resolve();
    } catch (error) {
      this.db.exec('ROLLBACK');
      if (error instanceof Error && /UNIQUE constraint failed: boards.join_code/.test(error.message)) {
        return Promise.reject(new DuplicateJoinCodeError(board.joinCode));
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  getBoard(boardId: string): Promise<BoardRecord | null> {
    const row = this.selectBoard.get(boardId) as BoardRow | undefined;
    return Promise.resolve(row ? toBoard(row) : null);
  }

  findBoardByJoinCode(joinCode: string): Promise<BoardRecord | null> {
    const row = this.selectBoardByCode.get(joinCode) as BoardRow | undefined;
    return Promise.resolve(row ? toBoard(row) : null);
  }

  addMember(member: MemberRecord): Promise<void> {
    this.runInsertMember(member);
    return Promise.resolve();
  }

  findMemberByTokenHash(tokenHash: string): Promise<MemberRecord | null> {
    const row = this.selectMemberByHash.get(tokenHash) as MemberRow | undefined;
    return Promise.resolve(row ? toMember(row) : null);
  }

  private runInsertMember(member: MemberRecord): void {
    this.insertMember.run(
      member.id,
      member.boardId,
      member.tokenHash,
      member.role,
      member.displayName,
      member.createdAt,
    );
  }
}
