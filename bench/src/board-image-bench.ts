/**
 * `pnpm exec node bench/src/board-image-bench.ts [--notes=2000] [--runs=5]`
 *
 * Times `@talkoot/board-image` on a generated board: a world café template with `--notes`
 * participants' notes (English, Arabic, Persian, Russian text; some in the table frames, the
 * rest on a grid on the page) and an arrow per 20 notes. Prints the median of `--runs` for
 * the SVG, the PNG of the whole board (default scale 2, capped at 24 Mpx), the same off the
 * main thread, the PNG of one frame and of an empty board (the fixed cost of the renderer's
 * child process). Wall-clock times: on a busy machine compare with the load average printed.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { renderBoardPng, renderBoardPngAsync, renderBoardSvg } from '@talkoot/board-image';
import { instantiateTemplate, partShapeId } from '@talkoot/templates';

const TEXTS = [
  'Nobody explained how the residence permit works',
  'لم أجد دروس اللغة في المساء لأنني أعمل في النهار',
  'کلاس زبان عصرها برای کسانی که کار می‌کنند',
  'Нужна информация о работе на понятном языке',
  'Mentor from the same country helped a lot with the first weeks',
];

function note(i: number, parentId: string, x: number, y: number) {
  return {
    typeName: 'shape',
    id: `shape:bench-note-${i}`,
    type: 'note',
    parentId,
    index: `b${String(i).padStart(5, '0')}`,
    x,
    y,
    rotation: 0,
    opacity: 1,
    isLocked: false,
    meta: {},
    props: {
      color: ['yellow', 'light-blue', 'light-green', 'orange'][i % 4],
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      scale: 1,
      textLastEditedBy: null,
      richText: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: `${TEXTS[i % TEXTS.length]} #${i}` }] }],
      },
    },
  };
}

function arrow(i: number, from: { x: number; y: number }, to: { x: number; y: number }) {
  return {
    typeName: 'shape',
    id: `shape:bench-arrow-${i}`,
    type: 'arrow',
    parentId: 'page:page',
    index: `c${String(i).padStart(5, '0')}`,
    x: 0,
    y: 0,
    rotation: 0,
    opacity: 1,
    props: { start: from, end: to, bend: i % 2 ? 30 : 0, size: 'm', color: 'black', arrowheadEnd: 'arrow' },
  };
}

/** A world café board with `count` notes: one in ten inside a table frame, the rest on a grid beside it. */
export function generateBoard(count: number): unknown[] {
  const t = (key: string) => key.split('.').pop() ?? key;
  const { records } = instantiateTemplate('world-cafe', { tables: 4, rounds: 3 }, { language: 'en', t });
  const board: unknown[] = [...records];
  const columns = 50;
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) {
      const table = partShapeId('world-cafe', `table-${((i / 10) % 4) + 1}`);
      board.push(note(i, table, 40 + ((i / 10) % 7) * 60, 120 + ((i / 70) % 5) * 60));
      continue;
    }
    const x = 4000 + (i % columns) * 220;
    const y = Math.floor(i / columns) * 220;
    board.push(note(i, 'page:page', x, y));
    if (i % 20 === 1) board.push(arrow(i, { x: x + 200, y: y + 100 }, { x: x + 220, y: y + 100 }));
  }
  return board;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { notes: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } },
  });
  const notes = Number(values.notes);
  const runs = Number(values.runs);
  const board = generateBoard(notes);
  const frameId = partShapeId('world-cafe', 'table-1');

  const svgMs = await time(runs, () => renderBoardSvg(board));
  const { svg, width, height } = renderBoardSvg(board);
  const pngMs = await time(runs, () => renderBoardPng(svg));
  const png = renderBoardPng(svg);
  const asyncMs = await time(runs, () => renderBoardPngAsync(svg));
  const frame = renderBoardSvg(board, { frameId });
  const framePngMs = await time(runs, () => renderBoardPng(frame.svg));
  const framePng = renderBoardPng(frame.svg);
  const empty = renderBoardSvg([]);
  const emptyMs = await time(runs, () => renderBoardPng(empty.svg));
  const view = new DataView(png.buffer, png.byteOffset);
  const frameView = new DataView(framePng.buffer, framePng.byteOffset);

  console.log(
    `board-image bench: ${notes} notes, ${board.length} records, median of ${runs} runs (Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)})`,
  );
  console.table([
    {
      step: 'renderBoardSvg (whole board)',
      ms: svgMs.toFixed(1),
      output: `${width}×${height} units, ${(svg.length / 1e6).toFixed(2)} MB`,
    },
    {
      step: 'renderBoardPng (whole board, default)',
      ms: pngMs.toFixed(0),
      output: `${view.getUint32(16)}×${view.getUint32(20)} px, ${(png.length / 1e6).toFixed(2)} MB`,
    },
    { step: 'renderBoardPngAsync (whole board)', ms: asyncMs.toFixed(0), output: 'same image, event loop free' },
    {
      step: 'renderBoardPng (one frame, 2×)',
      ms: framePngMs.toFixed(0),
      output: `${frameView.getUint32(16)}×${frameView.getUint32(20)} px, ${(framePng.length / 1e6).toFixed(2)} MB`,
    },
    { step: 'renderBoardPng (empty board)', ms: emptyMs.toFixed(0), output: 'child process and font loading' },
  ]);
}

await main();
