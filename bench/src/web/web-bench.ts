/**
 * `pnpm bench:web`: the web app on one venue Wi-Fi, in Debian's Chromium (not part of `pnpm test`).
 * Needs a build (`pnpm build`). Measures, through {@link ThrottledLink} (a shared token bucket, so
 * every byte the browsers and their service workers fetch is counted and shares one link):
 * 1. bytes of a first visit to a join link, of a first board, and of a return visit;
 * 2. 30 browser contexts opening one board at once through 20 Mbit/s shared + 50 ms: time to a
 *    usable board (canvas mounted and synced), distribution;
 * 3. idle CPU of an open board (CDP Performance TaskDuration over `--idle-seconds`).
 * The board has a few notes, so its note font counts in the first board's bytes.
 * Usage: `pnpm bench:web [-- --clients=30 --mbit=20 --latency=50 --idle-seconds=30 --parts=bytes,idle,thirty,big]`
 * (`big`, the big board on a cheap tablet, only when asked for).
 * Exits non-zero when a run fails (a page that never becomes usable, a crash); a missed goal is
 * printed, not an error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from '@playwright/test';
import { ThrottledLink } from './throttled-link.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    clients: { type: 'string', default: '30' },
    mbit: { type: 'string', default: '20' },
    latency: { type: 'string', default: '50' },
    'idle-seconds': { type: 'string', default: '30' },
    parts: { type: 'string', default: 'bytes,idle,thirty' },
    'remote-notes': { type: 'string', default: '50' },
  },
});
const PARTS = new Set(values.parts.split(','));
const REMOTE_NOTES = Number(values['remote-notes']);
const CLIENTS = Number(values.clients);
const MBIT = Number(values.mbit);
const LATENCY = Number(values.latency);
const IDLE_SECONDS = Number(values['idle-seconds']);
const root = resolve(import.meta.dirname, '../../..');

async function startServer(dataDir: string): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'apps/server/src/main.ts')], {
    // Every tablet comes from 127.0.0.1 here, where on a venue Wi-Fi each has its own address:
    // the per-address limits (64 open sockets, 64 connections before a request head) are lifted,
    // as in `pnpm bench`. `BENCH_WEB_ADDRESS_LIMITS=1` keeps them (one NAT in front of the room).
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BOARD_CREATIONS_PER_MINUTE: '10000',
      ...(process.env.BENCH_WEB_ADDRESS_LIMITS === '1'
        ? {}
        : { MAX_CONNECTIONS_PER_ADDRESS: '100000', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '100000' }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (match) done(Number(match[1]));
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Waits until the board is usable: synced and the canvas mounted. */
async function boardUsable(page: Page): Promise<void> {
  await page.getByTestId('board.connection').and(page.locator('[data-state="online"]')).waitFor({ timeout: 120_000 });
  // A function, not a string: the app's CSP has no 'unsafe-eval'. `globalThis` as the bench
  // is type-checked without DOM types.
  await page.waitForFunction(() => Boolean((globalThis as { __talkootEditor?: unknown }).__talkootEditor), undefined, {
    timeout: 120_000,
  });
}

async function createBoard(browser: Browser, url: string): Promise<{ invite: string; boardUrl: string; page: Page }> {
  const context = await browser.newContext({ baseURL: url });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('home.title-input').fill('Bench board');
  await page.getByTestId('home.name-input').fill('Maia');
  await page.getByTestId('home.create').click();
  await boardUsable(page);
  // A few notes, as on a board in use: their font is part of what a tablet downloads.
  const canvas = (await page.locator('.tl-canvas').boundingBox())!;
  for (const [index, text] of ['Wi-Fi at the venue', 'Thirty tablets', 'Coffee at ten'].entries()) {
    await page.keyboard.press('n');
    await page.mouse.click(canvas.x + 200 + index * 240, canvas.y + 200);
    await page.keyboard.type(text);
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('board.invite').click();
  const invite = (await page.getByTestId('board.invite-link').innerText()).trim();
  await page.keyboard.press('Escape');
  return { invite, boardUrl: page.url(), page };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The mounted editor as the bench uses it in a page (`globalThis`: no DOM types here). */
type BenchEditor = {
  createShapes(shapes: object[]): void;
  getCurrentPageShapeIds(): Set<string>;
  getCamera(): { x: number; y: number; z: number };
  setCamera(camera: { x: number; y: number; z: number }): void;
  store: { listen(fn: (entry: { changes: { added: Record<string, { id: string }> } }) => void): () => void };
};

/**
 * 5. A big board on a cheap tablet: 2,000 notes and 200 other shapes, opened on an iPad viewport
 * (810×1080, touch) with Chromium's CPU throttled 4×: time to a usable board with every shape
 * loaded, remote note latency (p95 over `--remote-notes`), and frame times while panning.
 */
async function bigBoard(browser: Browser, url: string): Promise<void> {
  const { invite, page: facilitator } = await createBoard(browser, url);
  // In batches, as the write gate limits one update's size.
  for (let batch = 0; batch < 22; batch++) {
    await facilitator.evaluate((batch) => {
      const editor = (globalThis as unknown as { __talkootEditor: BenchEditor }).__talkootEditor;
      const shapes: object[] = [];
      for (let i = batch * 100; i < batch * 100 + 100; i++) {
        const x = (i % 50) * 240;
        const y = Math.floor(i / 50) * 240;
        if (i < 2000) {
          const text = `Note ${i + 1}: an idea about the venue`;
          const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
          shapes.push({ type: 'note', x, y, props: { richText } });
        } else {
          shapes.push({ type: 'geo', x, y: y + 2000, props: { w: 200, h: 120, geo: i % 2 ? 'ellipse' : 'rectangle' } });
        }
      }
      editor.createShapes(shapes);
    }, batch);
    await facilitator.waitForTimeout(200);
  }
  await facilitator.waitForTimeout(2000);

  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 810, height: 1080 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 2,
  });
  const tablet = await context.newPage();
  // Join first (unthrottled), so the measured load is a reopening of the board, cold caches aside.
  await tablet.goto(new URL(invite).pathname);
  await tablet.getByTestId('join.name-input').fill('Cheap tablet');
  await tablet.getByTestId('join.submit').click();
  await boardUsable(tablet);
  const boardPath = new URL(tablet.url()).pathname;
  const cdp = await context.newCDPSession(tablet);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const loadStart = performance.now();
  await tablet.goto(boardPath);
  await boardUsable(tablet);
  await tablet.waitForFunction(
    () =>
      ((globalThis as unknown as { __talkootEditor?: BenchEditor }).__talkootEditor?.getCurrentPageShapeIds().size ??
        0) >= 2200,
    undefined,
    { timeout: 120_000 },
  );
  const loadSeconds = (performance.now() - loadStart) / 1000;

  // Remote notes: written on the facilitator's page, seen in the tablet's store (one clock).
  await tablet.evaluate(() => {
    const seen: Record<string, number> = {};
    (globalThis as unknown as { __seen: Record<string, number> }).__seen = seen;
    (globalThis as unknown as { __talkootEditor: BenchEditor }).__talkootEditor.store.listen((entry) => {
      for (const id of Object.keys(entry.changes.added)) seen[id] = Date.now();
    });
  });
  const written: Record<string, number> = {};
  for (let i = 0; i < REMOTE_NOTES; i++) {
    const id = `shape:bench-remote-${i}`;
    written[id] = await facilitator.evaluate((id) => {
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: id }] }] };
      const at = Date.now();
      (globalThis as unknown as { __talkootEditor: BenchEditor }).__talkootEditor.createShapes([
        { id, type: 'note', x: -400, y: 0, props: { richText } },
      ]);
      return at;
    }, id);
    await facilitator.waitForTimeout(200);
  }
  await tablet.waitForTimeout(3000);
  const seen = await tablet.evaluate(() => (globalThis as unknown as { __seen: Record<string, number> }).__seen);
  const latencies = Object.entries(written)
    .map(([id, at]) => (seen[id] === undefined ? Number.POSITIVE_INFINITY : seen[id] - at))
    .sort((a, b) => a - b);
  const lost = latencies.filter((ms) => !Number.isFinite(ms)).length;

  // Panning: the camera moves every frame for 3 s (as a drag does), frame times from rAF.
  const frames = await tablet.evaluate(
    () =>
      new Promise<number[]>((done) => {
        const g = globalThis as unknown as {
          __talkootEditor: BenchEditor;
          requestAnimationFrame(fn: (t: number) => void): void;
        };
        const editor = g.__talkootEditor;
        const start = editor.getCamera();
        const times: number[] = [];
        const step = (t: number) => {
          times.push(t);
          const camera = editor.getCamera();
          editor.setCamera({ x: camera.x - 8, y: start.y, z: start.z });
          if (t - times[0]! < 3000) g.requestAnimationFrame(step);
          else done(times);
        };
        g.requestAnimationFrame(step);
      }),
  );
  const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
  const fps = (intervals.length / (frames.at(-1)! - frames[0]!)) * 1000;
  const sortedIntervals = [...intervals].sort((a, b) => a - b);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  await facilitator.context().close();

  report(
    'big board (2,000 notes + 200 shapes), iPad viewport, CPU 4× slower: usable with all shapes',
    `${loadSeconds.toFixed(1)} s after the load started`,
    loadSeconds <= 4,
    '≤ 4 s',
  );
  report(
    `  remote note on that tablet (${REMOTE_NOTES} notes, 200 ms apart)`,
    `p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${latencies.at(-1)} ms${lost ? `, ${lost} not seen within 3 s` : ''}`,
    percentile(latencies, 95) <= 200,
    'p95 ≤ 200 ms',
  );
  report(
    '  panning for 3 s',
    `${fps.toFixed(0)} frames/s, frame time p50 ${percentile(sortedIntervals, 50).toFixed(0)} ms, p95 ${percentile(sortedIntervals, 95).toFixed(0)} ms, max ${sortedIntervals.at(-1)!.toFixed(0)} ms`,
    fps >= 30,
    '≥ 30 fps',
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'talkoot-bench-web-'));
const server = await startServer(dataDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const lines = [
  `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Chromium ${browser.version()} headless, ${new Date().toISOString().slice(0, 10)}`,
];
/** One measure against its goal: printed either way; a missed goal is not a failure of the run. */
const report = (measure: string, value: string, met: boolean, goal: string) =>
  lines.push(`${measure}: ${value} (goal ${goal}: ${met ? 'met' : 'MISSED'})`);
/** Links to close at the end, also when a run fails (an open listener keeps the process alive). */
const links: ThrottledLink[] = [];
const newLink = async (mbit: number, latency: number) => {
  const link = new ThrottledLink({ host: '127.0.0.1', port: server.port }, mbit, latency);
  links.push(link);
  await link.listen();
  return link;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.stop();
    process.exit(1);
  });
}
let failed = false;
try {
  // The facilitator's board, straight to the server (not through the link).
  const direct = `http://127.0.0.1:${server.port}`;
  const { invite } = await createBoard(browser, direct);
  const joinPath = new URL(invite).pathname;

  if (PARTS.has('bytes') || PARTS.has('idle')) {
    // 1. Bytes, through an unthrottled counting link.
    const counter = await newLink(0, 0);
    const viaCounter = `http://127.0.0.1:${counter.port}`;
    const context = await browser.newContext({ baseURL: viaCounter });
    const page = await context.newPage();
    counter.resetCounters();
    await page.goto(joinPath);
    await page.getByTestId('join.name-input').waitFor();
    await page.waitForLoadState('load');
    const joinBytes = counter.bytesDown;
    await page.getByTestId('join.name-input').fill('Amina');
    await page.getByTestId('join.submit').click();
    await boardUsable(page);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker
          .controller !== null,
    );
    await page.waitForTimeout(3000); // fonts, translations and the service worker's precache settle
    const firstBoardBytes = counter.bytesDown;
    counter.resetCounters();
    await page.reload();
    await boardUsable(page);
    await page.waitForTimeout(3000);
    const returnBytes = counter.bytesDown;
    if (PARTS.has('bytes')) {
      report('join page (first visit, until load)', kb(joinBytes), joinBytes <= 250 * 1024, '≤ 250 KB');
      report(
        'first board (join page + board + service-worker precache, total)',
        kb(firstBoardBytes),
        firstBoardBytes <= 1024 * 1024,
        '≤ 1 MB',
      );
      report('return visit (reload of the board)', kb(returnBytes), returnBytes <= 30 * 1024, '≤ 30 KB');
    }

    if (PARTS.has('idle')) {
      // 3. Idle CPU of this open board: as Talkoot leaves it (tldraw's frame loop paused when
      // idle), then with the loop forced to run as tldraw alone would, in the same conditions.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metrics = async () =>
        new Map((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
      const idleWindow = async () => {
        const before = await metrics();
        await page.waitForTimeout(IDLE_SECONDS * 1000);
        const after = await metrics();
        const share = (name: string) => (after.get(name)! - before.get(name)!) / IDLE_SECONDS;
        return { task: share('TaskDuration'), script: share('ScriptDuration'), load: loadavg()[0]! };
      };
      const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
      const describe = (window: { task: number; script: number; load: number }) =>
        `${pct(window.task)} of a core (script ${pct(window.script)}; load average ${window.load.toFixed(1)} on ${cpus().length} cores)`;
      await page.waitForTimeout(3000);
      const talkoot = await idleWindow();
      // tldraw's frame loop is internal; read only to say whether Talkoot's idle pause held.
      const paused = await page.evaluate(
        () =>
          (globalThis as { __talkootEditor?: { _tickManager?: { isPaused?: boolean } } }).__talkootEditor?._tickManager
            ?.isPaused === true,
      );
      report(
        `idle open board, ${IDLE_SECONDS} s (CDP TaskDuration)`,
        `${describe(talkoot)}; tldraw's frame loop ${paused ? 'paused' : 'RUNNING'}`,
        talkoot.task <= 0.02,
        '≤ 2 %',
      );
      await page.evaluate(() => {
        const loop = (globalThis as { __talkootEditor?: { _tickManager?: { start(): void; isPaused: boolean } } })
          .__talkootEditor?._tickManager;
        if (!loop) return;
        loop.start();
        Object.defineProperty(loop, 'isPaused', { get: () => false, set: () => undefined });
      });
      const running = await idleWindow();
      lines.push(`  for comparison, the same board with tldraw's frame loop kept running: ${describe(running)}`);
    }
    await context.close();
  }

  if (PARTS.has('big')) await bigBoard(browser, direct);

  if (PARTS.has('thirty')) {
    // 2. Thirty at once through one shared link.
    const link = await newLink(MBIT, LATENCY);
    const viaLink = `http://127.0.0.1:${link.port}`;
    const pages = await Promise.all(
      Array.from({ length: CLIENTS }, async () => (await browser.newContext({ baseURL: viaLink })).newPage()),
    );
    let retries = 0;
    const start = performance.now();
    const since = () => (performance.now() - start) / 1000;
    // Each tablet: seconds to its join form and to a usable board, or what it was stuck on.
    type Tablet = { form: number; usable: number } | { stuck: string };
    const results = await Promise.all(
      pages.map(async (tablet, index): Promise<Tablet> => {
        let step = 'page load';
        try {
          // A tablet whose first connection attempt fails (Chromium with 30 contexts on 2 cores)
          // tries again, as a person would; the time still counts from the common start.
          for (let attempt = 0; ; attempt++) {
            try {
              await tablet.goto(joinPath, { timeout: 120_000 });
              break;
            } catch (error) {
              if (attempt >= 3) throw error;
              retries++;
            }
          }
          // Generous timeouts: this measures how long it takes, a slow tablet is a result.
          step = 'join form';
          await tablet.getByTestId('join.name-input').fill(`Tablet ${index + 1}`, { timeout: 180_000 });
          const form = since();
          await tablet.getByTestId('join.submit').click({ timeout: 120_000 });
          step = 'board';
          await boardUsable(tablet);
          return { form, usable: since() };
        } catch (error) {
          return { stuck: `${step} (${since().toFixed(0)} s): ${String(error).split('\n')[0]}` };
        }
      }),
    );
    const linkBytes = link.bytesDown;
    const times = results.flatMap((result) => ('stuck' in result ? [] : [result.usable])).sort((a, b) => a - b);
    const forms = results.flatMap((result) => ('stuck' in result ? [] : [result.form])).sort((a, b) => a - b);
    const stuck = results.flatMap((result) => ('stuck' in result ? [result.stuck] : []));
    const distribution = (values: number[]) =>
      values.length
        ? `p10 ${percentile(values, 10).toFixed(1)} s, p50 ${percentile(values, 50).toFixed(1)} s, p90 ${percentile(values, 90).toFixed(1)} s, max ${values.at(-1)!.toFixed(1)} s`
        : 'none';
    report(
      `${CLIENTS} tablets, ${MBIT} Mbit/s shared + ${LATENCY} ms, usable board after`,
      `${distribution(times)} (${times.length} of ${CLIENTS})`,
      stuck.length === 0 && times.at(-1)! <= 15,
      'all ≤ 15 s',
    );
    lines.push(
      `  join form shown after: ${distribution(forms)}`,
      `  ${kb(linkBytes)} over the link (${kb(linkBytes / CLIENTS)} a tablet), which the link alone needs ${((linkBytes * 8) / (MBIT * 1e6)).toFixed(1)} s for; ${retries} page loads retried; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores at the end`,
    );
    if (stuck.length > 0) {
      // A tablet that never got there is a failed run, not only a missed goal.
      failed = true;
      lines.push(`  ${stuck.length} tablets never got a usable board:`, ...stuck.map((reason) => `    ${reason}`));
    }
  }
} catch (error) {
  failed = true;
  console.error('bench:web failed:', error);
} finally {
  console.log(lines.join('\n'));
  await browser.close();
  await Promise.all(links.map((link) => link.close()));
  server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
