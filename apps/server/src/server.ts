import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { getRequestListener, serve } from '@hono/node-server';
import { BoardService } from '@talkoot/boards';
import { CloseCode, docNames } from '@talkoot/protocol';
import { RedisFanOut } from '@talkoot/fanout-redis';
import { RoomManager, type RoomManagerOptions } from '@talkoot/sync';
import { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import { errorResponse } from './api-error.ts';
import { BallotBox } from './ballot-box.ts';
import {
  applyHttpTimeouts,
  DEFAULT_HTTP_TIMEOUTS,
  type HttpTimeouts,
  httpServerOptions,
  PendingConnections,
} from './connection-guard.ts';
import { FailureLimiter } from './failure-limiter.ts';
import { MemberConnections } from './member-connections.ts';
import { originGuard } from './origin-check.ts';
import { AttemptLimiter } from './rate-limit.ts';
import { startRetentionSweeper } from './retention.ts';
import { openServerStorage, type ServerStorage } from './server-storage.ts';
import { SessionService } from './session-service.ts';
import { upgradeGuard } from './upgrade-guard.ts';
import type { ServerConfig, TranslateConfig } from './config.ts';
import { machineTranslator } from './machine-translator.ts';
import { TranslationService } from './translation-service.ts';
import { type MachineTranslator, RoutedTranslator } from '@talkoot/translate';
import { apiRoutes } from './routes/api-routes.ts';
import { AssetService, type AssetLimits } from './asset-service.ts';
import { syncRoute } from './routes/sync-route.ts';
import { webRoutes } from './routes/web-routes.ts';

/** Largest websocket frame accepted; bigger ones close the socket with 1009. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** Options of {@link startServer} beyond the environment's configuration. */
export interface StartOptions extends Pick<ServerConfig, 'port' | 'host' | 'dataDir'> {
  /** PostgreSQL instead of SQLite (see the README's "Several instances"). */
  databaseUrl?: string | undefined;
  /** Redis relaying updates and presence between instances; needs `databaseUrl`. */
  redisUrl?: string | undefined;
  publicUrl?: string | undefined;
  tldrawLicenseKey?: string | undefined;
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /** Folder of the built web app; default `apps/web/dist`. */
  webRoot?: string;
  /** Serve the web app through Vite's dev server with hot reload. */
  dev?: boolean;
  /** Stored updates of a document after which it is compacted into one snapshot. Default 500. */
  compactAfter?: number;
  /** SQLite: minutes between backups into `<dataDir>/backups` (0: none). Default 60. */
  backupIntervalMinutes?: number;
  /** SQLite: backups kept. Default 48. */
  backupKeep?: number;
  /** SQLite: a cap on the data file, in 4 KiB pages. */
  sqliteMaxPages?: number;
  rooms?: Omit<RoomManagerOptions, 'store' | 'fanOut'>;
  /** Failed join attempts (unknown codes) allowed per address and minute. Default 20. */
  joinAttemptsPerMinute?: number;
  /** Boards created per address and minute. Default 10. */
  boardCreationsPerMinute?: number;
  /** How often to delete boards whose retention period is over. Default 1 h. */
  retentionSweepMs?: number;
  /** Clock of the board service (tests move it forward to check retention). */
  now?: () => Date;
  /** How often to ping sockets and drop the ones that did not answer. Default 30 s. */
  heartbeatMs?: number;
  /** Open sync sockets per client address. Default 256 (a venue NAT puts a room behind one; a tablet has up to 3). */
  maxConnectionsPerAddress?: number;
  /** Browser origins allowed to open sync sockets and change boards besides the server's own. */
  allowedOrigins?: readonly string[];
  /** Connections per address that have not sent a complete request head yet. Default 256. */
  maxPendingConnectionsPerAddress?: number;
  /** HTTP server timeouts; default {@link DEFAULT_HTTP_TIMEOUTS}. */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** The machine-translation server; without one, only people's translations are shown. */
  translate?: TranslateConfig | undefined;
  /** Limits of uploaded photos and recordings (tests lower them); see {@link AssetService}. */
  assetLimits?: Partial<AssetLimits>;
  /** Wraps the MT adapter (tests count the requests that reach the MT server). */
  wrapTranslator?: (machine: MachineTranslator) => MachineTranslator;
}

/** A started server. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly rooms: RoomManager;
  readonly storage: ServerStorage;
  /** The Redis relay, when this is one of several instances. */
  readonly fanOut: RedisFanOut | undefined;
  /** Stops accepting, flushes every room, closes sockets with 1012 and the database. */
  close(): Promise<void>;
}

const WEB_ROOT = resolve(import.meta.dirname, '../../web/dist');
const WEB_SRC = resolve(import.meta.dirname, '../../web');

/** Starts Talkoot: web app, HTTP API and websocket sync on one port. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  if (options.redisUrl && !options.databaseUrl) throw new Error('REDIS_URL needs DATABASE_URL (a shared database)');
  const storage = await openServerStorage(options);
  let fanOut: RedisFanOut | undefined;
  try {
    fanOut = options.redisUrl ? await RedisFanOut.connect(options.redisUrl) : undefined;
  } catch (error) {
    await storage.close();
    throw error;
  }
  const boards = new BoardService(storage.boards, options.now);
  const rooms = new RoomManager({
    store: storage.docs,
    ...(fanOut ? { fanOut } : {}),
    // Every write to a board is checked against its session's locks, which may change on
    // another instance: the session room stays loaded (and subscribed) with the board's.
    companions: (docName) => docNames.companionsOf(docName),
    ...options.rooms,
  });
  const ballots = new BallotBox(rooms);
  const sessions = new SessionService(
    rooms,
    async (boardId) => (await boards.listMembers(boardId)).map((m) => ({ id: m.id, role: m.role })),
    ballots,
  );
  const translations = new TranslationService({
    rooms,
    sessions,
    store: storage.translations,
    translator: options.translate
      ? new RoutedTranslator((options.wrapTranslator ?? ((m) => m))(machineTranslator(options.translate)))
      : undefined,
  });
  const assets = new AssetService({
    store: storage.assets,
    isLocked: async (boardId) => {
      await sessions.prepare(boardId);
      return sessions.isLocked(boardId);
    },
    writable: () => rooms.storageWritable,
    ...(options.assetLimits ? { limits: options.assetLimits } : {}),
  });
  const members = new MemberConnections(fanOut ? { fanOut } : {});
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const compactions = storage.compactions;

  const pending = new PendingConnections(options.maxPendingConnectionsPerAddress ?? 256);
  const originPolicy = { allowedOrigins: options.allowedOrigins ?? [], publicUrl: options.publicUrl };

  const app = new Hono();
  app.onError((error, c) => errorResponse(error, c));
  app.use('*', async (c, next) => {
    // Websocket upgrades emit no `request` event: their head is complete once they get here.
    const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
    if (socket) pending.headComplete(socket as Socket);
    await next();
  });
  app.use('/api/*', originGuard(originPolicy));
  app.route(
    '/',
    apiRoutes({
      boards,
      rooms,
      ballots,
      sessions,
      members,
      publicUrl: options.publicUrl,
      translations,
      assets,
      tldrawLicenseKey: options.tldrawLicenseKey,
      joinLimiter: new FailureLimiter(options.joinAttemptsPerMinute ?? 20, 60_000),
      boardLimiter: new AttemptLimiter(options.boardCreationsPerMinute ?? 10, 60_000),
      health: () => ({
        rooms: rooms.size,
        sockets: wss.clients.size,
        ...(compactions ? { compactions: compactions() } : {}),
      }),
    }),
  );
  app.use(
    '/sync/*',
    upgradeGuard({
      maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? 256,
      ...originPolicy,
    }),
  );
  app.route('/', syncRoute({ boards, rooms, sessions, members }));

  let createServer: typeof createHttpServer | undefined;
  let closeVite: (() => Promise<void>) | undefined;
  if (options.dev) {
    const dev = await viteDevServer(app);
    createServer = dev.createServer;
    closeVite = dev.close;
  } else {
    app.route('/', webRoutes(options.webRoot ?? WEB_ROOT));
  }

  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts };
  const server = await new Promise<Server>((resolveServer) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.host,
        websocket: { server: wss },
        serverOptions: httpServerOptions(timeouts),
        ...(createServer ? { createServer } : {}),
      },
      () => resolveServer(s as Server),
    ) as Server;
    // Before the first connection: listening starts only after this synchronous step.
    applyHttpTimeouts(s, timeouts);
    pending.attach(s);
  });
  const stopHeartbeat = heartbeat(wss, options.heartbeatMs ?? 30_000);
  const stopSweeper = startRetentionSweeper({ boards, rooms, sessions }, options.retentionSweepMs ?? 3600_000);
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    rooms,
    storage,
    fanOut,
    close: () => {
      closing ??= (async () => {
        stopHeartbeat();
        stopSweeper();
        server.close();
        await rooms.closeAll(CloseCode.SERVICE_RESTART, 'server restarting');
        members.close();
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        await closeVite?.();
        fanOut?.close();
        await storage.close();
      })();
      return closing;
    },
  };
}

/** Pings every socket; one that did not answer the previous ping is dropped. */
function heartbeat(wss: WebSocketServer, intervalMs: number): () => void {
  const alive = new WeakSet<object>();
  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * `pnpm dev`: API and sync requests go to Hono, everything else to Vite's middleware
 * (with hot reload over the same port).
 */
async function viteDevServer(
  app: Hono,
): Promise<{ createServer: typeof createHttpServer; close: () => Promise<void> }> {
  const { createServer: createVite } = await import('vite');
  const honoListener = getRequestListener(app.fetch);
  let vite: Awaited<ReturnType<typeof createVite>> | undefined;
  const isApi = (url: string | undefined) => /^\/(api\/|sync\/|healthz)/.test(url ?? '');
  const createServer = ((_options: unknown, _listener: unknown) => {
    const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
      if (isApi(req.url) || !vite) void honoListener(req, res);
      else vite.middlewares(req, res);
    });
    void createVite({
      root: WEB_SRC,
      configFile: join(WEB_SRC, 'vite.config.ts'),
      server: { middlewareMode: true, hmr: { server } },
      appType: 'spa',
    }).then((v) => {
      vite = v;
    });
    return server;
  }) as unknown as typeof createHttpServer;
  return { createServer, close: async () => vite?.close() };
}
