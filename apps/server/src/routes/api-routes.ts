import { getConnInfo } from '@hono/node-server/conninfo';
import { BoardError, expiresAt, formatJoinCode } from '@talkoot/boards';
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
import { addressKey } from '../address-key.ts';
import { ApiError } from '../api-error.ts';
import { bearerToken } from '../bearer-token.ts';
import { apiBodyLimit } from '../body-limits.ts';
import { checkTemplateParams, setUpBoard } from '../board-setup.ts';
import { type FailureLimiter, RateLimitedError } from '../failure-limiter.ts';
import { coFacilitatorUrl, joinUrl, parseBody } from '../http-helpers.ts';
import { deleteBoardForGood } from '../retention.ts';
import type { AttemptLimiter } from '../rate-limit.ts';
import { assetRoutes } from './asset-routes.ts';
import { exportRoutes, type ExportDeps } from './export-routes.ts';
import { facilitatorRoutes, type FacilitatorDeps } from './facilitator-routes.ts';
import { templateRoutes } from './template-routes.ts';
import { voteRoutes, type VoteDeps } from './vote-routes.ts';
import { translationRoutes } from './translation-routes.ts';
import type { TranslationService } from '../translation-service.ts';
import type { AssetService } from '../asset-service.ts';

/** What the API routes need from the rest of the server. */
export interface ApiDeps extends FacilitatorDeps, VoteDeps, ExportDeps {
  translations: TranslationService;
  assets: AssetService;
  tldrawLicenseKey: string | undefined;
  /** Failed join attempts (unknown codes) per address key. */
  joinLimiter: FailureLimiter;
  /** Boards created per address key. */
  boardLimiter: AttemptLimiter;
  /** This instance's load for `/healthz`: counts only. */
  health: () => Omit<HealthResponse, 'ok'>;
}

/** The peer's {@link addressKey}, used only as an in-memory rate-limit key (never stored or logged). */
function clientKey(c: Context): string {
  try {
    return addressKey(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** 429 with `Retry-After` (whole seconds, at least 1). */
function rateLimited(c: Context, waitMs: number, message: string): ApiError {
  c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  return new ApiError(429, 'rate-limited', message);
}

/** `/healthz` and `/api/*`: the public HTTP contract documented in the README. */
export function apiRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  // Before every route, so no handler (nor its role check) reads a body over the limit.
  app.use('/api/*', apiBodyLimit());

  app.get('/healthz', (c) => c.json<HealthResponse>({ ok: true, ...deps.health() }));

  app.get('/api/config', (c) =>
    c.json<ClientConfig>({ tldrawLicenseKey: deps.tldrawLicenseKey ?? null, serverTime: Date.now() }),
  );

  app.get('/api/templates', (c) => c.json<TemplateListResponse>({ templates: listTemplates() }));

  app.post('/api/boards', async (c) => {
    const waitMs = deps.boardLimiter.hit(clientKey(c));
    if (waitMs > 0) throw rateLimited(c, waitMs, 'Too many new boards from this network. Wait a moment and try again.');
    const request = await parseBody(c, createBoardRequestSchema);
    checkTemplateParams(request.template ?? 'blank', request.templateParams);
    if (!deps.rooms.storageWritable) {
      throw new ApiError(507, 'storage-full', 'The server cannot store anything right now: its disk is full.');
    }
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

  app.post('/api/join', async (c) => {
    const request = await parseBody(c, joinRequestSchema);
    try {
      // Only wrong codes count: a class of tablets behind one venue address all get in.
      const { board, member, token } = await deps.joinLimiter.run(
        clientKey(c),
        () => deps.boards.join(request.code, request.displayName, request.role ?? 'participant'),
        (error) => error instanceof BoardError && error.reason === 'unknown-join-code',
      );
      return c.json<JoinResponse>({ boardId: board.id, token, role: member.role });
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      throw rateLimited(c, error.retryAfterMs, 'Too many wrong join codes. Wait a moment and try again.');
    }
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
            coFacilitatorUrl: coFacilitatorUrl(c, deps.publicUrl, board.facilitatorCode),
            leftOutChanges: (await deps.rooms.leftOut(board.id)).length,
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
  app.route('/', translationRoutes(deps));
  app.route('/', assetRoutes(deps));

  app.all('/api/*', () => {
    throw new ApiError(404, 'not-found', 'No such API endpoint.');
  });

  return app;
}
