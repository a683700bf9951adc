import type { Page } from '@playwright/test';
import { layoutProblems, setTextSize } from '../fixtures/layout.ts';
import { expect, expectOnline, expectProjectorReady, IPAD, joinByLink, test } from '../fixtures/talkoot.ts';

const LAPTOP = { width: 1366, height: 768 };
/** An upright iPad (10.2"), with touch. */
const IPAD_PORTRAIT = { ...IPAD, viewport: { width: 810, height: 1080 }, screen: { width: 810, height: 1080 } };

/**
 * The canvas's share of the window: its box, checked to be what a person sees (nothing of
 * Talkoot's lies over its middle or its corners).
 */
async function canvasShare(page: Page): Promise<{ width: number; height: number; top: number }> {
  return page.evaluate(() => {
    const main = document.querySelector('.board-main')!;
    const box = main.getBoundingClientRect();
    const inset = 12;
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + inset, box.top + inset],
      [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset],
      [box.right - inset, box.bottom - inset],
    ] as const;
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !main.contains(hit)) {
        throw new Error(`the canvas is covered at ${Math.round(x)},${Math.round(y)} by ${hit?.outerHTML.slice(0, 80)}`);
      }
    }
    return { width: box.width / window.innerWidth, height: box.height / window.innerHeight, top: box.top };
  });
}

async function expectCanvasShare(page: Page, state: string): Promise<void> {
  // Let the layout settle (panels mount, tldraw resizes).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const share = await canvasShare(page);
  test.info().annotations.push({
    type: 'canvas share',
    description: `${state}: ${Math.round(share.width * 100)} % wide, ${Math.round(share.height * 100)} % high`,
  });
  expect(share.height, `canvas height share, ${state}`).toBeGreaterThanOrEqual(0.6);
  expect(share.width, `canvas width share, ${state}`).toBeGreaterThanOrEqual(0.5);
}

async function createPrioritisationBoard(page: Page, lang: string): Promise<string> {
  await page.goto(`/?lang=${lang}`);
  await page.getByTestId('home.title-input').fill('Vantaa integration plan');
  await page.getByTestId('home.name-input').fill('Sanna');
  await page.getByTestId('home.template.prioritisation').check();
  await page.getByTestId('home.create').click();
  await expectOnline(page);
  await page.getByTestId('board.invite').click();
  const link = (await page.getByTestId('board.invite-link').innerText()).trim();
  await page.keyboard.press('Escape');
  return link;
}

for (const { lang, dir } of [
  { lang: 'en', dir: 'ltr' },
  { lang: 'ar', dir: 'rtl' },
]) {
  test.describe(`the facilitator's laptop (${lang})`, () => {
    test.use({ viewport: LAPTOP });

    test('the canvas keeps 60 % of the height and 50 % of the width in every facilitator state', async ({
      page,
    }, testInfo) => {
      test.slow();
      await createPrioritisationBoard(page, lang);
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      await expect(page.getByTestId('facilitator.drawer')).toBeVisible();
      await expectCanvasShare(page, 'tools open');

      await page.getByTestId('facilitator.agenda.next').click();
      await expect(page.getByTestId('session.step-title')).toBeVisible();
      await expectCanvasShare(page, 'a step with instructions');

      await page.getByTestId('facilitator.voting.budget').fill('3');
      await page.getByTestId('facilitator.voting.open').click();
      await expect(page.getByTestId('voting.bar')).toHaveAttribute('data-status', 'open');
      await expectCanvasShare(page, 'voting');

      await page.getByTestId('facilitator.voting.reveal').click();
      await expect(page.getByTestId('voting.ranking')).toBeVisible();
      await expectCanvasShare(page, 'results');

      await page.getByTestId('action-plan.toggle').click();
      await page.getByTestId('action-plan.add').click();
      await page.getByTestId('action-plan.add').click();
      await expect(page.getByTestId('action-plan.row')).toHaveCount(2);
      await page
        .getByTestId('action-plan.row')
        .first()
        .getByTestId('action-plan.title')
        .fill('Housing advice in Arabic at the library on Tuesdays');
      await expectCanvasShare(page, 'tools, results and action plan');
      await page.screenshot({ path: testInfo.outputPath(`laptop-tools-results-plan-${lang}.png`) });

      // The plan reads without sideways scrolling: every field fits the column.
      expect(await layoutProblems(page, { areas: ['[data-testid="action-plan.panel"]'] })).toEqual([]);
      const panel = await page.getByTestId('action-plan.panel').boundingBox();
      for (const field of await page.getByTestId('action-plan.row').first().locator('input, textarea, select').all()) {
        const box = (await field.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(panel!.x);
        expect(box.x + box.width).toBeLessThanOrEqual(panel!.x + panel!.width);
      }

      await page.getByTestId('facilitator.tools-toggle').click();
      await expect(page.getByTestId('facilitator.drawer')).toBeHidden();
      await expectCanvasShare(page, 'tools folded, results and action plan');
      await page.getByTestId('voting.ranking-close').click();
      await page.getByTestId('action-plan.close').click();
      await expect(page.getByTestId('action-plan.panel')).toHaveCount(0);
      // Nothing open beside it: the canvas takes the whole width.
      expect((await canvasShare(page)).width).toBeGreaterThan(0.99);
    });

    test('the invite dialog: the code on one line, Close in view, no co-facilitator link', async ({
      page,
    }, testInfo) => {
      await createPrioritisationBoard(page, lang);
      await page.getByTestId('board.invite').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('board.invite-code')).toBeVisible();
      const lines = await dialog.getByTestId('board.invite-code').evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
      expect(lines, 'lines of the join code').toBe(1);
      await expect(dialog.getByTestId('board.invite-close')).toBeInViewport({ ratio: 1 });
      // The dialog is for the projector: nothing in it makes a facilitator.
      await expect(dialog.getByTestId('board.invite-co-facilitator')).toHaveCount(0);
      await page.screenshot({ path: testInfo.outputPath(`invite-${lang}.png`) });

      // With text at 200 % the dialog scrolls, and Close stays in view at its bottom.
      await setTextSize(page, 200);
      await expect(dialog.getByTestId('board.invite-close')).toBeInViewport({ ratio: 1 });
      await dialog.getByTestId('board.invite-close').click();
      await expect(dialog).toBeHidden();
      await setTextSize(page, 100);

      // The co-facilitator link is in the people dialog, which only facilitators have.
      await page.getByTestId('facilitator.people.open').click();
      const people = page.getByTestId('facilitator.people.dialog');
      await expect(people.getByTestId('board.invite-co-facilitator')).toHaveText(/\/join\//);
    });
  });
}

test.describe('the projector', () => {
  test('is not counted among the people here and shows no cursor', async ({ page, newPerson }) => {
    test.slow();
    const link = await createPrioritisationBoard(page, 'en');
    const boardPath = new URL(page.url()).pathname;
    const projector = await page.context().newPage();
    await projector.goto(`${boardPath}/projector`);
    await expectProjectorReady(projector);

    const amina = await newPerson(IPAD_PORTRAIT);
    await joinByLink(amina, link, 'Amina');
    // Amina sees Sanna's cursor and nobody else's; both count two people here.
    await page.mouse.move(400, 400);
    await page.mouse.move(420, 430);
    const presences = (who: Page) =>
      who.evaluate(() => {
        type E = { store: { allRecords(): { typeName: string; userName?: string }[] } };
        const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
        return editor.store
          .allRecords()
          .filter((record) => record.typeName === 'instance_presence')
          .map((record) => record.userName);
      });
    await expect.poll(() => presences(amina)).toEqual(['Sanna']);
    await expect(amina.getByTestId('session.people.open')).toHaveText(/People here: 2/);
    await expect(page.getByTestId('session.people.open')).toHaveText(/People here: 2/);
    // The projector itself still shows the people on the board.
    await expect.poll(() => presences(projector)).toContain('Amina');
    // Still so a while later: the projector never publishes.
    await page.waitForTimeout(1000);
    expect(await presences(amina)).toEqual(['Sanna']);
  });
});

test.describe('an upright iPad during a vote', () => {
  for (const lang of ['en', 'ar']) {
    test(`the participant's header takes at most 20 % of the height (${lang})`, async ({
      page,
      newPerson,
    }, testInfo) => {
      test.slow();
      const link = await createPrioritisationBoard(page, 'en');
      await page.getByTestId('facilitator.voting.budget').fill('3');
      await page.getByTestId('facilitator.voting.open').click();
      const amina = await newPerson(IPAD_PORTRAIT);
      await joinByLink(amina, link, 'Amina');
      await amina.goto(`${new URL(amina.url()).pathname}?lang=${lang}`);
      await expect(amina.locator('html')).toHaveAttribute('lang', lang);
      await expectOnline(amina);
      await expect(amina.getByTestId('voting.bar')).toHaveAttribute('data-status', 'open');
      await amina.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const share = await canvasShare(amina);
      await amina.screenshot({ path: testInfo.outputPath(`ipad-vote-${lang}.png`) });
      test.info().annotations.push({ type: 'above the canvas', description: `${Math.round(share.top)} px of 1080` });
      expect(share.top / 1080, 'everything above the canvas, as a share of the height').toBeLessThanOrEqual(0.2);
    });
  }
});
