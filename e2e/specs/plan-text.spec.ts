import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, joinByLink, test } from '../fixtures/talkoot.ts';

// Issue 14: two facilitators typing in one action-plan cell on their laptops.
const LAPTOP = { width: 1366, height: 768 };
test.use({ viewport: LAPTOP });

/** Calls the board's HTTP API with the page's own session token. */
async function api(page: Page, path: string): Promise<{ status: number; body: string }> {
  return page.evaluate(async (path) => {
    const boardId = location.pathname.split('/').pop()!;
    const { token } = JSON.parse(localStorage.getItem(`talkoot.session.${boardId}`)!) as { token: string };
    const response = await fetch(`/api/boards/${boardId}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.text() };
  }, path);
}

/** Puts the caret of a cell at `at` (the cell gets focus). */
async function caretAt(page: Page, testId: string, at: number): Promise<void> {
  const cell = page.getByTestId(testId).first();
  await cell.click();
  await cell.evaluate((element: HTMLTextAreaElement, at) => element.setSelectionRange(at, at), at);
}

const caretOf = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .first()
    .evaluate((element: HTMLTextAreaElement) => [element.selectionStart, element.selectionEnd]);

const CASES = [
  {
    lang: 'en',
    dir: 'ltr',
    start: 'Vantaa integration unit',
    sanna: { at: 7, types: 'city ' },
    magdalena: ', Kela',
    merged: 'Vantaa city integration unit, Kela',
    alsoHere: 'Also writing here: Magdalena',
  },
  {
    lang: 'ar',
    dir: 'rtl',
    start: 'وحدة الاندماج',
    sanna: { at: 5, types: 'بلدية ' },
    magdalena: '، كيلا',
    merged: 'وحدة بلدية الاندماج، كيلا',
    alsoHere: 'يكتب هنا أيضًا: Magdalena',
  },
] as const;

for (const { lang, dir, start, sanna: typing, magdalena: appended, merged, alsoHere } of CASES) {
  test.describe(`action-plan text (${lang})`, () => {
    test('two facilitators typing in one cell at once both keep their words, see each other there, and the export has the merged text', async ({
      page,
      newPerson,
    }) => {
      // Two browsers typing and an export: well under a minute, but the machine is shared.
      test.slow();
      await createBoardAsFacilitator(page, 'Vantaa integration plan', 'Sanna', lang);
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      const meta = JSON.parse((await api(page, '')).body) as { coFacilitatorUrl: string };
      const magdalena = await newPerson({ viewport: LAPTOP, locale: lang });
      await joinByLink(magdalena, `${meta.coFacilitatorUrl}?lang=${lang}`, 'Magdalena');
      await expect(magdalena.locator('html')).toHaveAttribute('dir', dir);
      await expect(magdalena.getByTestId('facilitator.tools-toggle')).toBeVisible();

      // Sanna starts a measure; Magdalena sees it live.
      await page.getByTestId('action-plan.toggle').click();
      await page.getByTestId('action-plan.add').click();
      const title = page.getByTestId('action-plan.title').first();
      await title.click();
      await page.keyboard.type(start);
      await magdalena.getByTestId('action-plan.toggle').click();
      const theirTitle = magdalena.getByTestId('action-plan.title').first();
      await expect(theirTitle).toHaveValue(start);

      // Both in the same cell: each sees the other's name there.
      await caretAt(page, 'action-plan.title', typing.at);
      await caretAt(magdalena, 'action-plan.title', start.length);
      const sannaSees = page.getByTestId('action-plan.cell-presence');
      await expect(sannaSees).toHaveCount(1);
      await expect(sannaSees).toHaveText(alsoHere);
      await expect(magdalena.getByTestId('action-plan.cell-presence')).toHaveText(
        alsoHere.replace('Magdalena', 'Sanna'),
      );
      await expect(title).toHaveAccessibleDescription(alsoHere);
      await page.screenshot({ path: test.info().outputPath(`both-in-one-cell-${lang}.png`) });
      const { violations } = await new AxeBuilder({ page })
        .include('[data-testid="action-plan.panel"]')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      // Both type at the same time, key by key, into the cell that has each one's focus.
      await Promise.all([
        page.keyboard.type(typing.types, { delay: 80 }),
        magdalena.keyboard.type(appended, { delay: 80 }),
      ]);
      await expect(title).toHaveValue(merged);
      await expect(theirTitle).toHaveValue(merged);
      // Each caret stayed after its own words: the next keystroke would not land in the other's.
      expect(await caretOf(page, 'action-plan.title')).toEqual([
        typing.at + typing.types.length,
        typing.at + typing.types.length,
      ]);
      expect(await caretOf(magdalena, 'action-plan.title')).toEqual([merged.length, merged.length]);
      await page.screenshot({ path: test.info().outputPath(`merged-${lang}.png`) });

      // The exports read the merged text.
      const json = await api(page, '/export?format=json');
      expect(json.status).toBe(200);
      const report = JSON.parse(json.body) as { actionPlan: { title: string }[] };
      expect(report.actionPlan.map((m) => m.title)).toEqual([merged]);
      const markdown = await api(page, `/export?format=md&lang=${lang}`);
      expect(markdown.status).toBe(200);
      expect(markdown.body).toContain(merged);

      // Magdalena leaves the cell: Sanna no longer sees her there.
      await theirTitle.blur();
      await expect(sannaSees).toHaveCount(0);
      // And after a reload the merged text is what the board holds.
      await magdalena.reload();
      await magdalena.getByTestId('action-plan.toggle').click();
      await expect(magdalena.getByTestId('action-plan.title').first()).toHaveValue(merged);
    });
  });
}
