import { devices, type Page } from '@playwright/test';
import { expect, expectOnline, joinByLink, test, waitForTextEditing } from '../fixtures/talkoot.ts';

/** A portrait iPad with touch, in Chromium (Playwright's preset defaults to WebKit). */
const { defaultBrowserType: _webkit, ...IPAD_PORTRAIT } = devices['iPad (gen 7)'];

// The facilitator's laptop.
test.use({ viewport: { width: 1366, height: 768 } });

type Box = { x: number; y: number; w: number; h: number };
type Shape = { id: string; type: string; parentId: string; meta: { talkoot?: Record<string, unknown> } };
type Editor = {
  getCurrentPageShapes(): Shape[];
  getShapePageBounds(id: string): Box | undefined;
  getEditingShapeId(): string | null;
  getSelectedShapeIds(): string[];
  getCamera(): { x: number; y: number; z: number };
  getViewportPageBounds(): Box;
  pageToScreen(point: { x: number; y: number }): { x: number; y: number };
  setCamera(camera: { x: number; y: number; z: number }): void;
  createShape(shape: object): void;
  getInstanceState(): { followingUserId: string | null };
};

/** The shapes of a type on the page with their page bounds. */
function boxes(page: Page, type: string): Promise<{ id: string; box: Box }[]> {
  return page.evaluate((t) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === t)
      .map((s) => ({ id: s.id, box: editor.getShapePageBounds(s.id)! }));
  }, type);
}
const notes = (page: Page) => boxes(page, 'note');

function countShapes(page: Page, type: string): Promise<number> {
  return page.evaluate(
    (t) =>
      (window as unknown as { __talkootEditor: Editor }).__talkootEditor
        .getCurrentPageShapes()
        .filter((s) => s.type === t).length,
    type,
  );
}

/** The page bounds of a table's round area. */
function roundArea(page: Page, table: number, round: number): Promise<Box> {
  return page.evaluate(
    ([t, r]) => {
      const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
      const area = editor
        .getCurrentPageShapes()
        .find((s) => s.meta.talkoot?.part === 'round' && s.meta.talkoot.table === t && s.meta.talkoot.round === r)!;
      return editor.getShapePageBounds(area.id)!;
    },
    [table, round] as const,
  );
}

/** The page bounds of a table's frame. */
function tableFrame(page: Page, table: number): Promise<Box> {
  return page.evaluate((t) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    const frame = editor
      .getCurrentPageShapes()
      .find((s) => s.type === 'frame' && s.meta.talkoot?.part === 'table' && s.meta.talkoot.table === t)!;
    return editor.getShapePageBounds(frame.id)!;
  }, table);
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/** No note overlaps another note, nor any of `others`. */
function expectNoOverlap(notes: { id: string; box: Box }[], others: { id: string; box: Box }[] = []): void {
  for (const a of notes)
    for (const b of [...notes, ...others])
      if (a.id !== b.id) expect(overlap(a.box, b.box), `${a.id} overlaps ${b.id}`).toBe(false);
}

/** A world café with one round running; returns the facilitator's page and the join link. */
async function cafeInRound(page: Page, lang: string): Promise<string> {
  await page.goto(`/?lang=${lang}`);
  await page.getByTestId('home.title-input').fill('Café');
  await page.getByTestId('home.template.world-cafe').check();
  await page.getByTestId('home.template.param.tables').fill('2');
  await page.getByTestId('home.template.param.rounds').fill('2');
  await page.getByTestId('home.name-input').fill('Sanna');
  await page.getByTestId('home.create').click();
  await expectOnline(page);
  await page.getByTestId('board.invite').click();
  const link = (await page.getByTestId('board.invite-link').innerText()).trim();
  await page.keyboard.press('Escape');
  return link;
}

async function startRoundOne(page: Page): Promise<void> {
  const title = page.getByTestId('session.step-title');
  await page.getByTestId('facilitator.agenda.next').click();
  await expect(title).toBeVisible();
  const welcome = await title.innerText();
  await page.getByTestId('facilitator.agenda.next').click();
  await expect(title).not.toHaveText(welcome);
}

/** Every visible control in the participant's canvas UI, with its size. */
function controlSizes(page: Page): Promise<{ name: string; w: number; h: number }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.tl-container button, [data-testid="canvas.add-note"]')]
      // tldraw's "unlicensed" watermark shows only in builds without a licence key, like this one.
      .filter((el) => !el.closest('.tl-watermark_SEE-LICENSE'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          name: el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent ?? '',
          w: r.width,
          h: r.height,
        };
      }),
  );
}

for (const { lang, dir } of [
  { lang: 'en', dir: 'ltr' },
  { lang: 'ar', dir: 'rtl' },
] as const) {
  test.describe(`writing on a tablet (${lang})`, () => {
    test('one tap adds a note in a free spot of my table, ready to type; the canvas stays calm', async ({
      page,
      newPerson,
    }) => {
      const link = await cafeInRound(page, lang);
      const amina = await newPerson({ ...IPAD_PORTRAIT, locale: lang });
      await joinByLink(amina, `${link}${link.includes('?') ? '&' : '?'}lang=${lang}`, 'Amina');
      await expect(amina.locator('html')).toHaveAttribute('dir', dir);
      await startRoundOne(page);
      const seat = amina.getByTestId('world-cafe.seat');
      await expect(seat).toBeVisible();
      const table = Number(/(\d)/.exec((await seat.textContent()) ?? '')![1]);
      const area = await roundArea(amina, table, 1);

      // Someone's note already sits in the top start corner of that area.
      await page.evaluate(
        ({ x, y }) => {
          const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
          editor.createShape({ id: 'shape:first', type: 'note', x, y });
        },
        { x: dir === 'rtl' ? area.x + area.w - 215 : area.x + 15, y: area.y + 15 },
      );
      await expect.poll(() => countShapes(amina, 'note')).toBe(1);

      // The calm canvas: no style panel, a short toolbar, every control at least 44 px.
      await expect(amina.locator('.tlui-style-panel')).toHaveCount(0);
      const tools = amina.locator('.tlui-main-toolbar [data-testid^="tools."]');
      await expect(tools).toHaveCount(4);
      await amina.screenshot({ path: test.info().outputPath(`start-${lang}.png`) });
      for (const control of await controlSizes(amina)) {
        expect(control.w, `width of ${control.name}`).toBeGreaterThanOrEqual(44);
        expect(control.h, `height of ${control.name}`).toBeGreaterThanOrEqual(44);
      }
      // Facilitators keep tldraw's full toolbar.
      expect(await page.locator('.tlui-main-toolbar [data-testid^="tools."]').count()).toBeGreaterThan(6);

      // One tap: a note in my table's area, overlapping nothing, open for typing.
      await amina.getByTestId('canvas.add-note').tap();
      await expect.poll(() => countShapes(amina, 'note')).toBe(2);
      await waitForTextEditing(amina);
      const after = await notes(amina);
      const added = after.find((n) => n.id !== 'shape:first')!;
      expect(inside(added.box, area), 'the note lies in this round’s area of my table').toBe(true);
      expectNoOverlap(after);
      expect(
        await amina.evaluate(() =>
          (window as unknown as { __talkootEditor: Editor }).__talkootEditor.getEditingShapeId(),
        ),
      ).toBe(added.id);
      await amina.keyboard.type('Tea');
      await amina.keyboard.press('Escape');
      await amina.keyboard.press('Escape');
      await amina.screenshot({ path: test.info().outputPath(`add-note-${lang}.png`) });

      // A second tap: the area is full (it holds two notes), so the nearest free spot, which
      // covers neither a note nor the table's question and host texts.
      await amina.getByTestId('canvas.add-note').tap();
      await expect.poll(() => countShapes(amina, 'note')).toBe(3);
      expectNoOverlap(await notes(amina), await boxes(amina, 'text'));
      const third = (await notes(amina)).find((n) => n.id !== 'shape:first' && n.id !== added.id)!;
      expect(inside(third.box, await tableFrame(amina, table)), 'the note stays on my table').toBe(true);
      await amina.screenshot({ path: test.info().outputPath(`add-note-2-${lang}.png`) });
      await amina.keyboard.press('Escape');
      await amina.keyboard.press('Escape');

      // Selecting someone else's note: the canvas does not move by a pixel.
      const canvas = amina.locator('.tl-canvas');
      const before = await canvas.boundingBox();
      const first = await amina.evaluate(() => {
        const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
        const b = editor.getShapePageBounds('shape:first')!;
        return editor.pageToScreen({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
      });
      await amina.touchscreen.tap(first.x, first.y);
      await expect
        .poll(() =>
          amina.evaluate(() =>
            (window as unknown as { __talkootEditor: Editor }).__talkootEditor.getSelectedShapeIds(),
          ),
        )
        .toEqual(['shape:first']);
      const selected = await canvas.boundingBox();
      expect(selected).toEqual(before);

      // A single tap on my own note opens it for typing.
      const own = await amina.evaluate((id) => {
        const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
        const b = editor.getShapePageBounds(id)!;
        return editor.pageToScreen({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
      }, added.id);
      await amina.touchscreen.tap(own.x, own.y);
      await expect
        .poll(() =>
          amina.evaluate(() => (window as unknown as { __talkootEditor: Editor }).__talkootEditor.getEditingShapeId()),
        )
        .toBe(added.id);
      await amina.keyboard.press('Escape');
      await amina.keyboard.press('Escape');

      // A double tap on empty canvas makes a note, not a loose text (the template's labels are texts).
      const texts = await countShapes(amina, 'text');
      const empty = await amina.evaluate(() => {
        const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
        const v = editor.getViewportPageBounds();
        return editor.pageToScreen({ x: v.x + v.w / 2, y: v.y + v.h * 0.85 });
      });
      await amina.touchscreen.tap(empty.x, empty.y);
      await amina.touchscreen.tap(empty.x, empty.y);
      await expect.poll(() => countShapes(amina, 'note')).toBe(4);
      expect(await countShapes(amina, 'text'), 'no loose text').toBe(texts);
      expectNoOverlap(await notes(amina));
      await amina.screenshot({ path: test.info().outputPath(`calm-canvas-${lang}.png`) });

      // "More…" brings all tools and the style panel, when asked for.
      await amina.keyboard.press('Escape');
      await amina.getByTestId('canvas.more-tools').tap();
      expect(await tools.count()).toBeGreaterThan(4);
      await expect(amina.getByTestId('canvas.more-tools')).toBeInViewport(); // "Fewer tools", the way back
      // With a note selected, tldraw's styles show; they never cover my table's question.
      await amina.touchscreen.tap(own.x, own.y);
      await amina.keyboard.press('Escape');
      await amina.getByTestId('world-cafe.seat.show').tap();
      await amina.waitForTimeout(500);
      const question = await amina.evaluate((t) => {
        const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
        const shape = editor
          .getCurrentPageShapes()
          .find((s) => s.meta.talkoot?.part === 'question' && s.meta.talkoot.table === t)!;
        const b = editor.getShapePageBounds(shape.id)!;
        const a = editor.pageToScreen({ x: b.x, y: b.y });
        const z = editor.getCamera().z;
        return { x: a.x, y: a.y, w: b.w * z, h: b.h * z };
      }, table);
      await amina.screenshot({ path: test.info().outputPath(`more-tools-${lang}.png`) });
      for (const panel of await amina.locator('.tlui-style-panel, .tlui-popover__content').all()) {
        const r = await panel.boundingBox();
        if (r)
          expect(overlap({ x: r.x, y: r.y, w: r.width, h: r.height }, question), 'styles cover the question').toBe(
            false,
          );
      }
    });
  });
}
