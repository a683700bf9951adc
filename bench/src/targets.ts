import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CreateBoardResponse, syncPath } from '@talkoot/protocol';
import { hocuspocusFraming } from './hocuspocus-wire.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { type Framing, Y_WEBSOCKET_FRAMING } from './wire.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDirs = new Set<string>();
const schemas = new Set<string>();

/** PostgreSQL and Redis for the `talkoot-pg` / `talkoot-2x` targets (the local services by default). */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Removes data folders and database schemas of runs that did not stop cleanly (synchronous, for `exit`). */
export function removeDataDirs(): void {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  dataDirs.clear();
  for (const schema of schemas) dropSchema(schema);
}

/** A server under test, started fresh for each case. */
export interface Target {
  /** Short name used in tables, e.g. `talkoot` or `reference`. */
  readonly name: string;
  /** What the server does with updates, for the results. */
  readonly persistence: string;
  /** Whether it works PostgreSQL / Redis (whose CPU is then part of its cost, not noise). */
  readonly usesDatabase: boolean;
  /** `nodeArgs` go before the script, e.g. `--cpu-prof` (with the process index appended to its dir). */
  start(nodeArgs?: (index: number) => readonly string[]): Promise<StartedTarget>;
}

/** Where the clients of one room connect, and how they frame their messages there. */
export interface RoomAddress {
  /** The room's websocket URL on each instance (clients of a room are spread over them). */
  readonly urls: readonly string[];
  readonly framing: Framing;
}

/** A running target: its processes and how to reach a room. */
export interface StartedTarget {
  /** One process, or one per instance. */
  readonly processes: readonly ServerProcess[];
  /** Creates `count` rooms. */
  createRooms(count: number): Promise<RoomAddress[]>;
  /** Stops the processes and removes their data. */
  stop(): Promise<void>;
}

/**
 * Talkoot's environment in the bench: every client comes from 127.0.0.1, so the
 * per-address connection limit (meant for a venue's NAT) is lifted.
 */
// The load comes from one address: no per-address limit may stand in its way.
const TALKOOT_ENV = {
  HOST: '127.0.0.1',
  PORT: '0',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
  MAX_PENDING_CONNECTIONS_PER_ADDRESS: '100000',
  BOARD_CREATIONS_PER_MINUTE: '100000',
  ...(process.env.BENCH_COMPACT_AFTER ? { COMPACT_AFTER: process.env.BENCH_COMPACT_AFTER } : {}),
};

function startTalkoot(
  name: string,
  env: Record<string, string>,
  nodeArgs: readonly string[],
  root = ROOT,
): Promise<ServerProcess> {
  return startServerProcess({
    name,
    args: [...nodeArgs, join(root, 'apps/server/src/main.ts')],
    env: { ...TALKOOT_ENV, ...env },
    cwd: root,
    ready: /Talkoot is running at (http:\/\/[^\s]+)/,
  });
}

/** Creates boards on the first instance; every instance serves every board. */
async function createBoards(processes: readonly ServerProcess[], count: number): Promise<RoomAddress[]> {
  const rooms: RoomAddress[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${processes[0]!.httpUrl}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `bench room ${i}` }),
    });
    if (response.status !== 201) throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`);
    const board = (await response.json()) as CreateBoardResponse;
    const query = `?token=${encodeURIComponent(board.facilitatorToken)}`;
    rooms.push({
      urls: processes.map((p) => `${p.wsUrl}${syncPath(board.boardId)}${query}`),
      framing: Y_WEBSOCKET_FRAMING,
    });
  }
  return rooms;
}

/**
 * Talkoot: `apps/server/src/main.ts` of the checkout at `root` (this one by default) with a
 * fresh SQLite data directory.
 */
function talkootAt(name: string, root: string): Target {
  return {
    name,
    persistence: 'SQLite, every update before broadcast',
    usesDatabase: false,
    async start(nodeArgs = () => []) {
      const dataDir = mkdtempSync(join(tmpdir(), 'talkoot-bench-'));
      dataDirs.add(dataDir);
      let process: ServerProcess;
      try {
        process = await startTalkoot(name, { DATA_DIR: dataDir }, nodeArgs(0), root);
      } catch (error) {
        removeDataDirs();
        throw error;
      }
      return {
        processes: [process],
        createRooms: (count) => createBoards([process], count),
        async stop() {
          await process.stop();
          rmSync(dataDir, { recursive: true, force: true });
          dataDirs.delete(dataDir);
        },
      };
    },
  };
}

/** Talkoot of this checkout. */
export const talkoot: Target = talkootAt('talkoot', ROOT);

/**
 * Talkoot of another checkout (`--baseline=DIR`, with its dependencies installed), run beside
 * this one to measure a change under the same conditions.
 */
export function baselineTalkoot(root: string): Target {
  return talkootAt('baseline', resolve(root));
}

function psql(sql: string): void {
  execFileSync('psql', [BENCH_DATABASE_URL, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: 'pipe' });
}

function dropSchema(schema: string): void {
  try {
    psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } catch {
    // Best effort on the way out; a leftover bench schema holds only test boards.
  }
  schemas.delete(schema);
}

/**
 * `instances` Talkoot processes on one fresh PostgreSQL schema (`BENCH_DATABASE_URL`), relaying
 * through Redis (`BENCH_REDIS_URL`) when there is more than one.
 */
function talkootOnPostgres(name: string, instances: number): Target {
  return {
    name,
    persistence:
      instances > 1 ? `PostgreSQL + Redis, ${instances} instances` : 'PostgreSQL, every update before broadcast',
    usesDatabase: true,
    async start(nodeArgs = () => []) {
      const schema = `talkoot_bench_${randomBytes(5).toString('hex')}`;
      try {
        psql(`CREATE SCHEMA ${schema}`);
      } catch (error) {
        throw new Error(
          `${name} needs PostgreSQL (psql ${BENCH_DATABASE_URL}) and Redis (${BENCH_REDIS_URL}); ` +
            `set BENCH_DATABASE_URL / BENCH_REDIS_URL or leave out case e: ${String(error)}`,
          { cause: error },
        );
      }
      schemas.add(schema);
      const separator = BENCH_DATABASE_URL.includes('?') ? '&' : '?';
      const databaseUrl = `${BENCH_DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      // DATA_DIR is unused with PostgreSQL but must exist.
      const dataDir = mkdtempSync(join(tmpdir(), 'talkoot-bench-'));
      dataDirs.add(dataDir);
      const env = {
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        ...(instances > 1 ? { REDIS_URL: BENCH_REDIS_URL } : {}),
      };
      const processes: ServerProcess[] = [];
      const stop = async () => {
        await Promise.all(processes.map((p) => p.stop()));
        dropSchema(schema);
        rmSync(dataDir, { recursive: true, force: true });
        dataDirs.delete(dataDir);
      };
      try {
        // One after the other: the first creates the tables.
        for (let i = 0; i < instances; i++) processes.push(await startTalkoot(`${name}#${i + 1}`, env, nodeArgs(i)));
      } catch (error) {
        await stop();
        throw error;
      }
      return { processes, createRooms: (count) => createBoards(processes, count), stop };
    },
  };
}

/** One Talkoot process on PostgreSQL: the baseline for {@link talkootTwoInstances}. */
export const talkootPostgres = talkootOnPostgres('talkoot-pg', 1);

/** Two Talkoot processes sharing PostgreSQL and Redis; each room's clients are split between them. */
export const talkootTwoInstances = talkootOnPostgres('talkoot-2x', 2);

/**
 * The reference, @y/websocket-server 0.1.1 (Yjs 13): in memory, or (`durable`) with the least
 * a server must add to meet the issue's rules: every frame validated and every update
 * appended to a file before it is applied and broadcast (see `reference-server.ts`).
 */
function referenceServer(name: string, durable: boolean): Target {
  return {
    name,
    persistence: durable ? 'one write() to a file per update, before broadcast' : 'none (in memory)',
    usesDatabase: false,
    async start(nodeArgs = () => []) {
      const dataDir = durable ? mkdtempSync(join(tmpdir(), 'reference-bench-')) : undefined;
      if (dataDir) dataDirs.add(dataDir);
      let process: ServerProcess;
      try {
        process = await startServerProcess({
          name,
          args: [...nodeArgs(0), join(ROOT, 'bench/src/reference-server.ts')],
          env: { PORT: '0', HOST: '127.0.0.1', ...(dataDir ? { REFERENCE_LOG: join(dataDir, 'updates.log') } : {}) },
          cwd: ROOT,
          ready: /Reference server is running at (http:\/\/[^\s]+)/,
        });
      } catch (error) {
        removeDataDirs();
        throw error;
      }
      const run = Date.now().toString(36);
      return {
        processes: [process],
        createRooms: (count) =>
          Promise.resolve(
            Array.from({ length: count }, (_, i) => ({
              urls: [`${process.wsUrl}/bench-${run}-${i}`],
              framing: Y_WEBSOCKET_FRAMING,
            })),
          ),
        async stop() {
          await process.stop();
          if (!dataDir) return;
          rmSync(dataDir, { recursive: true, force: true });
          dataDirs.delete(dataDir);
        },
      };
    },
  };
}

/** The reference, in memory: the issue's baseline. */
export const reference = referenceServer('reference', false);

/**
 * The reference plus validation and a plain append per update before broadcast: how much of
 * Talkoot's cost at light load the issue's own rules account for (case a).
 */
export const referenceDurable = referenceServer('reference-durable', true);

/**
 * Hocuspocus (`@hocuspocus/server` 4.7.0) with `@hocuspocus/extension-sqlite` 4.7.0, the durable
 * setup its users pick, with its defaults: the whole document is written to an SQLite file 2 s
 * after the last change, at most 10 s after the first unsaved one (see `hocuspocus-server.ts`).
 * Clients speak its framing (`hocuspocus-wire.ts`); a room is a document name.
 */
export const hocuspocus: Target = {
  name: 'hocuspocus',
  persistence: 'SQLite, whole doc debounced 2 s (≤ 10 s)',
  usesDatabase: false,
  async start(nodeArgs = () => []) {
    const dataDir = mkdtempSync(join(tmpdir(), 'hocuspocus-bench-'));
    dataDirs.add(dataDir);
    let process: ServerProcess;
    try {
      process = await startServerProcess({
        name: 'hocuspocus',
        args: [...nodeArgs(0), join(ROOT, 'bench/src/hocuspocus-server.ts')],
        env: { PORT: '0', HOST: '127.0.0.1', HOCUSPOCUS_DATABASE: join(dataDir, 'hocuspocus.sqlite') },
        cwd: ROOT,
        ready: /Hocuspocus server is running at (http:\/\/[^\s]+)/,
      });
    } catch (error) {
      removeDataDirs();
      throw error;
    }
    const run = Date.now().toString(36);
    return {
      processes: [process],
      createRooms: (count) =>
        Promise.resolve(
          Array.from({ length: count }, (_, i) => ({
            // Hocuspocus ignores the path: the document name travels in every frame.
            urls: [process.wsUrl],
            framing: hocuspocusFraming(`bench-${run}-${i}`),
          })),
        ),
      async stop() {
        await process.stop();
        rmSync(dataDir, { recursive: true, force: true });
        dataDirs.delete(dataDir);
      },
    };
  },
};

/** Every target, in table order. */
export const TARGETS: readonly Target[] = [
  talkoot,
  talkootPostgres,
  talkootTwoInstances,
  hocuspocus,
  reference,
  referenceDurable,
];

/** Targets a case runs against when it names none. */
export const DEFAULT_TARGETS: readonly string[] = ['talkoot', 'hocuspocus', 'reference'];
