import type { Page } from '@playwright/test';
import {
  createBoardAsFacilitator,
  expect,
  joinByLink,
  noteTexts,
  test,
  waitForTextEditing,
} from '../fixtures/talkoot.ts';

/**
 * A board nobody touches stops tldraw's frame loop (apps/web/src/board/idle-tick.ts), and
 * everything that needs frames still works: input, camera animations, remote changes.
 */

type Loop = { isPaused: boolean };
type IdleEditor = {
  _tickManager: Loop;
  getCamera(): { x: number; y: number; z: number };
  zoomIn(point?: undefined, opts?: { animation: { duration: number } }): void;
};

const loopPaused = (page: Page) =>
  page.evaluate(() => (window as unknown as { __talkootEditor: IdleEditor }).__talkootEditor._tickManager.isPaused);

async function addNote(page: Page, x: number, y: number, text: string): Promise<void> {
  const canvas = (await page.locator('.tl-canvas').boundingBox())!;
  await page.keyboard.press('n');
  await page.mouse.click(canvas.x + x, canvas.y + y);
  await waitForTextEditing(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

test('an untouched board stops drawing frames, and input, animations and remote notes still work', async ({
  page,
  newPerson,
}) => {
  const link = await createBoardAsFacilitator(page, 'Quiet board', 'Maia');
  await expect.poll(() => loopPaused(page), { timeout: 10_000 }).toBe(true);

  // Input wakes it: a note made with the keyboard and the mouse after the pause.
  await addNote(page, 300, 250, 'After the pause');
  expect(await loopPaused(page)).toBe(false);
  await expect.poll(() => noteTexts(page)).toEqual(['After the pause']);
  await expect.poll(() => loopPaused(page), { timeout: 10_000 }).toBe(true);

  // An animated camera move needs frames: it starts the loop and reaches its end.
  const zoom = await page.evaluate(() => {
    const editor = (window as unknown as { __talkootEditor: IdleEditor }).__talkootEditor;
    const before = editor.getCamera().z;
    editor.zoomIn(undefined, { animation: { duration: 300 } });
    return before;
  });
  expect(await loopPaused(page)).toBe(false);
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { __talkootEditor: IdleEditor }).__talkootEditor.getCamera().z),
    )
    .toBeGreaterThan(zoom * 1.5);
  await expect.poll(() => loopPaused(page), { timeout: 10_000 }).toBe(true);

  // A note written by someone else shows on the paused board.
  const amina = await newPerson();
  await joinByLink(amina, link, 'Amina');
  await addNote(amina, 500, 400, 'From Amina');
  await expect.poll(async () => (await noteTexts(page)).sort()).toEqual(['After the pause', 'From Amina']);
});
