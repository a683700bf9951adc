import { upgradeWebSocket } from '@hono/node-server';
import { migratePlanText, planNeedsMigration } from '@talkoot/action-plan';
import { type Access, BoardError, type BoardService, mayWrite, type SyncedDoc, syncAccess } from '@talkoot/boards';
import { CloseCode, docNames, type ErrorBody } from '@talkoot/protocol';
import type { RoomConnection, RoomManager } from '@talkoot/sync';
import { type Context, Hono, type Next } from 'hono';
import type { WebSocket } from 'ws';
import { stampPresence } from '../presence-stamp.ts';
import { assetSourcesAllowed, BOARD_ROOTS, frameLockAllows, PRIVATE_ROOTS, shapeOfWrites } from '../write-policy.ts';
import { toSyncSocket } from '../ws-sync-socket.ts';
import type { MemberConnections } from '../member-connections.ts';
import type { SessionService } from '../session-service.ts';

/** What the sync route needs. */
export interface SyncDeps {
  boards: BoardService;
  rooms: RoomManager;
  sessions: SessionService;
  members: MemberConnections;
}

type Outcome = { access: Access } | { close: { code: number; reason: string } };

/** The documents of a board a client can sync. */
type DocKind = 'board' | 'session' | 'private';

/**
 * `GET /sync/:boardId?token=…[&presence=none]` (the canvas; `presence=none` for a view that
 * publishes no presence, e.g. the projector) and `GET /sync/:boardId/session?token=…` (the
 * server-owned workshop state, read-only for everyone): the standard y-websocket protocol.
 * A request without a token is refused with 401 before the upgrade; an invalid token or an
 * unknown board is upgraded and closed at once with 4401 / 4404, so browsers (which cannot
 * read an upgrade response's status) learn why.
 */
export function syncRoute(deps: SyncDeps): Hono<{ Variables: { outcome: Outcome } }> {
  const app = new Hono<{ Variables: { outcome: Outcome } }>();
  const authenticate = async (c: Context<{ Variables: { outcome: Outcome } }>, next: Next) => {
    const token = c.req.query('token');
    if (!token) {
      return c.json<ErrorBody>({ error: 'unauthorized', message: 'A token is required.' }, 401);
    }
    try {
      const access = await deps.boards.authenticate(c.req.param('boardId') ?? '', token);
      await deps.sessions.prepare(access.board.id);
      c.set('outcome', { access });
    } catch (error) {
      if (!(error instanceof BoardError)) throw error;
      const code = error.reason === 'board-not-found' ? CloseCode.BOARD_NOT_FOUND : CloseCode.UNAUTHORIZED;
      c.set('outcome', { close: { code, reason: error.message } });
    }
    await next();
  };
  // Before anyone syncs a board: older boards' plain-string plan cells become Y.Texts, by the
  // server alone, so two people never convert one cell at once (one conversion would win, and
  // what was typed into the other would be lost).
  const migrate = async (c: Context<{ Variables: { outcome: Outcome } }>, next: Next) => {
    const outcome = c.get('outcome');
    if ('access' in outcome) {
      const name = docNames.board(outcome.access.board.id);
      try {
        if (await deps.rooms.readDoc(name, planNeedsMigration)) await deps.rooms.changeDoc(name, migratePlanText);
      } catch (error) {
        // The board still works: every reader reads both forms, and an edit converts its cell.
        console.error(`[sync] ${name}: the action plan's text could not be migrated:`, error);
      }
    }
    await next();
  };
  const handler = (kind: DocKind) =>
    upgradeWebSocket((c) => {
      const outcome = c.get('outcome');
      let connection: RoomConnection | undefined;
      let untrack: (() => void) | undefined;
      const closed = () => {
        connection?.closed();
        untrack?.();
      };
      return {
        onOpen(_event, ws) {
          if ('close' in outcome) {
            ws.close(outcome.close.code, outcome.close.reason);
            return;
          }
          const { board, member } = outcome.access;
          const raw = ws.raw as WebSocket;
          const owner = c.req.param('memberId') ?? '';
          const doc: SyncedDoc = kind === 'private' ? { kind, owner } : { kind };
          const access = syncAccess(member.role, member.id, doc);
          if (!access.read) {
            ws.close(CloseCode.FORBIDDEN, 'not your private notes');
            return;
          }
          const name =
            kind === 'board'
              ? docNames.board(board.id)
              : kind === 'session'
                ? docNames.session(board.id)
                : docNames.private(board.id, owner);
          const roots = kind === 'private' ? PRIVATE_ROOTS : BOARD_ROOTS;
          const room = deps.rooms.connect(name, toSyncSocket(raw), {
            canWrite: () => mayWrite(access, deps.sessions.isLocked(board.id)),
            writer: member.id,
            vet: (changes, doc) =>
              shapeOfWrites(changes, roots, access.ownUserRecord) &&
              assetSourcesAllowed(changes, doc, board.id) &&
              (!access.frameLocks || frameLockAllows(changes, doc, deps.sessions.lockedFrames(board.id))),
            // `presence=none`: a projector, which shows the board without being one of the people here.
            presence: c.req.query('presence') === 'none' ? false : stampPresence(member),
          });
          connection = room;
          untrack = deps.members.add(member.id, room);
          // Straight from `ws` (no onMessage): Hono's adapter would copy every frame into
          // an ArrayBuffer and wrap it in a MessageEvent, which costs on the hot path.
          raw.on('message', (data: Buffer, isBinary: boolean) => {
            if (!isBinary) {
              raw.close(CloseCode.UNSUPPORTED_DATA, 'binary frames only');
              closed();
              return;
            }
            room.receive(data);
          });
        },
        onClose: closed,
        onError: closed,
      };
    });
  app.get('/sync/:boardId', authenticate, migrate, handler('board'));
  app.get('/sync/:boardId/session', authenticate, handler('session'));
  app.get('/sync/:boardId/private/:memberId', authenticate, handler('private'));
  return app;
}
