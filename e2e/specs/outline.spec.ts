import type { Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, expectOnline, joinByLink, noteTexts, test } from '../fixtures/talkoot.ts';

type Editor = {
  createShape(shape: object): void;
  getShape(id: string): { parentId: string } | undefined;
  getCurrentPageShapes(): { id: string; type: string; parentId: string; props: { richText?: unknown } }[];
};

const richText = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** Creates the frame "Ideas" with one note in it; returns both ids. */
function createFrameWithNote(page: Page, text: string): Promise<{ frameId: string; noteId: string }> {
  return page.evaluate((richText) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    const frameId = 'shape:outline-frame';
    const noteId = 'shape:outline-note';
    editor.createShape({ id: frameId, type: 'frame', x: 0, y: 0, props: { w: 700, h: 500, name: 'Ideas' } });
    editor.createShape({ id: noteId, type: 'note', parentId: frameId, x: 20, y: 20, props: { richText } });
    return { frameId, noteId };
  }, richText(text));
}

/** Ids of the frames that hold a note whose plain text is `text`. */
function parentsOfNote(page: Page, text: string): Promise<string[]> {
  return page.evaluate((text) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'note' && JSON.stringify(shape.props.richText).includes(JSON.stringify(text)))
      .map((shape) => shape.parentId);
  }, text);
}

test.describe('board outline', () => {
  test('reads, edits and adds notes without the canvas, and follows the lock', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');
    const { frameId, noteId } = await createFrameWithNote(page, 'Sauna on Fridays');

    // Opened with the keyboard; focus moves into the panel.
    const opener = amina.getByTestId('board.outline-open');
    await opener.focus();
    await amina.keyboard.press('Enter');
    const panel = amina.getByTestId('outline.panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('heading', { level: 2 })).toBeVisible();
    expect(await panel.evaluate((element) => element.contains(document.activeElement))).toBe(true);

    const frame = panel.locator(`[data-testid="outline.frame"][data-frame-id="${frameId}"]`);
    await expect(frame.getByRole('heading', { level: 3 })).toHaveText('Ideas');
    const note = frame.locator(`[data-testid="outline.note"][data-shape-id="${noteId}"]`);
    await expect(note).toContainText('Sauna on Fridays');

    // Edit by keyboard: Enter on "Edit", type, Ctrl+Enter saves.
    await note.getByTestId('outline.note-edit').focus();
    await amina.keyboard.press('Enter');
    const input = note.getByTestId('outline.note-input');
    await expect(input).toBeFocused();
    await expect(input).toHaveValue('Sauna on Fridays');
    await input.fill('Sauna on Saturdays');
    await note.getByTestId('outline.note-save').click();
    await expect(panel.locator('[aria-live="polite"]')).not.toHaveText('');
    await expect(note).toContainText('Sauna on Saturdays');
    await expect.poll(() => noteTexts(page)).toEqual(['Sauna on Saturdays']);

    // Add a note to the frame; it lands inside the frame for everyone.
    await frame.getByTestId('outline.add-note').click();
    await frame.getByTestId('outline.note-input').fill('Tea together');
    await amina.keyboard.press('Control+Enter');
    await expect(frame.getByTestId('outline.note')).toHaveCount(2);
    await expect.poll(async () => (await noteTexts(page)).sort()).toEqual(['Sauna on Saturdays', 'Tea together']);
    await expect.poll(() => parentsOfNote(page, 'Tea together')).toEqual([frameId]);

    // Live: the facilitator's change shows up in the open panel.
    await page.evaluate((richText) => {
      const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
      editor.createShape({ type: 'note', x: 3000, y: 3000, props: { richText } });
    }, richText('Parking lot'));
    await expect(panel.getByTestId('outline.frame').last()).toContainText('Parking lot');

    // Escape closes and focus goes back to the button.
    await amina.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(opener).toBeFocused();

    // Notes carry the pseudonym of whoever wrote them, as tldraw signs them on the canvas; a
    // note nobody typed (here made by code) names nobody.
    await page.getByTestId('board.outline-open').click();
    const facilitatorPanel = page.getByTestId('outline.panel');
    const byText = (text: string) => facilitatorPanel.getByTestId('outline.note').filter({ hasText: text });
    await expect(byText('Tea together').getByTestId('outline.note-author')).toHaveText('By Amina');
    await expect(byText('Sauna on Saturdays').getByTestId('outline.note-author')).toHaveText('By Amina');
    await expect(byText('Parking lot')).toBeVisible();
    await expect(byText('Parking lot').getByTestId('outline.note-author')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(facilitatorPanel).toBeHidden();

    // A locked board can be read but not changed.
    await page.getByTestId('facilitator.lock').click();
    await expect(amina.getByTestId('session.locked-notice')).toBeVisible();
    await opener.click();
    await expect(note).toContainText('Sauna on Saturdays');
    await expect(panel.getByTestId('outline.note-edit')).toHaveCount(0);
    await expect(panel.getByTestId('outline.add-note')).toHaveCount(0);
  });

  test('lays out as a panel with touch-sized targets in right-to-left languages', async ({ page }) => {
    await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');
    await page.goto(`${new URL(page.url()).pathname}?lang=ar`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectOnline(page);
    await createFrameWithNote(page, 'ساونا');
    await page.getByTestId('board.outline-open').click();
    const panel = page.getByTestId('outline.panel');
    await expect(panel.getByTestId('outline.note')).toContainText('ساونا');
    // Docked at the inline end: the left edge in Arabic.
    expect((await panel.boundingBox())!.x).toBeLessThan(1);
    for (const button of await panel.getByRole('button').all()) {
      const box = (await button.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    }
  });
});
