import type { Page } from '@playwright/test';
import { layoutProblems, setTextSize } from '../fixtures/layout.ts';
import { createBoardAsFacilitator, expect, expectOnline, IPAD, joinByLink, test } from '../fixtures/talkoot.ts';

/**
 * WCAG 1.4.4 (resize text) and 1.4.10 (reflow): with text at 200 %, as a browser's text-size
 * setting makes it, nothing of Talkoot's own UI may be cut off, overlap or push the page
 * sideways — on a laptop and on a tablet held upright, left to right and right to left.
 */
const VIEWPORTS = [
  { name: 'laptop', viewport: { width: 1280, height: 800 } },
  { name: 'tablet', viewport: IPAD.viewport! },
] as const;

const LANGUAGES = [
  { code: 'en', dir: 'ltr' },
  { code: 'ar', dir: 'rtl' },
] as const;

/** Reopens the current page in `lang` and waits until it has switched. */
async function reopenIn(page: Page, lang: string, dir: string): Promise<void> {
  await page.goto(`${new URL(page.url()).pathname}?lang=${lang}`);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

async function expectNoLayoutProblems(page: Page, areas: string[], where: string, scrollers: string[] = []) {
  await setTextSize(page, 200);
  // The text really grew: a button's text is twice the browser's default size and more.
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(32);
  expect(await layoutProblems(page, { areas, scrollers }), `layout at 200 % text: ${where}`).toEqual([]);
}

for (const { name, viewport } of VIEWPORTS) {
  for (const { code: lang, dir } of LANGUAGES) {
    test.describe(`text at 200 % on a ${name} (${lang})`, () => {
      test.use({ viewport });

      test('the join page', async ({ page }) => {
        await page.goto(`/join/ABC234?lang=${lang}`);
        await expect(page.locator('html')).toHaveAttribute('dir', dir);
        await expect(page.getByTestId('join.submit')).toBeVisible();
        // With the privacy notice open, as someone reading it has it.
        await page.getByTestId('join.privacy').locator('summary').click();
        await expectNoLayoutProblems(page, ['.page'], `join page, ${name}, ${lang}`);
      });

      test('the board header, the session bar and the action plan', async ({ page, newPerson }) => {
        test.slow();
        const link = await createBoardAsFacilitator(page, 'Café', 'Sanna');
        await reopenIn(page, lang, dir);
        await expectOnline(page);
        await page.getByTestId('facilitator.agenda.open').click();
        await page.getByTestId('facilitator.agenda.title').last().fill('Silent writing');
        await page.getByTestId('facilitator.agenda.instructions').last().fill('Write one idea per note.');
        await page.getByTestId('facilitator.agenda.save').click();
        await page.getByTestId('facilitator.agenda.next').click();
        await expect(page.getByTestId('session.step-title')).toHaveText('Silent writing');
        await page.getByTestId('action-plan.toggle').click();
        await page.getByTestId('action-plan.add').click();
        await expect(page.getByTestId('action-plan.row')).toHaveCount(1);
        await expectNoLayoutProblems(
          page,
          [
            '.board-header',
            '[data-testid="session.bar"]',
            '[data-testid="facilitator.drawer"]',
            '[data-testid="action-plan.panel"]',
          ],
          `facilitator's board, ${name}, ${lang}`,
        );

        const amina = await newPerson({ viewport });
        await joinByLink(amina, link, 'Amina');
        await reopenIn(amina, lang, dir);
        await expectOnline(amina);
        await expect(amina.getByTestId('session.step-title')).toHaveText('Silent writing');
        await expectNoLayoutProblems(
          amina,
          ['.board-header', '[data-testid="session.bar"]'],
          `participant's board, ${name}, ${lang}`,
        );
      });
    });
  }
}
