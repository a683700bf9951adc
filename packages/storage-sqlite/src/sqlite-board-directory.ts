import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  type BoardDirectory,
  type BoardRecord,
  DuplicateJoinCodeError,
  expiresAt,
  type MemberRecord,
} from '@talkoot/boards';
import type { Language, Role } from '@talkoot/protocol';

interface BoardRow {
  id: string;
  title: string;
  template: string;
  language: string;
  join_code: string;
  facilitator_code: string;
  created_at: string;
  retention_days: number;
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
  facilitatorCode: row.facilitator_code,
  createdAt: row.created_at,
  retentionDays: row.retention_days,
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
  private readonly updateJoinCode: StatementSync;
  private readonly updateFacilitatorCode: StatementSync;
  private readonly selectMembers: StatementSync;
  private readonly updateMemberName: StatementSync;
  private readonly selectMember: StatementSync;
  private readonly markRemoved: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.insertBoard = db.prepare(
      'INSERT INTO boards (id, title, template, language, join_code, facilitator_code, created_at, retention_days, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertMember = db.prepare(
      'INSERT INTO members (id, board_id, token_hash, role, display_name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectBoard = db.prepare('SELECT * FROM boards WHERE id = ?');
    this.selectBoardByCode = db.prepare('SELECT * FROM boards WHERE join_code = ?1 OR facilitator_code = ?1');
    this.selectMemberByHash = db.prepare('SELECT * FROM members WHERE token_hash = ? AND removed_at IS NULL');
    this.updateJoinCode = db.prepare('UPDATE boards SET join_code = ? WHERE id = ?');
    this.updateFacilitatorCode = db.prepare('UPDATE boards SET facilitator_code = ? WHERE id = ?');
    this.selectMembers = db.prepare(
      'SELECT * FROM members WHERE board_id = ? AND removed_at IS NULL ORDER BY created_at, id',
    );
    this.updateMemberName = db.prepare(
      'UPDATE members SET display_name = ? WHERE board_id = ? AND id = ? AND removed_at IS NULL',
    );
    this.selectMember = db.prepare('SELECT * FROM members WHERE board_id = ? AND id = ?');
    this.markRemoved = db.prepare(
      'UPDATE members SET removed_at = ? WHERE board_id = ? AND id = ? AND removed_at IS NULL',
    );
  }

  createBoard(board: BoardRecord, facilitator: MemberRecord): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.insertBoard.run(
        board.id,
        board.title,
        board.template,
        board.language,
        board.joinCode,
        board.facilitatorCode,
        board.createdAt,
        board.retentionDays,
        expiresAt(board).toISOString(),
      );
      this.runInsertMember(facilitator);
      this.db.exec('COMMIT');
      return Promise.resolve();
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
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

  findBoardByCode(code: string): Promise<{ board: BoardRecord; facilitator: boolean } | null> {
    const row = this.selectBoardByCode.get(code) as BoardRow | undefined;
    return Promise.resolve(row ? { board: toBoard(row), facilitator: row.facilitator_code === code } : null);
  }

  setJoinCode(boardId: string, joinCode: string): Promise<void> {
    try {
      this.updateJoinCode.run(joinCode, boardId);
      return Promise.resolve();
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed: boards.join_code/.test(error.message)) {
        return Promise.reject(new DuplicateJoinCodeError(joinCode));
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  setFacilitatorCode(boardId: string, facilitatorCode: string): Promise<void> {
    this.updateFacilitatorCode.run(facilitatorCode, boardId);
    return Promise.resolve();
  }

  setRetention(boardId: string, retentionDays: number): Promise<void> {
    const board = this.selectBoard.get(boardId) as BoardRow | undefined;
    if (!board) return Promise.resolve();
    const until = expiresAt({ createdAt: board.created_at, retentionDays }).toISOString();
    this.db
      .prepare('UPDATE boards SET retention_days = ?, expires_at = ? WHERE id = ?')
      .run(retentionDays, until, boardId);
    return Promise.resolve();
  }

  expiredBoards(now: Date): Promise<string[]> {
    const rows = this.db.prepare('SELECT id FROM boards WHERE expires_at <= ?').all(now.toISOString()) as {
      id: string;
    }[];
    return Promise.resolve(rows.map((row) => row.id));
  }

  deleteBoard(boardId: string): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.prepare('DELETE FROM members WHERE board_id = ?').run(boardId);
      this.db.prepare('DELETE FROM boards WHERE id = ?').run(boardId);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return Promise.resolve();
  }

  listMembers(boardId: string): Promise<MemberRecord[]> {
    return Promise.resolve((this.selectMembers.all(boardId) as unknown as MemberRow[]).map(toMember));
  }

  renameMember(boardId: string, memberId: string, displayName: string): Promise<MemberRecord | null> {
    const changed = this.updateMemberName.run(displayName, boardId, memberId).changes;
    if (Number(changed) === 0) return Promise.resolve(null);
    return Promise.resolve(toMember(this.selectMember.get(boardId, memberId) as unknown as MemberRow));
  }

  removeMember(boardId: string, memberId: string, at: string): Promise<boolean> {
    return Promise.resolve(Number(this.markRemoved.run(at, boardId, memberId).changes) > 0);
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
