import {
  type BoardDirectory,
  type BoardRecord,
  DuplicateJoinCodeError,
  expiresAt,
  type MemberRecord,
} from '@talkoot/boards';
import type { Language, Role } from '@talkoot/protocol';
import type pg from 'pg';
import { isConnectionLost } from './connection-lost.ts';

interface BoardRow {
  id: string;
  title: string;
  template: string;
  language: string;
  join_code: string;
  facilitator_code: string;
  created_at: Date;
  retention_days: number;
}

interface MemberRow {
  id: string;
  board_id: string;
  token_hash: string;
  role: string;
  display_name: string;
  created_at: Date;
}

const toBoard = (row: BoardRow): BoardRecord => ({
  id: row.id,
  title: row.title,
  template: row.template,
  language: row.language as Language,
  joinCode: row.join_code,
  facilitatorCode: row.facilitator_code,
  createdAt: row.created_at.toISOString(),
  retentionDays: row.retention_days,
});

const toMember = (row: MemberRow): MemberRecord => ({
  id: row.id,
  boardId: row.board_id,
  tokenHash: row.token_hash,
  role: row.role as Role,
  displayName: row.display_name,
  createdAt: row.created_at.toISOString(),
});

const BOARD_COLUMNS = 'id, title, template, language, join_code, facilitator_code, created_at, retention_days';
const MEMBER_COLUMNS = 'id, board_id, token_hash, role, display_name, created_at';

/** A unique violation of the join code: the caller retries with another code. */
function duplicateJoinCode(error: unknown, code: string): unknown {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'boards_join_code_key' ? new DuplicateJoinCodeError(code) : error;
}

/** Boards and members in PostgreSQL, shared by every instance. */
export class PostgresBoardDirectory implements BoardDirectory {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async createBoard(board: BoardRecord, facilitator: MemberRecord): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO boards (${BOARD_COLUMNS}, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          board.id,
          board.title,
          board.template,
          board.language,
          board.joinCode,
          board.facilitatorCode,
          board.createdAt,
          board.retentionDays,
          expiresAt(board).toISOString(),
        ],
      );
      await this.insertMember(client, facilitator);
      await client.query('COMMIT');
    } catch (error) {
      if (isConnectionLost(error)) broken = error as Error;
      else {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
      }
      throw duplicateJoinCode(error, board.joinCode);
    } finally {
      client.release(broken);
    }
  }

  async getBoard(boardId: string): Promise<BoardRecord | null> {
    const { rows } = await this.pool.query<BoardRow>(`SELECT ${BOARD_COLUMNS} FROM boards WHERE id = $1`, [boardId]);
    return rows[0] ? toBoard(rows[0]) : null;
  }

  async findBoardByCode(code: string): Promise<{ board: BoardRecord; facilitator: boolean } | null> {
    const { rows } = await this.pool.query<BoardRow>(
      `SELECT ${BOARD_COLUMNS} FROM boards WHERE join_code = $1 OR facilitator_code = $1`,
      [code],
    );
    const row = rows[0];
    return row ? { board: toBoard(row), facilitator: row.facilitator_code === code } : null;
  }

  async setJoinCode(boardId: string, joinCode: string): Promise<void> {
    try {
      await this.pool.query('UPDATE boards SET join_code = $1 WHERE id = $2', [joinCode, boardId]);
    } catch (error) {
      throw duplicateJoinCode(error, joinCode);
    }
  }

  async setFacilitatorCode(boardId: string, facilitatorCode: string): Promise<void> {
    await this.pool.query('UPDATE boards SET facilitator_code = $1 WHERE id = $2', [facilitatorCode, boardId]);
  }

  async setRetention(boardId: string, retentionDays: number): Promise<void> {
    await this.pool.query(
      "UPDATE boards SET retention_days = $1::int, expires_at = created_at + $1::int * interval '24 hours' WHERE id = $2",
      [retentionDays, boardId],
    );
  }

  async expiredBoards(now: Date): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM boards WHERE expires_at <= $1', [now]);
    return rows.map((row) => row.id);
  }

  async deleteBoard(boardId: string): Promise<void> {
    // Members go with the board (ON DELETE CASCADE), in the same statement.
    await this.pool.query('DELETE FROM boards WHERE id = $1', [boardId]);
  }

  async listMembers(boardId: string): Promise<MemberRecord[]> {
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM members WHERE board_id = $1 AND removed_at IS NULL ORDER BY created_at, id`,
      [boardId],
    );
    return rows.map(toMember);
  }

  async renameMember(boardId: string, memberId: string, displayName: string): Promise<MemberRecord | null> {
    const { rows } = await this.pool.query<MemberRow>(
      `UPDATE members SET display_name = $1 WHERE board_id = $2 AND id = $3 AND removed_at IS NULL RETURNING ${MEMBER_COLUMNS}`,
      [displayName, boardId, memberId],
    );
    return rows[0] ? toMember(rows[0]) : null;
  }

  async removeMember(boardId: string, memberId: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE members SET removed_at = $1 WHERE board_id = $2 AND id = $3 AND removed_at IS NULL',
      [at, boardId, memberId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async addMember(member: MemberRecord): Promise<void> {
    await this.insertMember(this.pool, member);
  }

  async findMemberByTokenHash(tokenHash: string): Promise<MemberRecord | null> {
    const { rows } = await this.pool.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM members WHERE token_hash = $1 AND removed_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ? toMember(rows[0]) : null;
  }

  private async insertMember(client: pg.Pool | pg.PoolClient, member: MemberRecord): Promise<void> {
    await client.query(`INSERT INTO members (${MEMBER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
      member.id,
      member.boardId,
      member.tokenHash,
      member.role,
      member.displayName,
      member.createdAt,
    ]);
  }
}
