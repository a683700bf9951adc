import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CreateBoardResponse, type HealthResponse, type JoinResponse, TL_RECORDS_MAP } from '@talkoot/protocol';
import { noteRecord as sharedNoteRecord } from '@talkoot/templates';
import { afterAll } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type RunningServer, type StartOptions, startServer } from './server.ts';

/** A fresh temporary data directory, removed by the returned function. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'talkoot-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts a real server on 127.0.0.1 and an ephemeral port. Every test runs from 127.0.0.1,
 * so board creation is not limited unless a test asks (`boardCreationsPerMinute`).
 */
export function startTestServer(dataDir: string, extra: Partial<StartOptions> = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: join(dataDir, 'no-web'),
    boardCreationsPerMinute: 10_000,
    ...extra,
  });
}

export async function createBoard(baseUrl: string, title = 'Test board'): Promise<CreateBoardResponse> {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateBoardResponse;
}

export async function joinBoard(
  baseUrl: string,
  code: string,
  displayName: string,
  role?: 'observer',
): Promise<JoinResponse> {
  const response = await fetch(`${baseUrl}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, displayName, ...(role ? { role } : {}) }),
  });
  if (response.status !== 200) throw new Error(`join: ${response.status} ${await response.text()}`);
  return (await response.json()) as JoinResponse;
}

/** A standard y-websocket client. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** Connects to `/sync/<room>`: a board id, `<boardId>/session` or `<boardId>/private/<memberId>`. */
export function connectClient(
  baseUrl: string,
  room: string,
  token: string,
  options: { connect?: boolean; params?: Record<string, string> } = {},
): TestClient {
  const doc = new Y.Doc();
  // Each y-websocket provider adds a process `exit` listener (removed by destroy()); a test with
  // a dozen clients at once is expected, not a leak.
  if (process.getMaxListeners() < 64) process.setMaxListeners(64);
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, room, doc, {
    params: { token, ...options.params },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
    disableBc: true,
  });
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` passes or the time is up. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function waitForSync(client: TestClient, timeoutMs = 5000): Promise<void> {
  return waitFor(() => client.provider.synced, timeoutMs, 'sync');
}

/** Opens a raw websocket and resolves when it is open. */
export function openRawSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Resolves with the close code (and reason) of a socket. */
export function closeOf(ws: WebSocket, timeoutMs = 5000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    if (ws.readyState === WebSocket.CLOSED) reject(new Error('already closed'));
    const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/** An HTTP call with `Authorization: Bearer <token>` and an optional JSON body. */
export function authedFetch(
  baseUrl: string,
  path: string,
  token: string,
  method = 'GET',
  body?: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** A port that was free a moment ago (for a server started as its own process). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Every server process the tests started and that still runs (see the `afterAll` below). */
const spawned = new Set<ChildProcess>();
// Registered on each test file that imports these helpers, so it runs after the hooks of the
// file's describe blocks: a server whose test timed out while it was starting never reached
// that test's clean-up.
afterAll(() => {
  for (const child of spawned) child.kill('SIGKILL');
});

/**
 * Starts `main.ts` as its own process, as `pnpm start` does, and waits until it listens.
 * `env` adds to or overrides the environment (e.g. `MAX_CONNECTIONS_PER_ADDRESS`).
 */
export async function spawnServer(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BOARD_CREATIONS_PER_MINUTE: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Talkoot is running')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return child;
}

/** Resolves with a child process's exit code (or signal) once it has exited. */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Kills a child process with SIGKILL (as a crash would) and resolves once it has exited. */
export function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A TCP balancer in front of several instances (see {@link startBalancer}). */
export interface TestBalancer {
  readonly url: string;
  /** Sends later connections to another port (failover); open ones stay where they are. */
  retarget(port: number): void;
  close(): void;
}

/**
 * A TCP balancer on 127.0.0.1 in front of the instances, as nginx or haproxy would be: new
 * connections go to the current target.
 */
export async function startBalancer(target: number): Promise<TestBalancer> {
  let current = target;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ port: current, host: '127.0.0.1' });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    retarget: (next) => (current = next),
    close: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

/** An instance's `/healthz` (rooms in memory, open sockets, compactions). */
export async function healthOf(baseUrl: string): Promise<HealthResponse> {
  const response = await fetch(`${baseUrl}/healthz`);
  if (response.status !== 200) throw new Error(`healthz: ${response.status}`);
  return (await response.json()) as HealthResponse;
}

/** Polls an instance's `/healthz` until `check` passes or the time is up. */
export async function waitForHealth(
  baseUrl: string,
  check: (health: HealthResponse) => boolean,
  timeoutMs = 5000,
  what = 'health',
): Promise<HealthResponse> {
  const start = Date.now();
  for (;;) {
    const health = await healthOf(baseUrl);
    if (check(health)) return health;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A client's copy of the board's tldraw records. */
export const recordsOf = (client: TestClient) => client.doc.getMap<unknown>(TL_RECORDS_MAP);

/** How many of a test's notes (`shape:<prefix>…`) a client has; templates add records of their own. */
export const notesWithPrefix = (client: TestClient, prefix: string) =>
  [...recordsOf(client).keys()].filter((key) => key.startsWith(`shape:${prefix}`)).length;

/** A sticky note record as the web client writes it into `tl_records`. */
export const noteRecord = (id: string, parentId: string, x: number, y: number, text: string, index = 'a5') =>
  sharedNoteRecord(id, parentId, x, y, text, { index });

/** Writes (or overwrites) a sticky note `id` with `text` into a client's (or a doc's) `tl_records`. */
export function putNote(target: TestClient | Y.Doc, id: string, text: string, parentId = 'page:page'): void {
  const doc = target instanceof Y.Doc ? target : target.doc;
  doc.getMap<unknown>(TL_RECORDS_MAP).set(id, noteRecord(id, parentId, 0, 0, text));
}

/** The plain text of a note in a client's (or a doc's) `tl_records`, or undefined if there is none. */
export function textOf(target: TestClient | Y.Doc, id: string): string | undefined {
  const doc = target instanceof Y.Doc ? target : target.doc;
  const record = doc.getMap<unknown>(TL_RECORDS_MAP).get(id) as
    { props?: { richText?: { content?: { content?: { text?: string }[] }[] } } } | undefined;
  if (!record) return undefined;
  const paragraphs = record.props?.richText?.content ?? [];
  return paragraphs.map((p) => (p.content ?? []).map((node) => node.text ?? '').join('')).join('\n');
}

/**
 * Records the close codes a client's provider sees (`connection-close`), oldest first. Start it
 * before the client writes: a refused update closes the socket with `UPDATE_REFUSED` (4409).
 */
export function closeCodesOf(client: TestClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event: { code: number } | null) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

/** Like {@link notesWithPrefix}, for a document (a room's own copy on the server, say). */
export const docNotesWithPrefix = (doc: Y.Doc, prefix: string) =>
  [...doc.getMap<unknown>(TL_RECORDS_MAP).keys()].filter((key) => key.startsWith(`shape:${prefix}`)).length;

/** A frame record as the web client writes it into `tl_records`. */
export function frameRecord(id: string, parentId: string, name = '', index = 'a1') {
  return {
    typeName: 'shape',
    id,
    type: 'frame',
    x: 0,
    y: 0,
    rotation: 0,
    index,
    parentId,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 800, h: 600, name, color: 'black' },
  };
}
