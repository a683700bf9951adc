import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Public base URL used in join links, e.g. `https://talkoot.example.org`; default: the request's origin. */
  PUBLIC_URL: z.url().optional(),
  TLDRAW_LICENSE_KEY: z.string().min(1).optional(),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Folder of the built web app (default `apps/web/dist`). */
  WEB_ROOT: z.string().min(1).optional(),
  /** PostgreSQL instead of SQLite, e.g. `postgres://talkoot@db:5432/talkoot`. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Redis that relays updates and presence between instances (needs DATABASE_URL). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** How long a board nobody is connected to stays in memory (ms). */
  ROOM_IDLE_UNLOAD_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(24 * 3600_000)
    .default(30_000),
  /** Stored updates of a document after which it is compacted into one snapshot. */
  COMPACT_AFTER: z.coerce.number().int().min(2).default(500),
  /** SQLite: minutes between backups into DATA_DIR/backups; 0 turns them off. */
  BACKUP_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
  /** SQLite: backups kept. */
  BACKUP_KEEP: z.coerce.number().int().min(1).default(48),
  /** SQLite: a cap on the data file in 4 KiB pages (e.g. to keep a shared disk from filling). */
  SQLITE_MAX_PAGES: z.coerce.number().int().min(16).optional(),
  /** Open sync sockets per client address; a venue's NAT puts a whole room behind one. */
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(256),
  /** Boards one address may create per minute. */
  BOARD_CREATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Connections per address that have not sent a complete request head yet (slow clients). */
  MAX_PENDING_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(256),
  /** Extra browser origins allowed to open sync sockets and change boards, comma-separated. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url().transform((origin) => new URL(origin).origin))),
  /** The operator's machine-translation server, e.g. `http://127.0.0.1:5000`; unset: translation is off. */
  TRANSLATE_URL: z.url().optional(),
  /** Its API: `libretranslate` or `apertium` (Apertium APY). */
  TRANSLATE_API: z.enum(['libretranslate', 'apertium']).optional(),
  /** LibreTranslate's `api_key`, for a server started with `--api-keys`. */
  TRANSLATE_API_KEY: z.string().min(1).optional(),
  /** How long one request to the MT server may take (ms). */
  TRANSLATE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

/** The machine-translation server, if one is configured. */
export interface TranslateConfig {
  api: 'libretranslate' | 'apertium';
  url: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

/** Runtime configuration, read from the environment once at start-up. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string | undefined;
  tldrawLicenseKey: string | undefined;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  webRoot: string | undefined;
  /** PostgreSQL connection string; undefined keeps everything in SQLite under `dataDir`. */
  databaseUrl: string | undefined;
  /** Redis connection string for running several instances; needs `databaseUrl`. */
  redisUrl: string | undefined;
  /** How long a board nobody is connected to stays in memory. */
  roomIdleUnloadMs: number;
  /** Stored updates of a document after which it is compacted into one snapshot. */
  compactAfter: number;
  backupIntervalMinutes: number;
  backupKeep: number;
  sqliteMaxPages: number | undefined;
  maxConnectionsPerAddress: number;
  /** Boards one address may create per minute. */
  boardCreationsPerMinute: number;
  /** Connections per address still waiting for a complete request head. */
  maxPendingConnectionsPerAddress: number;
  allowedOrigins: string[];
  /** Machine translation of notes; undefined: off (facilitators are told). */
  translate: TranslateConfig | undefined;
}

/** Parses the environment; throws with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  REDIS_URL: several instances need a shared database; set DATABASE_URL too',
    );
  }
  if ((e.TRANSLATE_URL === undefined) !== (e.TRANSLATE_API === undefined)) {
    throw new Error(
      'Invalid configuration:\n  TRANSLATE_URL and TRANSLATE_API go together (libretranslate or apertium)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    webRoot: e.WEB_ROOT === undefined ? undefined : resolve(e.WEB_ROOT),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    roomIdleUnloadMs: e.ROOM_IDLE_UNLOAD_MS,
    compactAfter: e.COMPACT_AFTER,
    backupIntervalMinutes: e.BACKUP_INTERVAL_MINUTES,
    backupKeep: e.BACKUP_KEEP,
    sqliteMaxPages: e.SQLITE_MAX_PAGES,
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    boardCreationsPerMinute: e.BOARD_CREATIONS_PER_MINUTE,
    maxPendingConnectionsPerAddress: e.MAX_PENDING_CONNECTIONS_PER_ADDRESS,
    allowedOrigins: e.ALLOWED_ORIGINS,
    translate:
      e.TRANSLATE_URL && e.TRANSLATE_API
        ? { api: e.TRANSLATE_API, url: e.TRANSLATE_URL, apiKey: e.TRANSLATE_API_KEY, timeoutMs: e.TRANSLATE_TIMEOUT_MS }
        : undefined,
  };
}
