/**
 * `pnpm exec node bench/src/compaction-bench.ts [--mb=20] [--rounds=3] [--boards=20]`
 *
 * Compacts a board of about `--mb` MB (1,000 stored updates) in a real SQLite file, as the
 * server's scheduled compaction does (`compactInBackground`: rows read and the result written on
 * the main thread, the merge in a worker thread), while `--boards` other boards get an edit every
 * 5 ms on the same thread. An edit's latency is from when it was due (its timer) until it is
 * committed: it includes any time the event loop was held. Prints p50/p95/p99/max of the other
 * boards' edits before and during compaction. Bounded: about 10 s per round.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStorage } from '@talkoot/storage-sqlite';
import * as Y from 'yjs';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    boards: { type: 'string', default: '20' },
  },
});
const MB = Number(values.mb);
const ROUNDS = Number(values.rounds);
const BOARDS = Number(values.boards);
const UPDATES = 1000;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const summary = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const f = (q: number) => quantile(sorted, q).toFixed(1);
  return `p50 ${f(0.5)} ms, p95 ${f(0.95)} ms, p99 ${f(0.99)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (${sorted.length} edits)`;
};

/** Edits to other boards every 5 ms until stopped; resolves with their latencies. */
function editOthers(storage: ReturnType<typeof openSqliteStorage>) {
  const latencies: number[] = [];
  const doc = new Y.Doc();
  let n = 0;
  let stopped = false;
  const started = performance.now();
  const tick = () => {
    if (stopped) return;
    const due = started + n * 5;
    const update = (() => {
      const before = Y.encodeStateVector(doc);
      doc.getMap('m').set(`k${n}`, `edit ${n}`);
      return Y.encodeStateAsUpdate(doc, before);
    })();
    storage.docs.appendNow([{ docName: `other-${n % BOARDS}`, updates: [update] }]);
    latencies.push(performance.now() - due);
    n++;
    setTimeout(tick, Math.max(0, started + n * 5 - performance.now()));
  };
  setTimeout(tick, 0);
  return {
    stop: () => {
      stopped = true;
      return latencies;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const during: number[] = [];
const before: number[] = [];
const took: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const dir = mkdtempSync(join(tmpdir(), 'talkoot-compaction-bench-'));
  const storage = openSqliteStorage(join(dir, 'talkoot.sqlite'), { compactAfter: Number.MAX_SAFE_INTEGER });
  try {
    const big = new Y.Doc();
    const updates: Uint8Array[] = [];
    big.on('update', (update: Uint8Array) => updates.push(update));
    const text = 'x'.repeat(Math.floor((MB * 1e6) / UPDATES));
    for (let i = 0; i < UPDATES; i++) big.getMap('notes').set(`note-${i}`, `${i} ${text}`);
    for (let i = 0; i < updates.length; i += 100)
      storage.docs.appendNow([{ docName: 'big', updates: updates.slice(i, i + 100) }]);
    const quiet = editOthers(storage);
    await sleep(2000);
    before.push(...quiet.stop());
    const busy = editOthers(storage);
    const start = performance.now();
    await storage.docs.compactInBackground('big');
    took.push(performance.now() - start);
    await sleep(50);
    during.push(...busy.stop());
  } finally {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `compaction of a ${MB} MB board (${UPDATES} updates), ${ROUNDS} rounds, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}, Node ${process.version}`,
);
console.log(`compaction took ${took.map((ms) => ms.toFixed(0)).join(', ')} ms`);
console.log(`other boards, no compaction: ${summary(before)}`);
console.log(`other boards, during compaction: ${summary(during)}`);
