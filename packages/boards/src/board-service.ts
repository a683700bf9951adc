import type { CreateBoardRequest, Language, Role } from '@talkoot/protocol';
import { type BoardDirectory, type BoardRecord, DuplicateJoinCodeError, type MemberRecord } from './board-directory.ts';
import { decideRemoval } from './member-removal.ts';
import { hashToken, newFacilitatorCode, newId, newJoinCode, newToken, normalizeJoinCode } from './tokens.ts';

/** Boards are deleted this many days after creation unless the facilitator sets otherwise. */
export const DEFAULT_RETENTION_DAYS = 90;

/** When a board is deleted for good. */
export function expiresAt(board: Pick<BoardRecord, 'createdAt' | 'retentionDays'>): Date {
  return new Date(Date.parse(board.createdAt) + board.retentionDays * 24 * 3600_000);
}

/** A domain error with a stable reason; the HTTP edge maps it to a status. */
export class BoardError extends Error {
  override readonly name = 'BoardError';
  readonly reason:
    | 'board-not-found'
    | 'unknown-join-code'
    | 'unauthorized'
    | 'forbidden'
    | 'member-not-found'
    | 'cannot-remove-self'
    | 'cannot-remove-creator';
  constructor(reason: BoardError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

const REMOVAL_REFUSED = {
  'member-not-found': 'No such member on this board.',
  'cannot-remove-self': 'You cannot remove yourself.',
  'cannot-remove-creator': 'The facilitator who created the board cannot be removed.',
} as const;

/** Result of creating a board. */
export interface CreatedBoard {
  board: BoardRecord;
  facilitatorToken: string;
}

/** Result of joining a board. */
export interface JoinedBoard {
  board: BoardRecord;
  member: MemberRecord;
  token: string;
}

/** Who a token belongs to. */
export interface Access {
  board: BoardRecord;
  member: MemberRecord;
}

/** Creating boards, joining them by code and checking tokens. */
export class BoardService {
  private readonly directory: BoardDirectory;
  private readonly now: () => Date;

  constructor(directory: BoardDirectory, now: () => Date = () => new Date()) {
    this.directory = directory;
    this.now = now;
  }

  async create(request: CreateBoardRequest): Promise<CreatedBoard> {
    const createdAt = this.now().toISOString();
    const facilitatorToken = newToken();
    const language: Language = request.language ?? 'en';
    for (let attempt = 0; ; attempt++) {
      const board: BoardRecord = {
        id: newId(),
        title: request.title,
        template: request.template ?? 'blank',
        language,
        joinCode: newJoinCode(),
        facilitatorCode: newFacilitatorCode(),
        createdAt,
        retentionDays: request.retentionDays ?? DEFAULT_RETENTION_DAYS,
      };
      const facilitator: MemberRecord = {
        id: newId(),
        boardId: board.id,
        tokenHash: hashToken(facilitatorToken),
        role: 'facilitator',
        displayName: request.displayName ?? 'Facilitator',
        createdAt,
      };
      try {
        await this.directory.createBoard(board, facilitator);
        return { board, facilitatorToken };
      } catch (error) {
        if (!(error instanceof DuplicateJoinCodeError) || attempt >= 10) throw error;
      }
    }
  }

  /**
   * Joins by code. The board's join code makes a participant (or an observer, if asked);
   * its facilitator code makes a co-facilitator.
   */
  async join(code: string, displayName: string, role: Extract<Role, 'participant' | 'observer'>): Promise<JoinedBoard> {
    const found = await this.directory.findBoardByCode(normalizeJoinCode(code));
    if (!found) throw new BoardError('unknown-join-code', 'No board has this code. Check the code and try again.');
    const token = newToken();
    const member: MemberRecord = {
      id: newId(),
      boardId: found.board.id,
      tokenHash: hashToken(token),
      role: found.facilitator ? 'facilitator' : role,
      displayName,
      createdAt: this.now().toISOString(),
    };
    await this.directory.addMember(member);
    return { board: found.board, member, token };
  }

  /** A new join code; the old one stops working at once, members already in stay. */
  async rotateJoinCode(boardId: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const code = newJoinCode();
      try {
        await this.directory.setJoinCode(boardId, code);
        return code;
      } catch (error) {
        if (!(error instanceof DuplicateJoinCodeError) || attempt >= 10) throw error;
      }
    }
  }

  /** A new co-facilitator code; the old link stops working at once, facilitators already in stay. */
  async rotateFacilitatorCode(boardId: string): Promise<string> {
    const code = newFacilitatorCode();
    await this.directory.setFacilitatorCode(boardId, code);
    return code;
  }

  setRetention(boardId: string, retentionDays: number): Promise<void> {
    return this.directory.setRetention(boardId, retentionDays);
  }

  /** Boards whose retention period is over, by this service's clock. */
  expiredBoards(): Promise<string[]> {
    return this.directory.expiredBoards(this.now());
  }

  deleteBoard(boardId: string): Promise<void> {
    return this.directory.deleteBoard(boardId);
  }

  listMembers(boardId: string): Promise<MemberRecord[]> {
    return this.directory.listMembers(boardId);
  }

  async renameMember(boardId: string, memberId: string, displayName: string): Promise<MemberRecord> {
    const member = await this.directory.renameMember(boardId, memberId, displayName);
    if (!member) throw new BoardError('member-not-found', 'No such member on this board.');
    return member;
  }

  /**
   * `actorId` removes `memberId` as {@link decideRemoval} allows: the creator never, nobody
   * themselves; removing a facilitator also rotates the co-facilitator code. Resolves with
   * whether it did.
   */
  async removeMember(boardId: string, actorId: string, memberId: string): Promise<{ facilitatorCodeRotated: boolean }> {
    const removal = decideRemoval(await this.directory.listMembers(boardId), actorId, memberId);
    if (removal.kind === 'refused') throw new BoardError(removal.reason, REMOVAL_REFUSED[removal.reason]);
    if (!(await this.directory.removeMember(boardId, memberId, this.now().toISOString()))) {
      throw new BoardError('member-not-found', REMOVAL_REFUSED['member-not-found']);
    }
    if (removal.rotateFacilitatorCode) await this.rotateFacilitatorCode(boardId);
    return { facilitatorCodeRotated: removal.rotateFacilitatorCode };
  }

  /** A board by id, or null when there is none (any more); no token needed, so only for server-side reads. */
  get(boardId: string): Promise<BoardRecord | null> {
    return this.directory.getBoard(boardId);
  }

  /** Like {@link BoardService.authenticate}, but only facilitators pass. */
  async authenticateFacilitator(boardId: string, token: string | undefined): Promise<Access> {
    const access = await this.authenticate(boardId, token);
    if (access.member.role !== 'facilitator') throw new BoardError('forbidden', 'Only facilitators can do this.');
    return access;
  }

  /** The board and member a token grants access to; throws {@link BoardError}. */
  async authenticate(boardId: string, token: string | undefined): Promise<Access> {
    const board = await this.directory.getBoard(boardId);
    if (!board) throw new BoardError('board-not-found', 'No such board.');
    if (!token) throw new BoardError('unauthorized', 'A token is required.');
    const member = await this.directory.findMemberByTokenHash(hashToken(token));
    if (!member || member.boardId !== board.id)
      throw new BoardError('unauthorized', 'This token is not valid for this board.');
    return { board, member };
  }
}
