import type { Page } from '@playwright/test';
import { expect, expectOnline, IPAD, joinByLink, test } from '../fixtures/talkoot.ts';

type Editor = {
  getShapePageBounds(id: string): { x: number; y: number; w: number; h: number } | undefined;
  zoomToBounds(bounds: object, options?: object): void;
};

/** Zooms to a frame and returns the on-screen boxes of the given shapes, as the browser drew them. */
async function drawnBoxes(page: Page, frameId: string, ids: string[]) {
  await page.evaluate((frameId) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    editor.zoomToBounds(editor.getShapePageBounds(frameId)!, { inset: 16 });
  }, frameId);
  await page.waitForTimeout(400);
  return page.evaluate((ids) => {
    return ids.map((id) => {
      const shape = document.querySelector(`.tl-shape[data-shape-id="${id}"]`);
      // A text shape's box is the height tldraw measured for its wrapped text; an area's is its own.
      const text = shape?.querySelector('.tl-rich-text, .tl-text-content') ?? shape;
      const r = (shape?.getAttribute('data-shape-type') === 'text' ? text : shape)?.getBoundingClientRect();
      return r ? { id, top: r.top, bottom: r.bottom, left: r.left, right: r.right } : { id, top: NaN, bottom: NaN };
    });
  }, ids);
}

for (const lang of ['en', 'ar'] as const) {
  test(`a long table question never covers the text under it (${lang}, laptop facilitator and iPad participant)`, async ({
    page,
    newPerson,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/?lang=${lang}`);
    await page.getByTestId('home.title-input').fill('Café');
    await page.getByTestId('home.template.world-cafe').check();
    await page.getByTestId('home.template.param.tables').fill('4');
    await page.getByTestId('home.template.param.rounds').fill('1');
    await page.getByTestId('home.name-input').fill('Sanna');
    await page.getByTestId('home.create').click();
    await expectOnline(page);
    await page.getByTestId('board.invite').click();
    const link = (await page.getByTestId('board.invite-link').innerText()).trim();
    await page.keyboard.press('Escape');
    const tablet = await newPerson(IPAD);
    await joinByLink(tablet, `${link}?lang=${lang}`, 'Amina');

    const ids = ['question', 'host', 'round-1'].map((part) => `shape:world-cafe.table-3.${part}`);
    // The facilitator sees the question with its hint after it, the longest text.
    for (const [who, p] of [
      ['facilitator', page],
      ['participant', tablet],
    ] as const) {
      const [question, host, area] = await drawnBoxes(p, 'shape:world-cafe.table-3', ids);
      expect(question!.bottom - question!.top, `${who}: the question is drawn`).toBeGreaterThan(10);
      expect(question!.bottom, `${who}: question above the host line`).toBeLessThanOrEqual(host!.top);
      expect(host!.bottom, `${who}: host line above the round's area`).toBeLessThanOrEqual(area!.top);
      await p.screenshot({ path: test.info().outputPath(`table-3-${who}-${lang}.png`) });
    }
  });
}
