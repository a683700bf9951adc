/**
 * `pnpm bench:web`: the web app on one venue Wi-Fi, in Debian's Chromium (not part of `pnpm test`).
 * Needs a build (`pnpm build`). Measures, through {@link ThrottledLink} (a shared token bucket, so
 * every byte the browsers and their service workers fetch is counted and shares one link):
 * 1. bytes of a first visit to a join link, of a first board, and of a return visit;
 * 2. 30 browser contexts opening one board at once through 20 Mbit/s shared + 50 ms: time to a
 *    usable board (canvas mounted and synced), distribution;
 * 3. idle CPU of an open board (CDP Performance TaskDuration over `--idle-seconds`).
 * Usage: `pnpm bench:web [-- --clients=30 --mbit=20 --latency=50 --idle-seconds=30]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
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
  },
});
const CLIENTS = Number(values.clients);
const MBIT = Number(values.mbit);
const LATENCY = Number(values.latency);
const IDLE_SECONDS = Number(values['idle-seconds']);
const root = resolve(import.meta.dirname, '../../..');

async function startServer(dataDir: string): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [join(root, 'apps/server/src/main.ts')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, BOARD_CREATIONS_PER_MINUTE: '10000' },
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
  await page.waitForFunction('Boolean(window.__talkootEditor)', undefined, {
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
  await page.getByTestId('board.invite').click();
  const invite = (await page.getByTestId('board.invite-link').innerText()).trim();
  await page.keyboard.press('Escape');
  return { invite, boardUrl: page.url(), page };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const dataDir = mkdtempSync(join(tmpdir(), 'talkoot-bench-web-'));
const server = await startServer(dataDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  // The facilitator's board, straight to the server (not through the link).
  const direct = `http://127.0.0.1:${server.port}`;
  const { invite } = await createBoard(browser, direct);
  const joinPath = new URL(invite).pathname;

  // 1. Bytes, through an unthrottled counting link.
  const counter = new ThrottledLink({ host: '127.0.0.1', port: server.port }, 0, 0);
  await counter.listen();
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
  await page.waitForFunction('navigator.serviceWorker.controller !== null');
  await page.waitForTimeout(3000); // fonts, translations and the service worker's precache settle
  const firstBoardBytes = counter.bytesDown;
  counter.resetCounters();
  await page.reload();
  await boardUsable(page);
  await page.waitForTimeout(3000);
  const returnBytes = counter.bytesDown;

  // 3. Idle CPU of this open board.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')!.value;
  await page.waitForTimeout(2000);
  const before = await taskSeconds();
  await page.waitForTimeout(IDLE_SECONDS * 1000);
  const idleCore = (await taskSeconds()) - before;
  await context.close();
  await counter.close();
  console.log(
    `bytes: join ${kb(joinBytes)}, first board ${kb(firstBoardBytes)}, return ${kb(returnBytes)}; idle ${((idleCore / IDLE_SECONDS) * 100).toFixed(1)} % of a core`,
  );

  // 2. Thirty at once through one shared link.
  const link = new ThrottledLink({ host: '127.0.0.1', port: server.port }, MBIT, LATENCY);
  await link.listen();
  const viaLink = `http://127.0.0.1:${link.port}`;
  const pages = await Promise.all(
    Array.from({ length: CLIENTS }, async () => (await browser.newContext({ baseURL: viaLink })).newPage()),
  );
  let retries = 0;
  const start = performance.now();
  const times = await Promise.all(
    pages.map(async (tablet, index) => {
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
      await tablet.getByTestId('join.name-input').fill(`Tablet ${index + 1}`);
      await tablet.getByTestId('join.submit').click();
      await boardUsable(tablet);
      return (performance.now() - start) / 1000;
    }),
  );
  times.sort((a, b) => a - b);
  const linkBytes = link.bytesDown;
  await link.close();

  const lines = [
    `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Chromium headless, ${new Date().toISOString().slice(0, 10)}`,
    `join page (first visit, until load): ${kb(joinBytes)}`,
    `first board (join page + board + service-worker precache, total): ${kb(firstBoardBytes)}`,
    `return visit (reload of the board): ${kb(returnBytes)}`,
    `idle open board: ${((idleCore / IDLE_SECONDS) * 100).toFixed(1)} % of a core (TaskDuration over ${IDLE_SECONDS} s)`,
    `${CLIENTS} tablets, ${MBIT} Mbit/s shared + ${LATENCY} ms: usable after p50 ${percentile(times, 50).toFixed(1)} s, p90 ${percentile(times, 90).toFixed(1)} s, max ${times.at(-1)!.toFixed(1)} s; ${kb(linkBytes)} over the link, ${retries} page loads retried`,
  ];
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
