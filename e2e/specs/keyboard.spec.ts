import type { Locator, Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, joinByLink, test } from '../fixtures/talkoot.ts';

/**
 * Popovers, dialogs and side panels, by keyboard alone: Enter opens them, focus goes inside,
 * a modal dialog keeps focus in itself, Escape closes (only the innermost layer), and focus
 * comes back to the control that opened it rather than falling to the top of the page.
 */

/** Where focus is, relative to `container`: inside it, on the browser's own UI, or elsewhere on the page. */
function focusRelativeTo(container: Locator): Promise<string> {
  return container.evaluate((element) => {
    const active = document.activeElement;
    // Tabbing past a modal dialog's last control goes to the browser's own UI (address bar).
    if (!active || active === document.body) return 'browser';
    if (element.contains(active)) return 'inside';
    return `outside: ${active.tagName.toLowerCase()}[${active.getAttribute('data-testid') ?? ''}] "${(active.textContent ?? '').trim().slice(0, 30)}"`;
  });
}

/** Opens `opener` with the keyboard and returns the modal dialog it opened, with focus inside. */
async function openWithKeyboard(page: Page, opener: Locator): Promise<Locator> {
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator('dialog[open]');
  await expect(dialog).toHaveCount(1);
  await expect.poll(() => focusRelativeTo(dialog)).toBe('inside');
  return dialog;
}

/** Tabs forwards through the dialog and past its end, then backwards: focus never reaches the page behind it. */
async function expectFocusTrapped(page: Page, dialog: Locator): Promise<void> {
  const stops = await dialog.evaluate(
    (element) =>
      element.querySelectorAll('button:not(:disabled), a[href], input:not(:disabled), select, textarea, summary')
        .length,
  );
  for (const key of ['Tab', 'Shift+Tab']) {
    const visited: string[] = [];
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press(key);
      visited.push(await focusRelativeTo(dialog));
    }
    expect(
      visited.filter((where) => where.startsWith('outside')),
      `${key} left the dialog`,
    ).toEqual([]);
    expect(visited).toContain('inside');
  }
}

/** Escape closes the open modal dialog and gives focus back to `opener`. */
async function expectEscapeCloses(page: Page, dialog: Locator, opener: Locator): Promise<void> {
  // Focus on a control inside, as after using the dialog (Tab may have left it on the browser's UI).
  await dialog.locator('button:not(:disabled)').last().focus();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
}

test.describe('keyboard: Escape closes, focus returns', () => {
  test("the facilitator's dialogs trap focus and give it back", async ({ page, newPerson }) => {
    test.slow();
    const link = await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');

    for (const testId of [
      'board.invite',
      'board.outline-open',
      'facilitator.settings.open',
      'facilitator.agenda.open',
      'templates.insert.open',
      'export.open',
      'facilitator.people.open',
    ]) {
      await test.step(testId, async () => {
        const opener = page.getByTestId(testId);
        const dialog = await openWithKeyboard(page, opener);
        await expectFocusTrapped(page, dialog);
        await expectEscapeCloses(page, dialog, opener);
      });
    }

    await test.step('questions inside a dialog close first', async () => {
      const opener = page.getByTestId('facilitator.people.open');
      const dialog = await openWithKeyboard(page, opener);
      const row = dialog.getByTestId('facilitator.people.row').filter({ hasText: 'Amina' });
      await row.getByTestId('facilitator.people.remove').click();
      await expect(dialog.getByTestId('facilitator.people.remove-confirm')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(dialog.getByTestId('facilitator.people.confirm')).toHaveCount(0);
      await expect(dialog).toBeVisible();
      await expect(row.getByTestId('facilitator.people.remove')).toBeFocused();

      await row.getByTestId('facilitator.people.rename').click();
      await expect(dialog.getByTestId('facilitator.people.rename-input')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(dialog.getByTestId('facilitator.people.rename-input')).toHaveCount(0);
      await expect(row.getByTestId('facilitator.people.rename')).toBeFocused();

      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(opener).toBeFocused();

      const settings = page.getByTestId('facilitator.settings.open');
      const settingsDialog = await openWithKeyboard(page, settings);
      await settingsDialog.getByTestId('facilitator.settings.delete').click();
      await expect(settingsDialog.getByTestId('facilitator.settings.delete-confirm')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(settingsDialog.getByTestId('facilitator.settings.confirm')).toHaveCount(0);
      await expect(settingsDialog.getByTestId('facilitator.settings.delete')).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(settingsDialog).toHaveCount(0);
      await expect(settings).toBeFocused();
    });
  });

  test("a participant's people list, sending a note on and voting from a list", async ({ page, newPerson }) => {
    test.slow();
    const link = await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');

    await test.step('the people popover', async () => {
      const opener = amina.getByTestId('session.people.open');
      const popover = amina.getByTestId('session.people.popover');
      await opener.focus();
      await amina.keyboard.press('Enter');
      await expect(popover).toBeVisible();
      await expect(opener).toHaveAttribute('aria-expanded', 'true');
      // Escape on the button itself.
      await amina.keyboard.press('Escape');
      await expect(popover).toBeHidden();
      await expect(opener).toHaveAttribute('aria-expanded', 'false');
      await expect(opener).toBeFocused();
      // Escape from inside the list.
      await amina.keyboard.press('Enter');
      await amina.keyboard.press('Tab');
      await expect(popover.getByTestId('session.people.follow').filter({ hasText: 'Sanna' })).toBeFocused();
      await amina.keyboard.press('Escape');
      await expect(popover).toBeHidden();
      await expect(opener).toBeFocused();
      // Following someone from the list closes it and leaves focus on its button.
      await amina.keyboard.press('Enter');
      await amina.keyboard.press('Tab');
      await amina.keyboard.press('Enter');
      await expect(amina.getByTestId('session.following')).toBeVisible();
      await expect(popover).toBeHidden();
      await expect(opener).toBeFocused();
      await amina.getByTestId('session.stop-following').click();
      // A tap elsewhere closes it too.
      await opener.click();
      await expect(popover).toBeVisible();
      await amina.getByTestId('board.title').click();
      await expect(popover).toBeHidden();
    });

    await test.step('sending a note to a prioritisation', async () => {
      await amina.evaluate(() => {
        type E = { createShape(shape: object): void; select(id: string): void };
        const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
        editor.createShape({
          id: 'shape:keyboard-note',
          type: 'note',
          x: 0,
          y: 0,
          props: {
            richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tea' }] }] },
          },
        });
        editor.select('shape:keyboard-note');
      });
      const opener = amina.getByTestId('promote.open');
      const dialog = await openWithKeyboard(amina, opener);
      await expectFocusTrapped(amina, dialog);
      await expectEscapeCloses(amina, dialog, opener);
    });

    await test.step('voting from a list', async () => {
      await page.getByTestId('facilitator.voting.open').click();
      const opener = amina.getByTestId('voting.list-open');
      const dialog = await openWithKeyboard(amina, opener);
      await expectFocusTrapped(amina, dialog);
      await expectEscapeCloses(amina, dialog, opener);
    });
  });

  test('side panels give focus back to their button when closed', async ({ page }) => {
    await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');

    const planToggle = page.getByTestId('action-plan.toggle');
    await planToggle.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('action-plan.close').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('action-plan.panel')).toHaveCount(0);
    await expect(planToggle).toBeFocused();

    await page.getByTestId('facilitator.voting.open').click();
    await page.getByTestId('facilitator.voting.reveal').click();
    await expect(page.getByTestId('voting.ranking')).toBeVisible();
    await page.getByTestId('voting.ranking-close').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('voting.ranking')).toHaveCount(0);
    await expect(page.getByTestId('voting.ranking-toggle')).toBeFocused();
  });
});
