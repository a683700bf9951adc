import { upgradeWebSocket } from '@hono/node-server';
import { type Access, BoardError, type BoardService } from '@talkoot/boards';
import { CloseCode, type ErrorBody } from '@talkoot/protocol';
import type { RoomConnection, RoomManager } from '@talkoot/sync';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { toSyncSocket } from '../ws-sync-socket.ts';

/** What the sync route needs. */
export interface SyncDeps {
  boards: BoardService;
  rooms: RoomManager;
}

type Outcome = { access: Access } | { close: { code: number; reason: string } };

/**
 * `GET /sync/:boardId?token=…`: the standard y-websocket protocol. A request without a
 * token is refused with 401 before the upgrade; an invalid token or an unknown board is
 * upgraded and closed at once with 4401 / 4404, so browsers (which cannot read an upgrade
 * response's status) learn why.
 */
export function syncRoute(deps: SyncDeps): Hono<{ Variables: { outcome: Outcome } }> {
  const app = new Hono<{ Variables: { outcome: Outcome } }>();
  app.get(
    '/sync/:boardId',
    async (c, next) => {
      const token = c.req.query('token');
      if (!token) {
        return c.json<ErrorBody>({ error: 'unauthorized', message: 'A token is required.' }, 401);
      }
      try {
        c.set('outcome', { access: await deps.boards.authenticate(c.req.param('boardId'), token) });
      } catch (error) {
        if (!(error instanceof BoardError)) throw error;
        const code = error.reason === 'board-not-found' ? CloseCode.BOARD_NOT_FOUND : CloseCode.UNAUTHORIZED;
        c.set('outcome', { close: { code, reason: error.message } });
      }
      await next();
    },
    upgradeWebSocket((c) => {
      const outcome = c.get('outcome');
      let connection: RoomConnection | undefined;
      return {
        onOpen(_event, ws) {
          if ('close' in outcome) {
            ws.close(outcome.close.code, outcome.close.reason);
            return;
          }
          const { board, member } = outcome.access;
          const raw = ws.raw as WebSocket;
          const room = deps.rooms.connect(board.id, toSyncSocket(raw), { canWrite: member.role !== 'observer' });
          connection = room;
          // Straight from `ws` (no onMessage): Hono's adapter would copy every frame into
          // an ArrayBuffer and wrap it in a MessageEvent, which costs on the hot path.
          raw.on('message', (data: Buffer, isBinary: boolean) => {
            if (!isBinary) {
              raw.close(CloseCode.UNSUPPORTED_DATA, 'binary frames only');
              room.closed();
              return;
            }
            room.receive(data);
          });
        },
        onClose() {
          connection?.closed();
        },
        onError() {
          connection?.closed();
        },
      };
    }),
  );
  return app;
}
