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

/** tldraw's rich text for one paragraph, as `toRichText` makes it. */
const richText = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

type NoteEditor = {
  getCurrentPageShapes(): { id: string; type: string }[];
  updateInstanceState(state: { isReadonly: boolean }): void;
  updateShape(shape: { id: string; type: string; props: unknown }): void;
  createShape(shape: { type: string; x: number; y: number; props: unknown }): void;
  run(fn: () => void): void;
};

/**
 * What a participant's client sends when the lock reaches it only after the person changed
 * something: one update that edits her note and adds another. The canvas is made writable again
 * first, as it was before the lock arrived; the server alone decides.
 */
function editAsIfTheLockHadNotArrived(page: Page, edited: string, added: string): Promise<void> {
  return page.evaluate(
    ({ editedText, addedText }) => {
      const editor = (window as unknown as { __talkootEditor: NoteEditor }).__talkootEditor;
      const note = editor.getCurrentPageShapes().find((shape) => shape.type === 'note')!;
      editor.updateInstanceState({ isReadonly: false });
      editor.run(() => {
        editor.updateShape({ id: note.id, type: 'note', props: { richText: editedText } });
        editor.createShape({ type: 'note', x: 600, y: 200, props: { richText: addedText } });
      });
    },
    { editedText: richText(edited), addedText: richText(added) },
  );
}

/** The texts of the "Not saved" drafts, sorted. */
const draftTexts = async (page: Page): Promise<string[]> =>
  (await page.getByTestId('board.draft-text').allInnerTexts()).sort();

test.describe('an edit the server refuses', () => {
  test('reloads the board, keeps the text as a draft across a reload, and lets it be added again', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Locked board', 'Sanna');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');

    // Amina writes a note while the board is open: it is saved.
    const canvas = (await amina.locator('.tl-canvas').boundingBox())!;
    await amina.keyboard.press('n');
    await amina.mouse.click(canvas.x + 300, canvas.y + 250);
    await waitForTextEditing(amina);
    await amina.keyboard.type('Evening classes');
    await amina.keyboard.press('Escape');
    await expect.poll(() => noteTexts(page)).toEqual(['Evening classes']);

    // The facilitator locks the board; Amina's client then sends an edit anyway.
    await page.getByTestId('facilitator.lock').click();
    await expect(amina.getByTestId('session.locked-notice')).toBeVisible();
    await editAsIfTheLockHadNotArrived(amina, 'Evening classes near home', 'Childcare during courses');

    // The server refused it (4409): Amina's board is reloaded as the server has it, and what she
    // wrote is kept as drafts with the reason.
    const drafts = amina.getByTestId('board.drafts');
    await expect(drafts.getByTestId('board.drafts.reason')).toContainText('could not be saved');
    await expect.poll(() => draftTexts(amina)).toEqual(['Childcare during courses', 'Evening classes near home']);
    await expectOnline(amina);
    await expect.poll(() => noteTexts(amina)).toEqual(['Evening classes']);
    expect(await noteTexts(page)).toEqual(['Evening classes']);
    // Still locked, so nothing can be added yet; copying works.
    await expect(drafts.getByTestId('board.draft-add')).toHaveCount(0);
    await expect(drafts.getByTestId('board.draft-copy')).toHaveCount(2);

    // Drafts outlive a reload.
    await amina.reload();
    await expectOnline(amina);
    await expect.poll(() => draftTexts(amina)).toEqual(['Childcare during courses', 'Evening classes near home']);

    // Unlocked, one draft becomes a new note for everyone, the other is dismissed.
    await page.getByTestId('facilitator.lock').click();
    await expect(amina.getByTestId('session.locked-notice')).toBeHidden();
    await drafts.getByTestId('board.draft').filter({ hasText: 'Childcare' }).getByTestId('board.draft-add').click();
    await expect
      .poll(async () => (await noteTexts(page)).sort())
      .toEqual(['Childcare during courses', 'Evening classes']);
    await drafts.getByTestId('board.draft-dismiss').click();
    await expect(drafts).toHaveAttribute('data-active', 'false');

    // The board stays usable after the reset: a new note typed on the canvas reaches the facilitator.
    const fresh = (await amina.locator('.tl-canvas').boundingBox())!;
    await amina.getByTestId('tools.note').click();
    await amina.mouse.click(fresh.x + 300, fresh.y + fresh.height - 150);
    await waitForTextEditing(amina);
    await amina.keyboard.type('Bus tickets');
    await amina.keyboard.press('Escape');
    await expect
      .poll(async () => (await noteTexts(page)).sort())
      .toEqual(['Bus tickets', 'Childcare during courses', 'Evening classes']);
  });
});

test.describe('the "Not saved" panel', () => {
  test("speaks the person's language, mirrors right to left and has touch-sized buttons", async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'لوحة', 'Sanna');
    const amina = await newPerson();
    await joinByLink(amina, `${link}?lang=ar`, 'أمينة');
    await expect(amina.locator('html')).toHaveAttribute('dir', 'rtl');
    await amina.evaluate((text) => {
      const editor = (window as unknown as { __talkootEditor: NoteEditor }).__talkootEditor;
      editor.createShape({ type: 'note', x: 100, y: 100, props: { richText: text } });
    }, richText('دروس مسائية'));
    await expect.poll(() => noteTexts(page)).toEqual(['دروس مسائية']);

    await page.getByTestId('facilitator.lock').click();
    await expect(amina.getByTestId('session.locked-notice')).toBeVisible();
    await editAsIfTheLockHadNotArrived(amina, 'دروس مسائية قريبة', 'رعاية الأطفال');

    const drafts = amina.getByTestId('board.drafts');
    await expect.poll(() => draftTexts(amina)).toEqual(['دروس مسائية قريبة', 'رعاية الأطفال'].sort());
    await expect(drafts.getByTestId('board.drafts.reason')).toContainText('تعذّر حفظ');
    // The accent border is on the inline start, which is the right in Arabic.
    expect(await drafts.evaluate((element) => getComputedStyle(element).borderRightWidth)).toBe('4px');
    for (const button of await drafts.getByRole('button').all()) {
      const box = (await button.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
    }
  });
});
