import type { BoardService } from '@talkoot/boards';
import {
  harvestRequestSchema,
  type HarvestResponse,
  type InsertTemplateResponse,
  insertTemplateRequestSchema,
  promoteNoteRequestSchema,
  type PromoteNoteResponse,
  TL_RECORDS_MAP,
} from '@talkoot/protocol';
import { harvestWorldCafe, promoteNote } from '@talkoot/templates';
import type { RoomManager } from '@talkoot/sync';
import { Hono } from 'hono';
import { bearerToken } from '../bearer-token.ts';
import { ApiError } from '../api-error.ts';
import { insertTemplate, templateTranslator } from '../board-setup.ts';
import { parseBody } from '../http-helpers.ts';
import type { SessionService } from '../session-service.ts';

/** What the template routes need. */
export interface TemplateDeps {
  boards: BoardService;
  rooms: RoomManager;
  sessions: SessionService;
}

/**
 * Moving between methods: inserting another template and harvesting a world café
 * (facilitators), and promoting a note to a prioritisation as a need (anyone who can write
 * on both boards).
 */
export function templateRoutes(deps: TemplateDeps): Hono {
  const app = new Hono();

  app.post('/api/boards/:boardId/templates', async (c) => {
    const { board } = await deps.boards.authenticateFacilitator(c.req.param('boardId'), bearerToken(c));
    const request = await parseBody(c, insertTemplateRequestSchema);
    const placed = await insertTemplate(deps, board, request.template, request.templateParams);
    return c.json<InsertTemplateResponse>(placed, 201);
  });

  app.post('/api/boards/:boardId/world-cafe/harvest', async (c) => {
    const { board } = await deps.boards.authenticateFacilitator(c.req.param('boardId'), bearerToken(c));
    const { instance } = await parseBody(c, harvestRequestSchema);
    const t = templateTranslator(board.language);
    // Read and write in one synchronous step, so two harvests at once cannot interleave.
    const harvest = await deps.rooms.changeDoc(board.id, (doc) => {
      const records = doc.getMap<unknown>(TL_RECORDS_MAP);
      const result = harvestWorldCafe(records.values(), { instance, t });
      for (const record of result.records) records.set(record.id, record);
      return result;
    });
    if (harvest.frameId === null) {
      throw new ApiError(409, 'no-world-cafe', 'This board has no world café to harvest.');
    }
    return c.json<HarvestResponse>({ frameId: harvest.frameId, notes: harvest.notes });
  });

  app.post('/api/boards/:boardId/promote', async (c) => {
    const from = await deps.boards.authenticate(c.req.param('boardId'), bearerToken(c));
    const observer = new ApiError(403, 'forbidden', 'Observers cannot add notes.');
    // The caller's own role first: an observer's body is never parsed.
    if (from.member.role === 'observer') throw observer;
    const request = await parseBody(c, promoteNoteRequestSchema);
    const to = request.target ? await deps.boards.authenticate(request.target.boardId, request.target.token) : from;
    if (to.member.role === 'observer') throw observer;
    if (to.member.role !== 'facilitator' && (await deps.sessions.state(to.board.id)).locked) {
      throw new ApiError(409, 'board-locked', 'The facilitator has locked that board.');
    }
    const source = await deps.rooms.readDoc(from.board.id, (doc) => [...doc.getMap<unknown>(TL_RECORDS_MAP).values()]);
    // Decide and write in one synchronous step, so two promotions cannot take one place or duplicate.
    const result = await deps.rooms.changeDoc(to.board.id, (doc) => {
      const records = doc.getMap<unknown>(TL_RECORDS_MAP);
      const promotion = promoteNote(source, request.shapeId, records.values(), {
        boardId: from.board.id,
        boardTitle: from.board.title,
      });
      if (promotion.kind === 'created') records.set(promotion.record.id, promotion.record);
      return promotion;
    });
    switch (result.kind) {
      case 'not-a-note':
        throw new ApiError(404, 'unknown-note', 'There is no such note on this board.');
      case 'no-prioritisation':
        throw new ApiError(409, 'no-prioritisation', 'That board has no prioritisation to send needs to.');
      case 'exists':
        return c.json<PromoteNoteResponse>({ boardId: to.board.id, shapeId: result.shapeId, created: false });
      case 'created':
        return c.json<PromoteNoteResponse>({ boardId: to.board.id, shapeId: result.record.id, created: true }, 201);
    }
  });

  return app;
}
