import type { Page } from '@playwright/test';
import {
  createBoardAsFacilitator,
  expect,
  expectOnline,
  IPAD,
  joinByLink,
  noteTexts,
  test,
  waitForTextEditing,
} from '../fixtures/talkoot.ts';

test.use({ viewport: { width: 1366, height: 768 } });

const draftTexts = async (page: Page): Promise<string[]> =>
  (await page.getByTestId('board.draft-text').allInnerTexts()).sort();

/** Starts a note with a finger and types `text` into it, leaving the note in editing. */
async function startTypingNote(tablet: Page, text: string): Promise<void> {
  await tablet.getByTestId('tools.note').tap();
  const box = (await tablet.locator('.tl-canvas').boundingBox())!;
  await tablet.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 3);
  await waitForTextEditing(tablet);
  await tablet.keyboard.type(text);
}

test.describe('the board locked while a participant is typing', () => {
  test('keeps her text as a draft, tells her why, and lets her add it when the lock ends (iPad)', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Lock while typing', 'Sanna');
    const tablet = await newPerson(IPAD);
    await joinByLink(tablet, link, 'Amina');
    await startTypingNote(tablet, 'Evening classes near home');

    // Locked while she is still in the note.
    await page.getByTestId('facilitator.lock').click();
    await expect(tablet.getByTestId('session.locked-notice')).toBeVisible();
    const drafts = tablet.getByTestId('board.drafts');
    await expect(drafts.getByTestId('board.drafts.reason')).toContainText('locked the board while you were typing');
    await expect(drafts.getByTestId('board.drafts.reason')).toContainText('Your text is kept below');
    await expect.poll(() => draftTexts(tablet)).toEqual(['Evening classes near home']);
    // Nothing can be added while locked; the text survives a reload.
    await expect(drafts.getByTestId('board.draft-add')).toHaveCount(0);
    await tablet.reload();
    await expectOnline(tablet);
    await expect.poll(() => draftTexts(tablet)).toEqual(['Evening classes near home']);

    // Unlocked: every keystroke had reached the board, so the note holds her text and the draft
    // goes instead of making a second note.
    await page.getByTestId('facilitator.lock').click();
    await expect(tablet.getByTestId('session.locked-notice')).toBeHidden();
    await expect(drafts).toHaveAttribute('data-active', 'false');
    expect(await noteTexts(page)).toEqual(['Evening classes near home']);
  });

  test('tells her in Arabic', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'لوحة', 'Sanna');
    const tablet = await newPerson(IPAD);
    await joinByLink(tablet, `${link}?lang=ar`, 'أمينة');
    await expect(tablet.locator('html')).toHaveAttribute('dir', 'rtl');
    await startTypingNote(tablet, 'دروس مسائية');

    await page.getByTestId('facilitator.lock').click();
    const drafts = tablet.getByTestId('board.drafts');
    await expect(drafts.getByTestId('board.drafts.reason')).toContainText('قفل الميسّر اللوحة أثناء كتابتك');
    await expect.poll(() => draftTexts(tablet)).toEqual(['دروس مسائية']);
    await tablet.screenshot({ path: test.info().outputPath('lock-while-typing-ar.png') });
  });

  test('keeps nothing when nobody was typing', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'Lock idle', 'Sanna');
    const tablet = await newPerson(IPAD);
    await joinByLink(tablet, link, 'Amina');
    await startTypingNote(tablet, 'Bus tickets');
    await tablet.keyboard.press('Escape');
    await expect.poll(() => noteTexts(page)).toEqual(['Bus tickets']);

    await page.getByTestId('facilitator.lock').click();
    await expect(tablet.getByTestId('session.locked-notice')).toBeVisible();
    await expect(tablet.getByTestId('board.drafts')).toHaveAttribute('data-active', 'false');
  });
});
