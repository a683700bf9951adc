import type { BoardService } from '@talkoot/boards';
import {
  harvestRequestSchema,
  type HarvestResponse,
  type InsertTemplateResponse,
  insertTemplateRequestSchema,
  TL_RECORDS_MAP,
} from '@talkoot/protocol';
import { harvestWorldCafe } from '@talkoot/templates';
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

/** Facilitator-only changes of a board's methods: inserting another template, a world-café harvest. */
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
    const harvest = await deps.rooms.withDoc(board.id, (doc) => {
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

  return app;
}
