import pg from 'pg';
import { PostgresBoardDirectory } from './postgres-board-directory.ts';
import { PostgresDocStore, type PostgresDocStoreOptions } from './postgres-doc-store.ts';
import { PostgresTranslationStore } from './postgres-translation-store.ts';
import { PostgresAssetStore } from './postgres-asset-store.ts';

/** Options for {@link openPostgresStorage}. */
export interface PostgresStorageOptions extends PostgresDocStoreOptions {
  /** Connections for appends, reads and the board directory. Default 10. */
  poolSize?: number;
  /** Where connection errors go (the operation fails, the pool reconnects by itself). */
  onError?: (error: Error) => void;
  /** How long to keep trying at start-up while PostgreSQL cannot be reached. Default 60 s. */
  connectRetryMs?: number;
  /** A new connection that is not up within this fails. Default 5 s. */
  connectTimeoutMs?: number;
  /** A query without an answer within this fails (the client side's `query_timeout`). Default 10 s. */
  queryTimeoutMs?: number;
}

/** Errors that mean "not reachable (yet)": worth trying again at start-up. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P03',
]);

/** `host:port/database` of a connection string, without credentials or options. */
export function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured address';
  }
}

/** Runs `attempt` until it succeeds, retrying with backoff while PostgreSQL is unreachable. */
async function whenReachable<T>(
  target: string,
  retryMs: number,
  log: (message: string) => void,
  attempt: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + retryMs;
  for (let wait = 500; ; wait = Math.min(wait * 2, 5000)) {
    try {
      return await attempt();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const message = error instanceof Error ? error.message : String(error);
      if (typeof code !== 'string' || !UNREACHABLE.has(code)) throw error;
      if (Date.now() + wait > deadline) {
        throw new Error(
          `PostgreSQL at ${target} is unreachable (${message}); gave up after ${Math.round(retryMs / 1000)} s`,
          { cause: error },
        );
      }
      log(`PostgreSQL at ${target} is unreachable (${message}); trying again in ${wait / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Everything Talkoot stores, in one PostgreSQL database (or schema) shared by every instance. */
export interface PostgresStorage {
  readonly docs: PostgresDocStore;
  readonly boards: PostgresBoardDirectory;
  readonly translations: PostgresTranslationStore;
  /** Uploaded photos and voice notes, shared by every instance. */
  readonly assets: PostgresAssetStore;
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL (`postgres://user@host:port/db`, optionally with
 * `?options=-c%20search_path%3Dschema`), creates or migrates the tables and returns the
 * stores. Instances starting at once migrate one after another.
 */
export async function openPostgresStorage(
  connectionString: string,
  options: PostgresStorageOptions = {},
): Promise<PostgresStorage> {
  const onError = options.onError ?? ((error) => console.error('[postgres]', error.message));
  // A PostgreSQL that stops answering (a paused VM, a blackholed network) fails each query after
  // `queryTimeoutMs` instead of holding boards for minutes; the rooms then keep changes on the
  // clients until a probe write succeeds (see StorageHealth in @talkoot/sync).
  const timeouts = {
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    query_timeout: options.queryTimeoutMs ?? 10_000,
  };
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, ...timeouts });
  const lockPool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, ...timeouts });
  // An idle client's error reaches the pool's listener; a checked-out client's would be an
  // unhandled 'error' event (pg-pool removes its listener on checkout) and end the process.
  // Every client gets its own: the operation using it fails, the pool replaces it.
  for (const each of [pool, lockPool]) {
    each.on('error', onError);
    each.on('connect', (client) => client.on('error', onError));
  }
  try {
    const target = describeTarget(connectionString);
    await whenReachable(
      target,
      options.connectRetryMs ?? 60_000,
      (message) => console.error(`[postgres] ${message}`),
      () => migrate(pool),
    );
  } catch (error) {
    await Promise.allSettled([pool.end(), lockPool.end()]);
    throw error;
  }
  const docs = new PostgresDocStore(pool, lockPool, options);
  const boards = new PostgresBoardDirectory(pool);
  let closing: Promise<void> | undefined;
  return {
    docs,
    boards,
    translations: new PostgresTranslationStore(pool),
    assets: new PostgresAssetStore(pool),
    close: () => {
      closing ??= (async () => {
        await docs.stop();
        await Promise.all([pool.end(), lockPool.end()]);
      })();
      return closing;
    },
  };
}

/** Key of the advisory lock that migrations hold ('TkMg'). */
const MIGRATION_LOCK = 0x546b4d67;

const MIGRATIONS: readonly string[] = [
  // Document names and ids compare byte-wise (C collation): prefix ranges and ordering
  // then mean what they mean in SQLite.
  `CREATE SEQUENCE doc_update_seq;
   CREATE TABLE doc_updates (
     doc TEXT COLLATE "C" NOT NULL,
     seq BIGINT NOT NULL,
     writer UUID NOT NULL,
     data BYTEA NOT NULL,
     PRIMARY KEY (doc, seq)
   );
   CREATE TABLE doc_snapshots (
     doc TEXT COLLATE "C" PRIMARY KEY,
     data BYTEA NOT NULL,
     upto BIGINT NOT NULL
   );
   CREATE TABLE boards (
     id TEXT COLLATE "C" PRIMARY KEY,
     title TEXT NOT NULL,
     template TEXT NOT NULL,
     language TEXT NOT NULL,
     join_code TEXT NOT NULL UNIQUE,
     facilitator_code TEXT NOT NULL UNIQUE,
     created_at TIMESTAMPTZ NOT NULL,
     retention_days INTEGER NOT NULL DEFAULT 90,
     expires_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX boards_expires_at ON boards (expires_at);
   CREATE TABLE members (
     id TEXT COLLATE "C" PRIMARY KEY,
     board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     token_hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL,
     display_name TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     removed_at TIMESTAMPTZ
   );
   CREATE INDEX members_board ON members (board_id);`,
  // Translations of notes, kept with their board (and deleted with it).
  `CREATE TABLE machine_translations (
     board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     text_hash TEXT NOT NULL,
     source TEXT NOT NULL,
     target TEXT NOT NULL,
     text TEXT NOT NULL,
     PRIMARY KEY (board_id, text_hash, source, target)
   );
   CREATE TABLE translation_corrections (
     board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     shape_id TEXT NOT NULL,
     target TEXT NOT NULL,
     text_hash TEXT NOT NULL,
     text TEXT NOT NULL,
     member_id TEXT NOT NULL,
     PRIMARY KEY (board_id, shape_id, target)
   );`,
  // Uploaded photos and voice notes, content-addressed per board (and deleted with it).
  `CREATE TABLE assets (
     board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
     hash TEXT NOT NULL,
     content_type TEXT NOT NULL,
     size INTEGER NOT NULL,
     data BYTEA NOT NULL,
     member_id TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (board_id, hash)
   );`,
];

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS talkoot_schema (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM talkoot_schema');
    if (rows.length === 0) await client.query('INSERT INTO talkoot_schema (version) VALUES (0)');
    for (let version = rows[0]?.version ?? 0; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version]!);
      await client.query('UPDATE talkoot_schema SET version = $1', [version + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
