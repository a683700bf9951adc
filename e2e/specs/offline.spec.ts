import type { Page } from '@playwright/test';
import {
  createBoardAsFacilitator,
  expect,
  expectOnline,
  joinByLink,
  noteTexts,
  test,
  waitForTextEditing,
} from '../fixtures/talkoot.ts';

/**
 * Creates a sticky note with the note tool and types `text` into it. (x, y) are offsets from
 * the top-left of the canvas, so the header and session bars above it don't matter.
 */
async function addNote(page: Page, x: number, y: number, text: string): Promise<void> {
  const canvas = (await page.locator('.tl-canvas').boundingBox())!;
  await page.keyboard.press('n');
  await page.mouse.click(canvas.x + x, canvas.y + y);
  await waitForTextEditing(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

const sorted = async (texts: Promise<string[]>) => (await texts).sort();

test.describe('working through a dropped connection', () => {
  test('a person who goes offline keeps working, and both people see all notes once they are back', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Service blueprint', 'Maia');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');

    // Chromium's offline emulation leaves an open websocket open but silent, like a dead venue
    // Wi-Fi; the app must notice through the browser's `offline` event.
    await amina.context().setOffline(true);
    await expect(amina.getByTestId('board.connection')).toHaveAttribute('data-state', 'offline');
    const notice = amina.getByTestId('board.offline-notice');
    await expect(notice).toHaveAttribute('data-active', 'true');
    await expect(notice.getByRole('status')).toContainText('kept on this device');
    // A landmark of its own while it shows, so screen-reader users find the retry button.
    await expect(notice).toHaveRole('region');
    await expect(notice).toHaveAccessibleName('Connection');

    await addNote(amina, 500, 400, 'Written offline');
    await addNote(page, 300, 250, 'Written online');
    // Nothing crosses while Amina is offline.
    await expect.poll(() => noteTexts(amina)).toEqual(['Written offline']);
    expect(await noteTexts(page)).toEqual(['Written online']);

    await amina.context().setOffline(false);
    await expectOnline(amina);
    await expect(notice).toHaveAttribute('data-active', 'false');
    await expect(notice).not.toHaveAttribute('role');
    await expect.poll(() => sorted(noteTexts(amina))).toEqual(['Written offline', 'Written online']);
    await expect.poll(() => sorted(noteTexts(page))).toEqual(['Written offline', 'Written online']);
  });

  test('a reload while the sync server is unreachable still shows the board from this device', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Stakeholder map', 'Maia');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');
    await addNote(page, 300, 250, 'Before the outage');
    await expect.poll(() => noteTexts(amina)).toEqual(['Before the outage']);

    // The page itself still loads (it comes from the same server), but every sync socket is
    // refused, as when a venue proxy drops websockets or the sync server restarts. A real
    // offline reload cannot load the page at all: Talkoot has no service worker.
    let syncReachable = false;
    await amina.routeWebSocket(/\/sync\//, (ws) => {
      if (syncReachable) ws.connectToServer();
      else void ws.close({ code: 1012, reason: 'Service restart' });
    });
    await amina.reload();
    await expect(amina.getByTestId('board.connection')).toHaveAttribute('data-state', 'offline');
    await amina.waitForFunction(() => Boolean((window as unknown as { __talkootEditor?: unknown }).__talkootEditor));
    await expect.poll(() => noteTexts(amina)).toEqual(['Before the outage']);
    await expect(amina.getByTestId('board.offline-retry-in')).toBeVisible();

    await addNote(amina, 500, 400, 'Written during the outage');
    syncReachable = true;
    await amina.getByTestId('board.offline-retry').click();
    await expectOnline(amina);
    await expect.poll(() => sorted(noteTexts(page))).toEqual(['Before the outage', 'Written during the outage']);
  });

  test('the device forgets the board when the server says this person may no longer see it', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Shared tablet', 'Maia');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');
    const boardCopies = () =>
      amina.evaluate(async () =>
        (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('talkoot.board.')),
      );
    await expect.poll(boardCopies).toHaveLength(1);

    // As if the facilitator had removed Amina: the sync endpoint refuses her token.
    await amina.routeWebSocket(/\/sync\//, (ws) => void ws.close({ code: 4403, reason: 'Forbidden' }));
    await amina.reload();
    await expect(amina.getByTestId('board.fatal-error')).toBeVisible();
    await expect.poll(boardCopies).toEqual([]);
  });
});
