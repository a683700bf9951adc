import type { BoardService } from '@talkoot/boards';
import { type InsertTemplateResponse, insertTemplateRequestSchema } from '@talkoot/protocol';
import type { RoomManager } from '@talkoot/sync';
import { Hono } from 'hono';
import { bearerToken } from '../bearer-token.ts';
import { insertTemplate } from '../board-setup.ts';
import { parseBody } from '../http-helpers.ts';
import type { SessionService } from '../session-service.ts';

/** What the template routes need. */
export interface TemplateDeps {
  boards: BoardService;
  rooms: RoomManager;
  sessions: SessionService;
}

/** Facilitator-only changes of a board's methods: inserting another template. */
export function templateRoutes(deps: TemplateDeps): Hono {
  const app = new Hono();

  app.post('/api/boards/:boardId/templates', async (c) => {
    const { board } = await deps.boards.authenticateFacilitator(c.req.param('boardId'), bearerToken(c));
    const request = await parseBody(c, insertTemplateRequestSchema);
    const placed = await insertTemplate(deps, board, request.template, request.templateParams);
    return c.json<InsertTemplateResponse>(placed, 201);
  });

  return app;
}
