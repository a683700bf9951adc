import { type BoardService, expiresAt, type MemberRecord, formatJoinCode, SessionCommandError } from '@talkoot/boards';
import {
  CloseCode,
  type BoardRetention,
  type MemberInfo,
  type MembersResponse,
  renameMemberRequestSchema,
  type RotateFacilitatorLinkResponse,
  type RotateJoinCodeResponse,
  sessionCommandSchema,
  type SessionResponse,
  updateBoardRequestSchema,
} from '@talkoot/protocol';
import type { RoomManager } from '@talkoot/sync';
import { Hono } from 'hono';
import { ApiError } from '../api-error.ts';
import { bearerToken } from '../bearer-token.ts';
import type { MemberConnections } from '../member-connections.ts';
import { deleteBoardForGood } from '../retention.ts';
import type { SessionService } from '../session-service.ts';
import type { TranslationService } from '../translation-service.ts';
import { coFacilitatorUrl, joinUrl, parseBody } from '../http-helpers.ts';

/** What the facilitator routes need. */
export interface FacilitatorDeps {
  boards: BoardService;
  rooms: RoomManager;
  sessions: SessionService;
  members: MemberConnections;
  publicUrl: string | undefined;
  /** Deletes translations of notes hidden from exports. */
  translations?: Pick<TranslationService, 'forgetRedacted'>;
}

/**
 * Facilitator-only HTTP calls: session commands (timer, agenda, locks, follow, private
 * mode), people (list, rename, remove), join-code and co-facilitator-link rotation.
 * Everyone else gets 403.
 */
export function facilitatorRoutes(deps: FacilitatorDeps): Hono {
  const app = new Hono();
  const memberInfo = (m: MemberRecord): MemberInfo => ({
    memberId: m.id,
    displayName: m.displayName,
    role: m.role,
    online: deps.members.isOnline(m.id),
  });
  const facilitator = (boardId: string, token: string | undefined) =>
    deps.boards.authenticateFacilitator(boardId, token);

  app.get('/api/boards/:boardId/session', async (c) => {
    const { board } = await deps.boards.authenticate(c.req.param('boardId'), bearerToken(c));
    return c.json({ state: await deps.sessions.state(board.id) } satisfies SessionResponse);
  });

  app.post('/api/boards/:boardId/session', async (c) => {
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const command = await parseBody(c, sessionCommandSchema);
    try {
      const state = await deps.sessions.command(board.id, command);
      // A hidden note is never sent to the MT server again, and what it sent is gone.
      if (command.type === 'export.redact' && command.redacted) {
        await deps.translations?.forgetRedacted(board, command.shapeIds);
      }
      return c.json({ state } satisfies SessionResponse);
    } catch (error) {
      if (error instanceof SessionCommandError) throw new ApiError(409, 'invalid-command', error.message);
      throw error;
    }
  });

  app.get('/api/boards/:boardId/members', async (c) => {
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const members = (await deps.boards.listMembers(board.id)).map(memberInfo);
    return c.json({ members } satisfies MembersResponse);
  });

  app.patch('/api/boards/:boardId/members/:memberId', async (c) => {
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const { displayName } = await parseBody(c, renameMemberRequestSchema);
    const m = await deps.boards.renameMember(board.id, c.req.param('memberId'), displayName);
    return c.json(memberInfo(m));
  });

  app.delete('/api/boards/:boardId/members/:memberId', async (c) => {
    const { board, member } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const memberId = c.req.param('memberId');
    // Refuses the creator and oneself; a removed facilitator's co-facilitator link is replaced.
    await deps.boards.removeMember(board.id, member.id, memberId);
    deps.members.closeAll(memberId, CloseCode.FORBIDDEN, 'removed from the board');
    return c.body(null, 204);
  });

  app.patch('/api/boards/:boardId', async (c) => {
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const { retentionDays } = await parseBody(c, updateBoardRequestSchema);
    await deps.boards.setRetention(board.id, retentionDays);
    const updated = { ...board, retentionDays };
    return c.json({ retentionDays, expiresAt: expiresAt(updated).toISOString() } satisfies BoardRetention);
  });

  app.delete('/api/boards/:boardId', async (c) => {
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    await deleteBoardForGood(deps, board.id);
    return c.body(null, 204);
  });

  app.post('/api/boards/:boardId/join-code', async (c) => {
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const code = await deps.boards.rotateJoinCode(board.id);
    return c.json<RotateJoinCodeResponse>({
      joinCode: formatJoinCode(code),
      joinUrl: joinUrl(c, deps.publicUrl, code),
    });
  });

  app.post('/api/boards/:boardId/facilitator-link/rotate', async (c) => {
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const code = await deps.boards.rotateFacilitatorCode(board.id);
    return c.json<RotateFacilitatorLinkResponse>({ coFacilitatorUrl: coFacilitatorUrl(c, deps.publicUrl, code) });
  });

  return app;
}
