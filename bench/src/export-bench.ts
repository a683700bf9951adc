/**
 * `pnpm exec node bench/src/export-bench.ts [--notes=2000] [--runs=3] [--write]`
 *
 * Times `GET /api/boards/:boardId/export` for every format on a big board: a Talkoot server
 * (in this process, on 127.0.0.1 and a temporary SQLite file) gets a journey map with four
 * journeys and `--notes` notes spread over its lanes (some Arabic), revealed dot votes from
 * ten people, a seeded action plan and some hidden notes. Each format is fetched `--runs`
 * times over HTTP, like the browser's export button; prints the median and slowest time and
 * the file size. Timings include building the export from the stored board. `--write` puts the
 * table into the "Exports" section of `bench/RESULTS.md` (replacing an earlier one).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CreateBoardResponse, EXPORT_FORMATS, type JoinResponse, TL_RECORDS_MAP } from '@talkoot/protocol';
import { startServer } from '@talkoot/server';
import { TEMPLATE_SCHEMA, toRichText } from '@talkoot/templates';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    notes: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    write: { type: 'boolean', default: false },
  },
});
const NOTES = Number(values.notes);
const RUNS = Number(values.runs);

const TEXTS = [
  'Waiting months for a residence permit',
  'لا أفهم الرسائل من مكتب الهجرة',
  'Language course times clash with work shifts',
  'A neighbour showed me the library and the language café',
  'کلاس زبان برای مادران با کودک',
  'Forms only in Finnish and Swedish; nobody to ask',
];

interface Cell {
  frameId: string;
  x: number;
  y: number;
}

const dataDir = mkdtempSync(join(tmpdir(), 'talkoot-export-bench-'));
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  webRoot: join(dataDir, 'no-web'),
  joinAttemptsPerMinute: 10_000,
});

try {
  const api = async (path: string, token: string | null, method = 'GET', body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };

  const setupStart = performance.now();
  const board = (await (
    await api('/api/boards', null, 'POST', {
      title: 'Export benchmark',
      template: 'journey-map',
      templateParams: { journeys: 4 },
    })
  ).json()) as CreateBoardResponse;
  const facilitator = board.facilitatorToken;
  const boardPath = `/api/boards/${board.boardId}`;

  // Notes go straight into the stored document (as a sync client's updates would), spread
  // over every lane cell of every journey.
  const noteIds = await server.rooms.changeDoc(board.boardId, (doc) => {
    const records = doc.getMap<Record<string, unknown>>(TL_RECORDS_MAP);
    const cells: Cell[] = [];
    for (const record of records.values()) {
      const tags = (record.meta as { talkoot?: { part?: string } } | undefined)?.talkoot;
      if (tags?.part === 'lane')
        cells.push({ frameId: String(record.parentId), x: Number(record.x), y: Number(record.y) });
    }
    const ids: string[] = [];
    for (let i = 0; i < NOTES; i++) {
      const cell = cells[i % cells.length]!;
      const slot = Math.floor(i / cells.length);
      const note = TEMPLATE_SCHEMA.types.shape.create({
        id: `shape:bench-${i}`,
        type: 'note',
        x: cell.x + 10 + (slot % 4) * 25,
        y: cell.y + 10 + Math.floor(slot / 4) * 8,
        parentId: cell.frameId,
        index: 'a1',
        props: { richText: toRichText(`${TEXTS[i % TEXTS.length]} (${i})`), growY: 0, scale: 1 },
      } as never);
      records.set(note.id, note as unknown as Record<string, unknown>);
      ids.push(note.id);
    }
    return ids;
  });

  await api(`${boardPath}/session`, facilitator, 'POST', { type: 'voting.open', budget: 20 });
  for (let person = 0; person < 10; person++) {
    const { token } = (await (
      await api('/api/join', null, 'POST', { code: board.joinCode, displayName: `Person ${person}` })
    ).json()) as JoinResponse;
    for (let vote = 0; vote < 20; vote++) {
      const shapeId = noteIds[(person * 37 + vote * 53) % Math.min(noteIds.length, 300)]!;
      await api(`${boardPath}/votes`, token, 'POST', { shapeId });
    }
  }
  await api(`${boardPath}/session`, facilitator, 'POST', { type: 'voting.reveal' });
  await api(`${boardPath}/action-plan/seed`, facilitator, 'POST', { count: 20 });
  await api(`${boardPath}/session`, facilitator, 'POST', {
    type: 'export.redact',
    shapeIds: noteIds.slice(-50),
    redacted: true,
  });
  const lines: string[] = [];
  const print = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  print(
    `Board: ${NOTES} notes in 4 journeys, 200 votes, 20 measures, 50 hidden; set up in ${(
      (performance.now() - setupStart) /
      1000
    ).toFixed(1)} s`,
  );

  print('');
  print(`| format | median ms | slowest ms | size |`);
  print(`| ------ | --------- | ---------- | ---- |`);
  for (const format of EXPORT_FORMATS) {
    const times: number[] = [];
    let size = 0;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const response = await api(`${boardPath}/export?format=${format}`, facilitator);
      size = (await response.arrayBuffer()).byteLength;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const kib = size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(size / 1024)} KiB`;
    print(`| ${format} | ${median.toFixed(0)} | ${times[times.length - 1]!.toFixed(0)} | ${kib} |`);
  }
  if (values.write) writeSection(lines);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Replaces (or appends) the "Exports" section at the end of `bench/RESULTS.md`. */
function writeSection(lines: string[]): void {
  const path = resolve(import.meta.dirname, '../RESULTS.md');
  const heading = '## Exports';
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n';
  const at = existing.indexOf(`\n${heading}\n`);
  const before = (at === -1 ? existing : existing.slice(0, at)).trimEnd();
  const section = [
    heading,
    '',
    `Generated by \`pnpm exec node bench/src/export-bench.ts --notes=${NOTES} --runs=${RUNS} --write\` on ${new Date().toISOString()}`,
    `(${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at the end, Node ${process.version}); HTTP round trip per export.`,
    '',
    ...lines,
  ].join('\n');
  writeFileSync(path, `${before}\n\n${section}\n`);
  console.log(`wrote ${path}`);
}
