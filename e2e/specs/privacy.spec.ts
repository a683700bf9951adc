import type { Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, expectOnline, joinByLink, test } from '../fixtures/talkoot.ts';

const isReadonly = (page: Page): Promise<boolean> =>
  page.evaluate(() =>
    (window as unknown as { __talkootEditor: { getIsReadonly(): boolean } }).__talkootEditor.getIsReadonly(),
  );

test.describe('privacy and a genuine choice to take part', () => {
  test('the join page explains the data use, and "only watch" joins read-only', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'Belonging circle', 'Maia');

    const watcher = await newPerson();
    await watcher.goto(link);
    const privacy = watcher.getByTestId('join.privacy');
    await expect(privacy).toBeVisible();
    await privacy.locator('summary').click();
    await expect(privacy).toContainText('IP address');
    await expect(privacy).toContainText('A nickname is enough');

    await watcher.getByTestId('join.name-input').fill('Leyla');
    const observer = watcher.getByRole('checkbox', { name: /Only watch/ });
    await expect(observer).not.toBeChecked();
    await observer.check();
    await expect(watcher.getByTestId('join.observer')).toBeChecked();
    await watcher.getByTestId('join.submit').click();
    await expectOnline(watcher);

    expect(await isReadonly(watcher)).toBe(true);
    const role = await watcher.evaluate(async () => {
      const session = Object.entries(localStorage).find(([key]) => key.startsWith('talkoot.session.'));
      return session ? (JSON.parse(session[1]) as { role: string }).role : null;
    });
    expect(role).toBe('observer');
    // Nothing for facilitators reaches an observer.
    await expect(watcher.getByTestId('facilitator.settings.open')).toHaveCount(0);

    // Without the choice, people join as participants and can write.
    const writer = await newPerson();
    await joinByLink(writer, link, 'Amal');
    expect(await isReadonly(writer)).toBe(false);
  });

  test('the notice and the choice work right-to-left with big enough targets', async ({ page }) => {
    await page.goto('/join?lang=ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const summary = page.getByTestId('join.privacy').locator('summary');
    await expect(summary).toHaveText('كيف تُستخدم بياناتك');
    const observerLabel = page.locator('label', { has: page.getByTestId('join.observer') });
    for (const target of [summary, observerLabel]) {
      const box = await target.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
    // Keyboard: the toggle is reachable and Space ticks it.
    await page.getByTestId('join.name-input').focus();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('join.observer')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('join.observer')).toBeChecked();
  });

  test('a facilitator shortens the retention period and sees the new deletion date', async ({ page }) => {
    await createBoardAsFacilitator(page, 'Retention board', 'Magdalena');
    await page.getByTestId('facilitator.settings.open').click();
    const expires = page.getByTestId('facilitator.settings.expires');
    await expect(expires).toBeVisible();
    const before = await expires.innerText();

    await page.getByTestId('facilitator.settings.retention').selectOption('7');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/boards/')),
      page.getByTestId('facilitator.settings.save').click(),
    ]);
    const body = (await response.json()) as { retentionDays: number; expiresAt: string };
    expect(body.retentionDays).toBe(7);
    const inSevenDays = Date.parse(body.expiresAt) - Date.now();
    expect(Math.abs(inSevenDays - 7 * 24 * 3600_000)).toBeLessThan(3600_000);

    const expected = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(body.expiresAt));
    await expect(expires).toContainText(expected);
    expect(await expires.innerText()).not.toBe(before);

    // The new period is what the server keeps.
    await page.keyboard.press('Escape');
    await page.reload();
    await expectOnline(page);
    await page.getByTestId('facilitator.settings.open').click();
    await expect(page.getByTestId('facilitator.settings.expires')).toContainText(expected);
    await expect(page.getByTestId('facilitator.settings.retention')).toHaveValue('7');
  });

  test('deleting the board takes the facilitator home and closes it for everyone', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'Board to delete', 'Maia');
    const boardUrl = page.url();
    const participant = await newPerson();
    await joinByLink(participant, link, 'Hodan');

    await page.getByTestId('facilitator.settings.open').click();
    await page.getByTestId('facilitator.settings.delete').click();
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText('It cannot be undone');
    // The confirm button gets focus, so a stray Enter is a deliberate one.
    await expect(page.getByTestId('facilitator.settings.delete-confirm')).toBeFocused();
    await page.getByTestId('facilitator.settings.delete-confirm').click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('home.title-input')).toBeVisible();
    await expect(participant.getByTestId('board.fatal-error')).toContainText('This board does not exist.');

    // Coming back to the old address does not bring the board back.
    await page.goto(boardUrl);
    await expect(page.getByTestId('board.fatal-error')).toBeVisible();
  });
});
