import { exportQuerySchema, type SeedActionPlanResponse, seedActionPlanRequestSchema } from '@talkoot/protocol';
import { Hono } from 'hono';
import { ApiError } from '../api-error.ts';
import { bearerToken } from '../bearer-token.ts';
import { buildExport, contentDisposition, type ExportDeps, seedFromRanking } from '../export-service.ts';

export type { ExportDeps } from '../export-service.ts';
import { parseBody } from '../http-helpers.ts';

/**
 * Facilitator-only exports and the action plan's seeding:
 * `GET /api/boards/:boardId/export?format=docx|md|csv|json|svg|png&lang=&names=0|1&frame=&scale=`
 * and `POST /api/boards/:boardId/action-plan/seed { count }`. Participants and observers get 403.
 */
export function exportRoutes(deps: ExportDeps): Hono {
  const app = new Hono();
  const facilitator = (boardId: string, token: string | undefined) =>
    deps.boards.authenticateFacilitator(boardId, token);

  app.get('/api/boards/:boardId/export', async (c) => {
    // Roles first: a participant learns nothing about the export, not even that a query is wrong.
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const parsed = exportQuerySchema.safeParse(c.req.query());
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      throw new ApiError(400, 'invalid-query', `Invalid query: ${summary}`, issues);
    }
    const query = parsed.data;
    const now = deps.now?.() ?? new Date();
    const file = await buildExport({ ...deps, now: () => now }, board, query);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      // The length lets the browser show progress while a big document downloads.
      'Content-Length': String(file.body.byteLength),
      'Content-Disposition': contentDisposition(file.fileName, board.title, now, query.format),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // An SVG opened on its own must not run anything a note smuggled into it.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
    });
  });

  app.post('/api/boards/:boardId/action-plan/seed', async (c) => {
    const { board } = await facilitator(c.req.param('boardId'), bearerToken(c));
    const { count } = await parseBody(c, seedActionPlanRequestSchema);
    return c.json<SeedActionPlanResponse>(await seedFromRanking(deps, board.id, count));
  });

  return app;
}
