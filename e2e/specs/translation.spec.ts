import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { apertiumInstalled, type ApertiumProcess, startApertium } from '@talkoot/translate/testing';
import {
  createBoardAsFacilitator,
  expect,
  joinByLink,
  noteTexts,
  test,
  waitForTextEditing,
} from '../fixtures/talkoot.ts';

/*
 * A server of this spec's own, translating with a real Apertium APY (Russian ↔ Ukrainian), so
 * the shared server of the other specs starts as fast as before.
 */
const port = Number(process.env.E2E_PORT ?? 4787) + 1000;
const origin = `http://127.0.0.1:${port}`;
test.use({ baseURL: origin });

const present = apertiumInstalled();
if (!present && process.env.CI) throw new Error('apertium-apy with apertium-rus-ukr is not installed');

let apy: ApertiumProcess | undefined;
let server: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'talkoot-e2e-translation-'));

test.beforeAll(async () => {
  if (!present) return;
  apy = await startApertium();
  server = spawn(process.execPath, [resolve(import.meta.dirname, '../../apps/server/src/main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BOARD_CREATIONS_PER_MINUTE: '10000',
      TRANSLATE_URL: apy.url,
      TRANSLATE_API: 'apertium',
      ...(process.env.E2E_WEB_ROOT ? { WEB_ROOT: process.env.E2E_WEB_ROOT } : {}),
    },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error('the translating server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  await apy?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test.describe('notes in another language', () => {
  test.skip(!present, 'apertium-apy with apertium-rus-ukr is not installed');

  test('a note written in Russian appears in Ukrainian for a Ukrainian reader, the original one tap away, and a correction wins', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Школа и работа', 'Ольга', 'ru');
    const canvas = (await page.locator('.tl-canvas').boundingBox())!;
    await page.keyboard.press('n');
    await page.mouse.click(canvas.x + 300, canvas.y + 250);
    await waitForTextEditing(page);
    await page.keyboard.type('Хорошая школа');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    const oksana = await newPerson();
    await joinByLink(oksana, `${link}${link.includes('?') ? '&' : '?'}lang=uk`, 'Оксана');
    const card = oksana.getByTestId('translation.note');
    await expect(card.getByTestId('translation.text')).toHaveText('Хороша школа', { timeout: 2000 + 10_000 });
    await expect(card.getByTestId('translation.label')).toHaveText('Машинний переклад · оригінал: російська');
    await expect(card.getByTestId('translation.label')).toHaveAttribute('data-by', 'machine');
    // The board keeps the Russian text; the author sees it as she wrote it.
    await expect.poll(() => noteTexts(oksana)).toEqual(['Хорошая школа']);
    await expect(page.getByTestId('translation.note')).toHaveCount(0);
    await oksana.screenshot({ path: test.info().outputPath('ukrainian-reader.png') });

    // "Show original": the translation steps aside, and comes back.
    await card.getByTestId('translation.show-original').click();
    await expect(oksana.getByTestId('translation.note')).toHaveCount(0);
    await expect(oksana.getByText('Оригінал: російська')).toBeVisible();
    await expect(oksana.locator('.tl-shape').getByText('Хорошая школа')).toBeVisible();
    await oksana.getByTestId('translation.show-translation').click();
    await expect(card.getByTestId('translation.text')).toHaveText('Хороша школа');

    // Oksana improves it; another Ukrainian reader gets her version.
    await card.getByTestId('translation.correct').click();
    await oksana.getByTestId('translation.correct-text').fill('Гарна школа');
    await oksana.screenshot({ path: test.info().outputPath('correcting.png') });
    await oksana.getByTestId('translation.correct-save').click();
    await expect(card.getByTestId('translation.label')).toHaveAttribute('data-by', 'participant');
    const taras = await newPerson();
    await joinByLink(taras, `${link}${link.includes('?') ? '&' : '?'}lang=uk`, 'Тарас');
    await expect(taras.getByTestId('translation.text')).toHaveText('Гарна школа');
    await expect(taras.getByTestId('translation.label')).toHaveText('Переклад учасника · оригінал: російська');

    // The outline lists the note in Ukrainian too, the original one tap away.
    await taras.getByTestId('board.outline-open').click();
    const listed = taras.getByTestId('outline.note');
    await expect(listed.getByTestId('translation.list-label')).toHaveText('Переклад учасника · оригінал: російська');
    await expect(listed.locator('.outline-note-text')).toContainText('Гарна школа');
    await listed.getByTestId('translation.list-toggle').click();
    await expect(listed.locator('.outline-note-text')).toContainText('Хорошая школа');

    // Olga says the note is in fact Ukrainian: Ukrainian readers then read it as written.
    await page.mouse.click(canvas.x + 300, canvas.y + 250);
    const languageOfNote = page.getByTestId('translation.note-language');
    await expect(languageOfNote).toHaveValue('ru');
    await languageOfNote.selectOption('uk');
    await expect(oksana.getByTestId('translation.note')).toHaveCount(0);
    await expect(oksana.getByTestId('translation.state')).toHaveCount(0);
    // And the Russian author now gets it in Russian, marked as a translation.
    await expect(page.getByTestId('translation.note').getByTestId('translation.label')).toHaveText(
      'Машинный перевод · оригинал: украинский',
    );
  });

  test('a facilitator reads a Russian participant’s private notes in Ukrainian, and the note keeps its language when revealed', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Перші тижні', 'Ганна', 'uk');
    const olga = await newPerson();
    await joinByLink(olga, `${link}${link.includes('?') ? '&' : '?'}lang=ru`, 'Ольга');
    await page.getByTestId('facilitator.private.start').click();
    await expect(olga.getByTestId('private.panel')).toBeVisible();
    await olga.getByTestId('private.input').fill('Мы хотим работу');
    await olga.getByTestId('private.add').click();

    const overview = page.getByTestId('facilitator.private.overview');
    await expect(overview.getByTestId('translation.private-text')).toHaveText('Ми хочемо роботу');
    await expect(overview.getByText('(Мы хотим работу)')).toBeVisible();

    await page.getByTestId('facilitator.private.reveal').click();
    await page.getByTestId('facilitator.private.reveal-confirm').click();
    await expect(page.getByTestId('translation.note').getByTestId('translation.text')).toHaveText('Ми хочемо роботу');
    await expect(olga.getByTestId('translation.note')).toHaveCount(0);
  });

  // Last: it stops the translator the other tests share.
  test('with the translator down, the reader sees the original and a calm notice, and the board goes on', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Без перекладу', 'Ольга', 'ru');
    const oksana = await newPerson();
    await joinByLink(oksana, `${link}${link.includes('?') ? '&' : '?'}lang=uk`, 'Оксана');
    await apy!.stop();

    const canvas = (await page.locator('.tl-canvas').boundingBox())!;
    await page.keyboard.press('n');
    await page.mouse.click(canvas.x + 300, canvas.y + 250);
    await waitForTextEditing(page);
    await page.keyboard.type('Мы хотим работу');
    await page.keyboard.press('Escape');

    await expect.poll(() => noteTexts(oksana)).toEqual(['Мы хотим работу']);
    const notice = oksana.getByTestId('translation.state');
    await expect(notice).toHaveAttribute('data-state', 'failed');
    await expect(notice).toHaveText('Переклад зараз недоступний. Показано оригінал.');
    await expect(oksana.getByTestId('translation.note')).toHaveCount(0);
    await expect(oksana.getByTestId('board.connection')).toHaveAttribute('data-state', 'online');
  });
});

test.describe('without a translation server', () => {
  // The shared server of the other specs, started without TRANSLATE_URL.
  test.use({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 4787}` });

  test('facilitators are told translation is off, and foreign notes simply show as written', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Kielet', 'Sanna');
    const aino = await newPerson();
    await joinByLink(aino, `${link}${link.includes('?') ? '&' : '?'}lang=fi`, 'Aino');
    const canvas = (await aino.locator('.tl-canvas').boundingBox())!;
    await aino.keyboard.press('n');
    await aino.mouse.click(canvas.x + 300, canvas.y + 250);
    await waitForTextEditing(aino);
    await aino.keyboard.type('Kielikurssit iltaisin');
    await aino.keyboard.press('Escape');

    await expect(page.getByTestId('translation.off')).toHaveText(
      'Machine translation is off on this server. Notes are shown as they were written.',
    );
    await expect.poll(() => noteTexts(page)).toEqual(['Kielikurssit iltaisin']);
    await expect(page.getByTestId('translation.state')).toHaveCount(0);
    await expect(page.getByTestId('translation.note')).toHaveCount(0);
    await expect(aino.getByTestId('translation.off')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('translation-off.png') });
  });
});
