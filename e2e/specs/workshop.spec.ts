import type { Page } from '@playwright/test';
import {
  createBoardAsFacilitator,
  expect,
  expectOnline,
  expectProjectorReady,
  IPAD,
  test,
} from '../fixtures/talkoot.ts';

type Camera = { x: number; y: number; z: number };
const cameraOf = (page: Page): Promise<Camera> =>
  page.evaluate(() => (window as unknown as { __talkootEditor: { getCamera(): Camera } }).__talkootEditor.getCamera());

/** Joins by typing the code on the start page, as someone told it aloud would. */
async function joinByCode(page: Page, code: string, name: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('join.code-input').fill(code);
  await page.getByTestId('join.name-input').fill(name);
  await page.getByTestId('join.submit').click();
  await expectOnline(page);
}

test.describe('a facilitated workshop', () => {
  test('participants join by code; timer, agenda, lock and follow-me reach everyone', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'Immigration dialogue', 'Sanna');
    const code = link.split('/join/')[1]!;

    const amina = await newPerson();
    await joinByCode(amina, code, 'Amina');
    const olga = await newPerson(IPAD);
    await olga.goto(link);
    await olga.getByTestId('join.name-input').fill('Olga');
    await olga.getByTestId('join.submit').tap();
    await expectOnline(olga);

    // Timer: set 3 minutes and start; both participants see it running.
    await page.getByTestId('facilitator.timer.minutes').fill('3');
    await page.getByTestId('facilitator.timer.minutes').blur();
    await page.getByTestId('facilitator.timer.start').click();
    for (const p of [amina, olga]) {
      const timer = p.getByTestId('session.timer');
      await expect(timer).toHaveAttribute('data-status', 'running');
      await expect(timer).toHaveText(/^0?2:5\d|^0?3:00/);
    }

    // Agenda: one step, made current; its title and instructions reach everyone.
    await page.getByTestId('facilitator.agenda.open').click();
    await page.getByTestId('facilitator.agenda.add').click();
    await page.getByTestId('facilitator.agenda.title').last().fill('Silent writing');
    await page.getByTestId('facilitator.agenda.instructions').last().fill('Write one idea per note.');
    await page.getByTestId('facilitator.agenda.save').click();
    await page.getByTestId('facilitator.agenda.next').click();
    await expect(amina.getByTestId('session.step-title')).toHaveText('Silent writing');
    await expect(olga.getByTestId('session.step-instructions')).toHaveText('Write one idea per note.');

    // Lock: participants are told, and their editor is read-only.
    await page.getByTestId('facilitator.lock').click();
    await expect(amina.getByTestId('session.locked-notice')).toBeVisible();
    await expect
      .poll(() =>
        amina.evaluate(() =>
          (window as unknown as { __talkootEditor: { getIsReadonly(): boolean } }).__talkootEditor.getIsReadonly(),
        ),
      )
      .toBe(true);
    await page.getByTestId('facilitator.lock').click();
    await expect(amina.getByTestId('session.locked-notice')).toBeHidden();

    // Follow me: the facilitator pans; the participant's viewport follows.
    await page.getByTestId('facilitator.follow-me').click();
    await expect(amina.getByTestId('session.following')).toBeVisible();
    const before = await cameraOf(amina);
    await page.evaluate(() => {
      (
        window as unknown as { __talkootEditor: { setCamera(c: { x: number; y: number; z: number }): void } }
      ).__talkootEditor.setCamera({ x: -1500, y: -900, z: 1 });
    });
    await expect.poll(async () => (await cameraOf(amina)).x).not.toBe(before.x);
    await amina.getByTestId('session.stop-following').click();
    await expect(amina.getByTestId('session.following')).toBeHidden();
  });

  test('the facilitator sees who is here, renames and removes people, and opens the projector view', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'World café', 'Sanna');
    const code = link.split('/join/')[1]!;
    const amina = await newPerson();
    await joinByCode(amina, code, 'Amina');

    await page.getByTestId('facilitator.people.open').click();
    const row = page.getByTestId('facilitator.people.row').filter({ hasText: 'Amina' });
    await expect(row.locator('[data-online="true"]')).toBeVisible();
    await row.getByTestId('facilitator.people.rename').click();
    await page.getByTestId('facilitator.people.rename-input').fill('A.');
    await page.getByTestId('facilitator.people.rename-save').click();
    const renamed = page.getByTestId('facilitator.people.row').filter({ hasText: 'A.' });
    await expect(renamed).toBeVisible();
    await renamed.getByTestId('facilitator.people.remove').click();
    await page.getByTestId('facilitator.people.remove-confirm').click();
    await expect(page.getByTestId('facilitator.people.row').filter({ hasText: 'A.' })).toHaveCount(0);
    // Removed: her socket is closed and the board tells her so.
    await expect(amina.getByTestId('board.fatal-error')).toBeVisible();
    await page.keyboard.press('Escape');

    // The projector view: read-only canvas, timer and join code in large type.
    const boardUrl = page.url();
    const projector = await page.context().newPage();
    await projector.goto(`${boardUrl.replace(/\/$/, '')}/projector`);
    await expectProjectorReady(projector);
    await expect(projector.getByTestId('session.timer')).toBeVisible();
    await expect(projector.getByTestId('projector.join-code')).toHaveText(code);
  });

  test('anyone can follow another person, and the facilitator can focus everyone on a frame', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Journey map', 'Sanna');
    const code = link.split('/join/')[1]!;
    const amina = await newPerson();
    await joinByCode(amina, code, 'Amina');
    const olga = await newPerson(IPAD);
    await joinByCode(olga, code, 'Olga');

    // Amina follows Olga from the people list; Olga moves, Amina's view goes with her.
    await olga.mouse.move(200, 300);
    await amina.getByTestId('session.people.open').click();
    await amina.getByTestId('session.people.follow').filter({ hasText: 'Olga' }).click();
    await expect(amina.getByTestId('session.following')).toBeVisible();
    const before = await cameraOf(amina);
    await olga.evaluate(() => {
      (
        window as unknown as { __talkootEditor: { setCamera(c: { x: number; y: number; z: number }): void } }
      ).__talkootEditor.setCamera({ x: 2500, y: 1200, z: 1 });
    });
    await expect.poll(async () => (await cameraOf(amina)).x).not.toBe(before.x);
    await amina.getByTestId('session.stop-following').click();

    // The facilitator makes a frame far away, selects it and focuses everyone on it.
    await page.evaluate(() => {
      type E = {
        createShape(s: object): void;
        select(id: string): void;
        getCurrentPageShapes(): { id: string; type: string }[];
      };
      const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
      editor.createShape({ type: 'frame', x: 6000, y: 6000, props: { w: 400, h: 300 } });
      editor.select(editor.getCurrentPageShapes().find((shape) => shape.type === 'frame')!.id);
    });
    await page.getByTestId('facilitator.focus').click();
    const frameInView = () =>
      amina.evaluate(() => {
        type E = { getViewportPageBounds(): { x: number; y: number; w: number; h: number } };
        const b = (window as unknown as { __talkootEditor: E }).__talkootEditor.getViewportPageBounds();
        return b.x <= 6200 && 6200 <= b.x + b.w && b.y <= 6150 && 6150 <= b.y + b.h;
      });
    await expect.poll(frameInView).toBe(true);
  });

  test('a participant cannot run facilitator commands, even by calling the API', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'Prioritisation', 'Sanna');
    const amina = await newPerson();
    await joinByCode(amina, link.split('/join/')[1]!, 'Amina');
    await expect(amina.getByTestId('facilitator.timer.start')).toHaveCount(0);
    const status = await amina.evaluate(async () => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('talkoot.session.'))!;
      const { token } = JSON.parse(localStorage.getItem(key)!) as { token: string };
      const boardId = key.slice('talkoot.session.'.length);
      const response = await fetch(`/api/boards/${boardId}/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'lock.set', locked: true }),
      });
      return response.status;
    });
    expect(status).toBe(403);
  });
});
