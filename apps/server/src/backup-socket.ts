import { existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { DatabaseSummary } from '@talkoot/storage-sqlite';
import { z } from 'zod';

/**
 * A running server keeps its SQLite file locked, so `talkoot backup` asks the server itself to
 * copy it, through a Unix socket in the data folder: whoever may open that socket may read the
 * data file beside it anyway.
 */
export const backupSocketPath = (dataDir: string) => join(dataDir, 'talkoot.sock');

/** Unix socket paths are limited to about 107 bytes. */
const MAX_SOCKET_PATH = 100;

const Request = z.object({ command: z.literal('backup'), target: z.string().min(1).max(4096) });
const Reply = z.union([
  z.object({ ok: z.literal(true), boards: z.number(), bytes: z.number() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
type Reply = z.infer<typeof Reply>;

/** Listens on {@link backupSocketPath}; returns a function that stops listening (or undefined when it cannot). */
export async function startBackupSocket(
  dataDir: string,
  backupTo: (target: string) => Promise<DatabaseSummary>,
): Promise<(() => void) | undefined> {
  const path = backupSocketPath(dataDir);
  if (path.length > MAX_SOCKET_PATH) {
    console.error(`[backup] ${path} is too long for a socket: 'talkoot backup' works only while the server is stopped`);
    return undefined;
  }
  // Left by a server that was killed: this one holds the data file, so no other server runs here.
  if (existsSync(path)) rmSync(path, { force: true });
  const server: Server = createServer((socket) => {
    let input = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      input += chunk;
      if (input.length > 8192) socket.destroy();
      if (!input.includes('\n')) return;
      const answer = (reply: Reply) => socket.end(`${JSON.stringify(reply)}\n`);
      let parsed: ReturnType<typeof Request.safeParse>;
      try {
        parsed = Request.safeParse(JSON.parse(input.slice(0, input.indexOf('\n'))));
      } catch {
        answer({ ok: false, error: 'not JSON' });
        return;
      }
      if (!parsed.success) {
        answer({ ok: false, error: 'unknown request' });
        return;
      }
      backupTo(parsed.data.target).then(
        (summary) => answer({ ok: true, ...summary }),
        (error: unknown) => answer({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
    });
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (error) => {
      console.error(`[backup] cannot listen on ${path}: ${error.message}`);
      resolve(false);
    });
    server.listen(path, () => resolve(true));
  });
  if (!listening) return undefined;
  return () => {
    server.close();
    rmSync(path, { force: true });
  };
}

/**
 * Asks the server running on `dataDir` to back up into `target`. Resolves undefined when no
 * server listens there (then the caller may open the file itself).
 */
export function requestBackup(dataDir: string, target: string): Promise<DatabaseSummary | undefined> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(backupSocketPath(dataDir));
    let output = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify({ command: 'backup', target })}\n`));
    socket.on('data', (chunk: string) => (output += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(undefined);
      else reject(error);
    });
    socket.on('end', () => {
      let json: unknown;
      try {
        json = JSON.parse(output);
      } catch {
        json = undefined;
      }
      const reply = Reply.safeParse(json);
      if (!reply.success) reject(new Error(`the server answered something unexpected: ${output.slice(0, 200)}`));
      else if (!reply.data.ok) reject(new Error(reply.data.error));
      else resolve({ boards: reply.data.boards, bytes: reply.data.bytes });
    });
  });
}
