import { getConnInfo } from '@hono/node-server/conninfo';
import { expiresAt, formatJoinCode } from '@talkoot/boards';
import {
  type BoardMeta,
  type ClientConfig,
  type CreateBoardResponse,
  createBoardRequestSchema,
  type HealthResponse,
  type JoinResponse,
  joinRequestSchema,
  type TemplateListResponse,
} from '@talkoot/protocol';
import { listTemplates } from '@talkoot/templates';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../api-error.ts';
import { bearerToken } from '../bearer-token.ts';
import { checkTemplateParams, setUpBoard } from '../board-setup.ts';
import { joinUrl, parseBody } from '../http-helpers.ts';
import { deleteBoardForGood } from '../retention.ts';
import type { AttemptLimiter } from '../rate-limit.ts';
import { exportRoutes, type ExportDeps } from './export-routes.ts';
import { facilitatorRoutes, type FacilitatorDeps } from './facilitator-routes.ts';
import { templateRoutes } from './template-routes.ts';
import { voteRoutes, type VoteDeps } from './vote-routes.ts';

/** What the API routes need from the rest of the server. */
export interface ApiDeps extends FacilitatorDeps, VoteDeps, ExportDeps {
  tldrawLicenseKey: string | undefined;
  /** Join attempts per address. */
  joinLimiter: AttemptLimiter;
  /** This instance's load for `/healthz`: counts only. */
  health: () => Omit<HealthResponse, 'ok'>;
}

/** The peer address, used only as an in-memory rate-limit key (never stored or logged). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `/healthz` and `/api/*`: the public HTTP contract documented in the README. */
export function apiRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new ApiError(413, 'body-too-large', 'The request body is larger than 64 KiB.');
    },
  });

  app.get('/healthz', (c) => c.json<HealthResponse>({ ok: true, ...deps.health() }));

  app.get('/api/config', (c) =>
    c.json<ClientConfig>({ tldrawLicenseKey: deps.tldrawLicenseKey ?? null, serverTime: Date.now() }),
  );

  app.get('/api/templates', (c) => c.json<TemplateListResponse>({ templates: listTemplates() }));

  app.post('/api/boards', limit, async (c) => {
    const request = await parseBody(c, createBoardRequestSchema);
    checkTemplateParams(request.template ?? 'blank', request.templateParams);
    const { board, facilitatorToken } = await deps.boards.create(request);
    // Laid out here, once, before anyone can connect: two clients opening the new board at
    // once both find the layout instead of each adding one.
    try {
      await setUpBoard(deps, board, request.templateParams);
    } catch (error) {
      // A board whose layout could not be stored is not handed out half made.
      await deleteBoardForGood(deps, board.id).catch(() => undefined);
      throw error;
    }
    const body: CreateBoardResponse = {
      boardId: board.id,
      joinCode: formatJoinCode(board.joinCode),
      facilitatorToken,
      joinUrl: joinUrl(c, deps.publicUrl, board.joinCode),
    };
    return c.json(body, 201);
  });

  app.post('/api/join', limit, async (c) => {
    const waitMs = deps.joinLimiter.hit(clientAddress(c));
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      throw new ApiError(429, 'rate-limited', 'Too many join attempts. Wait a moment and try again.');
    }
    const request = await parseBody(c, joinRequestSchema);
    const { board, member, token } = await deps.boards.join(
      request.code,
      request.displayName,
      request.role ?? 'participant',
    );
    return c.json<JoinResponse>({ boardId: board.id, token, role: member.role });
  });

  app.get('/api/boards/:boardId', async (c) => {
    const { board, member } = await deps.boards.authenticate(c.req.param('boardId'), bearerToken(c));
    const isFacilitator = member.role === 'facilitator';
    const body: BoardMeta = {
      boardId: board.id,
      title: board.title,
      template: board.template,
      language: board.language,
      createdAt: board.createdAt,
      expiresAt: expiresAt(board).toISOString(),
      retentionDays: board.retentionDays,
      ...(isFacilitator
        ? {
            joinCode: formatJoinCode(board.joinCode),
            joinUrl: joinUrl(c, deps.publicUrl, board.joinCode),
            coFacilitatorUrl: `${deps.publicUrl ?? new URL(c.req.url).origin}/join/${board.facilitatorCode}`,
          }
        : {}),
      you: { memberId: member.id, displayName: member.displayName, role: member.role },
    };
    return c.json(body);
  });

  app.route('/', facilitatorRoutes(deps));
  app.route('/', voteRoutes(deps));
  app.route('/', templateRoutes(deps));
  app.route('/', exportRoutes(deps));

  app.all('/api/*', () => {
    throw new ApiError(404, 'not-found', 'No such API endpoint.');
  });

  return app;
}
