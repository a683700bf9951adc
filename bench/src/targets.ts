import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CreateBoardResponse, syncPath } from '@talkoot/protocol';
import { type ServerProcess, startServerProcess } from './server-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDirs = new Set<string>();

/** Removes Talkoot data folders of runs that did not stop cleanly (synchronous, for `exit`). */
export function removeDataDirs(): void {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  dataDirs.clear();
}

/** A server under test, started fresh for each case. */
export interface Target {
  /** Short name used in tables: `talkoot` or `reference`. */
  readonly name: string;
  /** What the server does with updates, for the results. */
  readonly persistence: string;
  /** `nodeArgs` go before the script, e.g. `--cpu-prof`. */
  start(nodeArgs?: readonly string[]): Promise<StartedTarget>;
}

/** A running target: its process and how to reach a room. */
export interface StartedTarget {
  readonly process: ServerProcess;
  /** Creates `count` rooms; returns each room's websocket URL. */
  createRooms(count: number): Promise<string[]>;
  /** Stops the process and removes its data. */
  stop(): Promise<void>;
}

/** Talkoot: `apps/server/src/main.ts` with a fresh SQLite data directory. */
export const talkoot: Target = {
  name: 'talkoot',
  persistence: 'SQLite, every update before broadcast',
  async start(nodeArgs = []) {
    const dataDir = mkdtempSync(join(tmpdir(), 'talkoot-bench-'));
    dataDirs.add(dataDir);
    let process: ServerProcess;
    try {
      process = await startServerProcess({
        name: 'talkoot',
        args: [...nodeArgs, join(ROOT, 'apps/server/src/main.ts')],
        env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
        cwd: ROOT,
        ready: /Talkoot is running at (http:\/\/[^\s]+)/,
      });
    } catch (error) {
      removeDataDirs();
      throw error;
    }
    return {
      process,
      async createRooms(count) {
        const urls: string[] = [];
        for (let i = 0; i < count; i++) {
          const response = await fetch(`${process.httpUrl}/api/boards`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ title: `bench room ${i}` }),
          });
          if (response.status !== 201) throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`);
          const board = (await response.json()) as CreateBoardResponse;
          const token = encodeURIComponent(board.facilitatorToken);
          urls.push(`${process.wsUrl}${syncPath(board.boardId)}?token=${token}`);
        }
        return urls;
      },
      async stop() {
        await process.stop();
        rmSync(dataDir, { recursive: true, force: true });
        dataDirs.delete(dataDir);
      },
    };
  },
};

/** The reference: @y/websocket-server 0.1.1 (Yjs 13), in memory. */
export const reference: Target = {
  name: 'reference',
  persistence: 'none (in memory)',
  async start(nodeArgs = []) {
    const process = await startServerProcess({
      name: 'reference',
      args: [...nodeArgs, join(ROOT, 'bench/src/reference-server.ts')],
      env: { PORT: '0', HOST: '127.0.0.1' },
      cwd: ROOT,
      ready: /Reference server is running at (http:\/\/[^\s]+)/,
    });
    const run = Date.now().toString(36);
    return {
      process,
      createRooms: (count) =>
        Promise.resolve(Array.from({ length: count }, (_, i) => `${process.wsUrl}/bench-${run}-${i}`)),
      stop: () => process.stop(),
    };
  },
};

/** Every target, in table order. */
export const TARGETS: readonly Target[] = [talkoot, reference];
