import { SERVER_NOTICE_FIELD, TL_RECORDS_MAP } from '@talkoot/protocol';
import { readStoredUpdates } from '@talkoot/storage-postgres/testing';
import * as Y from 'yjs';
import { closeCodesOf, connectClient, putNote, type TestClient } from './testing.ts';

/**
 * A client that writes a new note every `everyMs` under its own prefix, as a person would. Its
 * provider (y-websocket) reconnects and sends what the server lacks on every reconnect.
 */
export interface Writer {
  readonly client: TestClient;
  /** Keys of every note it wrote. */
  readonly written: Set<string>;
  /** Close codes its socket saw, oldest first. */
  readonly closes: number[];
  stop(): void;
}

export function startWriter(url: string, board: string, token: string, prefix: string, everyMs = 50): Writer {
  const client = connectClient(url, board, token);
  const written = new Set<string>();
  const closes = closeCodesOf(client);
  let n = 0;
  const timer = setInterval(() => {
    const key = `shape:${prefix}-${n++}`;
    putNote(client, key, `${prefix} ${n}`);
    written.add(key);
  }, everyMs);
  return {
    client,
    written,
    closes,
    stop: () => clearInterval(timer),
  };
}

/** A client that records every note key the server delivered to it, and the server notices it got. */
export interface Observer {
  readonly client: TestClient;
  readonly seen: Set<string>;
  /** When (performance.now()) each notice value was first seen. */
  readonly notices: { notice: unknown; at: number }[];
  /** The server's notice in the awareness states right now, if any. */
  notice(): unknown;
}

export function startObserver(url: string, board: string, token: string): Observer {
  const client = connectClient(url, board, token);
  const seen = new Set<string>();
  const records = client.doc.getMap<unknown>(TL_RECORDS_MAP);
  records.observe((event) => {
    for (const key of event.keysChanged) if (key.startsWith('shape:') && records.has(key)) seen.add(key);
  });
  const notice = () => {
    for (const state of client.provider.awareness.getStates().values()) {
      const value = (state as Record<string, unknown>)[SERVER_NOTICE_FIELD];
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const notices: { notice: unknown; at: number }[] = [];
  client.provider.awareness.on('change', () => {
    const value = notice();
    if (notices.at(-1)?.notice !== value) notices.push({ notice: value, at: performance.now() });
  });
  return { client, seen, notices, notice };
}

/**
 * The note keys PostgreSQL holds for a board: every stored update (snapshot and log) read
 * straight from the database, merged into one document.
 */
export async function storedKeys(databaseUrl: string, board: string): Promise<Set<string>> {
  const doc = new Y.Doc();
  // Order does not matter to Yjs: an update whose predecessor comes later waits for it.
  for (const update of await readStoredUpdates(databaseUrl, board)) Y.applyUpdate(doc, update);
  const keys = new Set([...doc.getMap(TL_RECORDS_MAP).keys()].filter((key) => key.startsWith('shape:')));
  doc.destroy();
  return keys;
}

/** Keys in `expected` that `actual` lacks. */
export const missing = (expected: Iterable<string>, actual: Set<string>) =>
  [...expected].filter((key) => !actual.has(key));
