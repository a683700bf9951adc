import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { OwnServer } from '../fixtures/own-server.ts';
import { expect, expectOnline, noteTexts, test, waitForTextEditing } from '../fixtures/talkoot.ts';

// A server of this spec's own: the outage here is real (the server process is stopped and the
// browser is offline), and the update test deploys a changed build into its web root.
let server: OwnServer;
const swTest = test.extend<object, { ownServer: OwnServer }>({
  ownServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      server = await OwnServer.start();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ ownServer }, use) => use(ownServer.url),
});
swTest.describe.configure({ mode: 'serial' });

async function addNote(page: Page, x: number, y: number, text: string): Promise<void> {
  const canvas = (await page.locator('.tl-canvas').boundingBox())!;
  await page.keyboard.press('n');
  await page.mouse.click(canvas.x + x, canvas.y + y);
  await waitForTextEditing(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

/** Waits until the service worker controls the page (registered on load, precached, claimed). */
const controlled = (page: Page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

swTest(
  'the join page comes compressed, without the canvas, and the app is installable in its language',
  async ({ page }) => {
    const urls: string[] = [];
    page.on('request', (request) => urls.push(new URL(request.url()).pathname));
    const script = page.waitForResponse((response) => /\/assets\/index-[^/]+\.js$/.test(response.url()));
    await page.goto('/j/ABCD-EFGH');
    await expect(page.getByTestId('join.name-input')).toBeVisible();
    const headers = (await script).headers();
    expect(headers['content-encoding']).toBe('br');
    expect(headers['vary']).toBe('Accept-Encoding');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(urls.filter((path) => /canvas-screens/.test(path))).toEqual([]);
    // Nor does the worker precache it: it installs while the join page is open.
    const worker = await page.evaluate(async () => (await fetch('/sw.js')).text());
    expect(worker).toContain('assets/index-');
    expect(worker).not.toContain('canvas-screens');

    const cdp = await page.context().newCDPSession(page);
    // Playwright's contexts are incognito, which alone keeps Chromium from offering the install.
    const installErrors = async () =>
      (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors
        .map((error) => error.errorId)
        .filter((id) => id !== 'in-incognito');
    await expect.poll(installErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toMatch(/\/manifest-en\.webmanifest$/);
    await page.goto('/j/ABCD-EFGH?lang=fi');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest-fi.webmanifest');
    const finnish = await page.evaluate(async () => (await fetch('/manifest-fi.webmanifest')).json());
    expect(finnish).toMatchObject({ lang: 'fi', short_name: 'Talkoot' });
    expect(finnish.name).toContain('Suunnitellaan yhdessä');
  },
);

swTest(
  'a tablet that opened a board reloads it with no network and merges when the network is back',
  async ({ page, newPerson }) => {
    // The worker registers only once the board is open (a slow link, a quick join): the canvas
    // chunk, its CSS and fonts came past the worker, which precaches only the shell, so the page
    // must hand them to the worker's cache for the reload below to work offline.
    await page.addInitScript(() => {
      const container = navigator.serviceWorker;
      const register = container.register.bind(container);
      let release = () => {};
      const released = new Promise<void>((done) => (release = done));
      (window as unknown as { releaseWorker: () => void }).releaseWorker = release;
      container.register = async (...args: Parameters<typeof register>) => {
        await released;
        return register(...args);
      };
    });
    const urls: string[] = [];
    page.on('request', (request) => urls.push(new URL(request.url()).pathname));
    await page.goto('/');
    await page.getByTestId('home.title-input').fill('Venue Wi-Fi');
    await page.getByTestId('home.name-input').fill('Maia');
    await page.getByTestId('home.create').click();
    await expectOnline(page);
    await addNote(page, 300, 250, 'Before the outage');
    const boardUrl = page.url();
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await page.evaluate(() => (window as unknown as { releaseWorker: () => void }).releaseWorker());
    await controlled(page);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const cached = (await (await caches.open('talkoot-assets')).keys()).map((request) => request.url);
          return ['canvas-screens-.*\\.js', 'canvas-screens-.*\\.css', 'Shantell_Sans-Informal_Regular-'].filter(
            (name) => !cached.some((url) => new RegExp(name).test(url)),
          );
        }),
      )
      .toEqual([]);
    // Only the fonts the board uses came down, not all 16 of tldraw's faces.
    expect(urls.filter((path) => /IBMPlex(Serif|Mono)|Italic/.test(path))).toEqual([]);

    // The server goes away and the tablet has no network at all; a reload still opens the board.
    await server.pause();
    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByTestId('board.title')).toHaveText('Venue Wi-Fi', { timeout: 30_000 });
    await expect(page.getByTestId('board.offline-notice')).toHaveAttribute('data-active', 'true');
    await page.waitForFunction(() => Boolean((window as unknown as { __talkootEditor?: unknown }).__talkootEditor));
    await expect.poll(() => noteTexts(page)).toEqual(['Before the outage']);
    await addNote(page, 120, 90, 'Written offline');

    await server.resume();
    await page.context().setOffline(false);
    await expectOnline(page);
    // Someone else opening the board now sees the note written offline: it merged.
    const amina = await newPerson();
    expect(page.url()).toBe(boardUrl);
    await page.getByTestId('board.invite').click();
    const invite = (await page.getByTestId('board.invite-link').innerText()).trim();
    await page.keyboard.press('Escape');
    await amina.goto(invite);
    await amina.getByTestId('join.name-input').fill('Amina');
    await amina.getByTestId('join.submit').click();
    await expectOnline(amina);
    await expect.poll(async () => (await noteTexts(amina)).sort()).toEqual(['Before the outage', 'Written offline']);
  },
);

swTest('a new deployment is used on the next online load, and offline after that', async ({ page }) => {
  await page.goto('/');
  await controlled(page);
  expect(await page.locator('meta[name="talkoot-build"]').count()).toBe(0);

  // Deploy: a changed index.html and the worker that lists its new revision.
  const indexPath = join(server.webRoot, 'index.html');
  const index = readFileSync(indexPath, 'utf8').replace('<head>', '<head><meta name="talkoot-build" content="2">');
  writeFileSync(indexPath, index);
  rmSync(`${indexPath}.br`, { force: true });
  rmSync(`${indexPath}.gz`, { force: true });
  const swPath = join(server.webRoot, 'sw.js');
  const worker = readFileSync(swPath, 'utf8').replace(/(url:"index\.html",revision:")[0-9a-f]+"/, '$1deployment-2"');
  expect(worker).toContain('deployment-2');
  writeFileSync(swPath, worker);
  rmSync(`${swPath}.br`, { force: true });
  rmSync(`${swPath}.gz`, { force: true });

  await page.reload();
  await expect(page.locator('meta[name="talkoot-build"]')).toHaveAttribute('content', '2');
  // The new worker installs, takes over and precaches the new shell.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        for (const name of await caches.keys()) {
          const keys = await (await caches.open(name)).keys();
          if (keys.some((request) => request.url.includes('__WB_REVISION__=deployment-2'))) return true;
        }
        return false;
      }),
    )
    .toBe(true);
  await server.pause();
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.locator('meta[name="talkoot-build"]')).toHaveAttribute('content', '2');
  await page.context().setOffline(false);
  await server.resume();
});
