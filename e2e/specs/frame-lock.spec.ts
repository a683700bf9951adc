import type { Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, IPAD, joinByLink, noteTexts, test } from '../fixtures/talkoot.ts';

test.use({ viewport: { width: 1366, height: 768 } });

type FrameEditor = {
  createShape(shape: { id?: string; type: string; x: number; y: number; parentId?: string; props: unknown }): void;
  select(...ids: string[]): void;
  zoomToFit(): void;
};

/** The facilitator draws a frame with one note in it, and locks the frame. */
async function lockFrameWithNote(page: Page, text: string): Promise<void> {
  await page.evaluate((noteText) => {
    const editor = (window as unknown as { __talkootEditor: FrameEditor }).__talkootEditor;
    editor.createShape({ id: 'shape:needs', type: 'frame', x: 0, y: 0, props: { w: 500, h: 400, name: 'Needs' } });
    editor.createShape({
      id: 'shape:need-1',
      type: 'note',
      x: 40,
      y: 60,
      parentId: 'shape:needs',
      props: {
        richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: noteText }] }] },
      },
    });
    editor.zoomToFit();
    editor.select('shape:needs');
  }, text);
  await page.getByTestId('facilitator.frame-lock').click();
}

test.describe('a locked frame', () => {
  test('shows a padlock to everyone, and a refused edit on an iPad says why', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'Frame lock', 'Sanna');
    const tablet = await newPerson(IPAD);
    await joinByLink(tablet, link, 'Amina');
    await lockFrameWithNote(page, 'Childcare');
    await expect.poll(() => noteTexts(tablet)).toEqual(['Childcare']);

    await expect(page.getByTestId('board.frame-lock')).toHaveCount(1);
    await tablet.evaluate(() => {
      (window as unknown as { __talkootEditor: FrameEditor }).__talkootEditor.zoomToFit();
    });
    const padlock = tablet.getByTestId('board.frame-lock');
    await expect(padlock).toBeVisible();
    await expect(padlock).toHaveAttribute('aria-label', 'Locked by the facilitator');

    // She tries to delete the note in the locked frame: it stays, and she is told why.
    await tablet.evaluate(() => {
      (window as unknown as { __talkootEditor: FrameEditor }).__talkootEditor.select('shape:need-1');
    });
    await tablet.keyboard.press('Delete');
    await expect(tablet.getByTestId('board.frame-locked-notice')).toContainText('locked by the facilitator');
    expect(await noteTexts(tablet)).toEqual(['Childcare']);
    expect(await noteTexts(page)).toEqual(['Childcare']);

    // Unlocked, the padlock goes for everyone.
    await page.evaluate(() => {
      (window as unknown as { __talkootEditor: FrameEditor }).__talkootEditor.select('shape:needs');
    });
    await page.getByTestId('facilitator.frame-lock').click();
    await expect(tablet.getByTestId('board.frame-lock')).toHaveCount(0);
    await expect(page.getByTestId('board.frame-lock')).toHaveCount(0);
  });

  test('says why in Arabic', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'لوحة', 'Sanna');
    const tablet = await newPerson(IPAD);
    await joinByLink(tablet, `${link}?lang=ar`, 'أمينة');
    await lockFrameWithNote(page, 'رعاية الأطفال');
    await expect.poll(() => noteTexts(tablet)).toEqual(['رعاية الأطفال']);
    await tablet.evaluate(() => {
      (window as unknown as { __talkootEditor: FrameEditor }).__talkootEditor.zoomToFit();
    });
    await expect(tablet.getByTestId('board.frame-lock')).toHaveAttribute('aria-label', 'مقفل من قبل الميسّر');
    await tablet.evaluate(() => {
      (window as unknown as { __talkootEditor: FrameEditor }).__talkootEditor.select('shape:need-1');
    });
    await tablet.keyboard.press('Delete');
    await expect(tablet.getByTestId('board.frame-locked-notice')).toContainText('قفل الميسّر هذه المنطقة');
    expect(await noteTexts(page)).toEqual(['رعاية الأطفال']);
    await tablet.screenshot({ path: test.info().outputPath('frame-lock-ar.png') });
  });
});
