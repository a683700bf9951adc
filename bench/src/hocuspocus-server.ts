/**
 * Runs the `hocuspocus` target: `@hocuspocus/server` 4.7.0 with `@hocuspocus/extension-sqlite`
 * 4.7.0, the durable setup Hocuspocus's users pick, everything at its defaults (no hooks, no
 * auth): an update is applied and broadcast at once (broadcasts merged per event-loop turn,
 * `flushDelay: 0`); the whole document (`Y.encodeStateAsUpdate`) is upserted into the SQLite
 * file `debounce` = 2,000 ms after the last change, or at the latest `maxDebounce` = 10,000 ms
 * after the first unsaved one, and when the last client leaves. So a crash loses up to 10 s.
 *
 * One change to the extension, for a crash, not for speed: its `fetch` and `store` prepare their
 * statement on every call and leave it to the garbage collector, and better-sqlite3 12.11.1 built
 * against Node 24.21's headers aborts the process when V8 collects a statement (`node::ObjectWrap`'s
 * destructor: "RemoveEnvironmentCleanupHook … Assertion failed: (env) != nullptr"; it happened in
 * case c within seconds). Here they run the extension's own two queries (`selectQuery`,
 * `upsertQuery`) through statements prepared once and kept, so none is ever collected.
 *
 * `PORT=0 HOST=127.0.0.1 HOCUSPOCUS_DATABASE=<file> node bench/src/hocuspocus-server.ts` prints
 * "Hocuspocus server is running at http://HOST:PORT"; clients speak Hocuspocus's framing
 * (`hocuspocus-wire.ts`) on any path. SIGTERM stores pending documents and exits.
 */
import { selectQuery, SQLite, upsertQuery } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const database = process.env.HOCUSPOCUS_DATABASE;
if (!database) throw new Error('HOCUSPOCUS_DATABASE must name the SQLite file');

type Statements = { select: { get(params: object): unknown }; upsert: { run(params: object): unknown } };
let statements: Statements | undefined;
/** The extension's queries, prepared on its database once (it opens the file in `onConfigure`). */
const prepared = (): Statements => {
  if (statements) return statements;
  const db = sqlite.db;
  if (!db) throw new Error('the SQLite extension has not opened its database yet');
  statements = { select: db.prepare(selectQuery), upsert: db.prepare(upsertQuery) };
  return statements;
};

const sqlite: SQLite = new SQLite({
  database,
  fetch: async ({ documentName }) => {
    const row = prepared().select.get({ name: documentName }) as { data: Buffer } | undefined;
    return row?.data ?? null;
  },
  store: async ({ documentName, state }) => {
    prepared().upsert.run({ name: documentName, data: state });
  },
});

const server = new Server({ port, address: host, quiet: true, extensions: [sqlite] });
await server.listen();
console.log(`Hocuspocus server is running at http://${host}:${server.address.port}`);
