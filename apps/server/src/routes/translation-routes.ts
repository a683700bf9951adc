import type { BoardService } from '@talkoot/boards';
import {
  type NoteTranslationResult,
  translationCorrectionSchema,
  translationRequestSchema,
  type TranslationResponse,
} from '@talkoot/protocol';
import { Hono } from 'hono';
import { bearerToken } from '../bearer-token.ts';
import { parseBody } from '../http-helpers.ts';
import type { TranslationService } from '../translation-service.ts';

/** What the translation routes need. */
export interface TranslationRouteDeps {
  boards: BoardService;
  translations: TranslationService;
}

/**
 * Any member: `POST /api/boards/:boardId/translations { target, shapeIds, doc? }` → the notes'
 * translations for `target`; participants and facilitators:
 * `PUT /api/boards/:boardId/translations/:shapeId { target, text, doc? }` stores their own.
 */
export function translationRoutes(deps: TranslationRouteDeps): Hono {
  const app = new Hono();

  app.post('/api/boards/:boardId/translations', async (c) => {
    const { board, member } = await deps.boards.authenticate(c.req.param('boardId'), bearerToken(c));
    const request = await parseBody(c, translationRequestSchema);
    const body = await deps.translations.translate(board, member, request.doc, request.shapeIds, request.target);
    return c.json<TranslationResponse>(body);
  });

  app.put('/api/boards/:boardId/translations/:shapeId', async (c) => {
    const { board, member } = await deps.boards.authenticate(c.req.param('boardId'), bearerToken(c));
    const request = await parseBody(c, translationCorrectionSchema);
    const result = await deps.translations.correct(
      board,
      member,
      request.doc,
      c.req.param('shapeId'),
      request.target,
      request.text,
    );
    return c.json<NoteTranslationResult>(result);
  });

  return app;
}
