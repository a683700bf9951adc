import AxeBuilder from '@axe-core/playwright';
import { devices, type Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, expectOnline, joinByLink, test } from '../fixtures/talkoot.ts';

/** A portrait iPad with touch, in Chromium (Playwright's preset defaults to WebKit). */
const { defaultBrowserType: _webkit, ...IPAD_PORTRAIT } = devices['iPad (gen 7)'];

// The facilitator's laptop.
test.use({ viewport: { width: 1366, height: 768 } });

type Camera = { x: number; y: number; z: number };
type Box = { x: number; y: number; w: number; h: number };
type Editor = {
  getCamera(): Camera;
  setCamera(camera: Camera): void;
  getViewportPageBounds(): Box;
  getInstanceState(): { followingUserId: string | null };
  user: { getAnimationSpeed(): number; getIsDarkMode(): boolean };
};

const camera = (page: Page) =>
  page.evaluate(() => (window as unknown as { __talkootEditor: Editor }).__talkootEditor.getCamera());
const viewport = (page: Page) =>
  page.evaluate(() => {
    const { x, y, w, h } = (window as unknown as { __talkootEditor: Editor }).__talkootEditor.getViewportPageBounds();
    return { x, y, w, h };
  });
const setCamera = (page: Page, to: Camera) =>
  page.evaluate((c) => {
    // setCamera returns the editor, which cannot be sent back to the test.
    (window as unknown as { __talkootEditor: Editor }).__talkootEditor.setCamera(c);
  }, to);
const following = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __talkootEditor: Editor }).__talkootEditor.getInstanceState().followingUserId,
  );

/** Waits until the camera stops moving (following chases the leader frame by frame). */
async function settledCamera(page: Page): Promise<Camera> {
  let last = await camera(page);
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100);
    const now = await camera(page);
    if (Math.abs(now.x - last.x) < 0.5 && Math.abs(now.y - last.y) < 0.5 && Math.abs(now.z - last.z) < 0.001)
      return now;
    last = now;
  }
  return last;
}

function expectSameCamera(actual: Camera, expected: Camera): void {
  expect(actual.x).toBeCloseTo(expected.x, 0);
  expect(actual.y).toBeCloseTo(expected.y, 0);
  expect(actual.z).toBeCloseTo(expected.z, 2);
}

const LANGUAGES = [
  { lang: 'en', dir: 'ltr' },
  { lang: 'ar', dir: 'rtl' },
] as const;

for (const { lang, dir } of LANGUAGES) {
  test.describe(`following on a tablet (${lang})`, () => {
    test('fits the followed view to a portrait iPad, never at 8 %, shows one Stop, and gives the own view back', async ({
      page,
      newPerson,
    }) => {
      const link = await createBoardAsFacilitator(page, 'Follow', 'Sanna', lang);
      const amina = await newPerson({ ...IPAD_PORTRAIT });
      await joinByLink(amina, link, 'Amina');
      await amina.goto(`${new URL(amina.url()).pathname}?lang=${lang}`);
      await expectOnline(amina);
      await expect(amina.locator('html')).toHaveAttribute('dir', dir);

      // Amina looks at her own corner of the board.
      const own = { x: -300, y: -200, z: 1.5 };
      await setCamera(amina, own);

      // The facilitator looks at an area at 100 % and brings everyone there.
      await setCamera(page, { x: -2000, y: -1000, z: 1 });
      const leader = await viewport(page);
      await page.getByTestId('facilitator.follow-me').click();
      await expect.poll(() => following(amina)).not.toBeNull();
      await settledCamera(amina);
      const fitted = await viewport(amina);
      // The whole of what the facilitator sees fits on the tablet.
      expect(fitted.x).toBeLessThanOrEqual(leader.x + 1);
      expect(fitted.x + fitted.w).toBeGreaterThanOrEqual(leader.x + leader.w - 1);
      expect(fitted.y).toBeLessThanOrEqual(leader.y + 1);
      expect(fitted.y + fitted.h).toBeGreaterThanOrEqual(leader.y + leader.h - 1);

      // Exactly one "Stop following", the session bar's (not tldraw's second one).
      await expect(amina.getByTestId('session.stop-following')).toHaveCount(1);
      await expect(amina.getByTestId('helper-buttons.stop-following')).toHaveCount(0);

      // The facilitator zooms far out to see the whole board: the tablet stays readable.
      await setCamera(page, { x: 5000, y: 3000, z: 0.08 });
      const far = await settledCamera(amina);
      expect(far.z, 'zoom of the follower').toBeGreaterThanOrEqual(0.3 - 1e-6);
      await amina.screenshot({ path: test.info().outputPath(`following-${lang}.png`) });

      // The facilitator ends it: Amina is back where she was.
      await page.getByTestId('facilitator.follow-me').click();
      await expect.poll(() => following(amina)).toBeNull();
      expectSameCamera(await settledCamera(amina), own);

      // Following a person herself, then stopping: back to her own view too.
      await amina.getByTestId('session.people.open').tap();
      await amina.getByTestId('session.people.follow').first().tap();
      await expect.poll(() => following(amina)).not.toBeNull();
      await amina.getByTestId('session.stop-following').tap();
      await expect.poll(() => following(amina)).toBeNull();
      expectSameCamera(await settledCamera(amina), own);
    });
  });

  test.describe(`calm view (${lang})`, () => {
    test('hides other people’s cursors, stops animations, switches to high contrast, and is remembered', async ({
      page,
      newPerson,
    }) => {
      const link = await createBoardAsFacilitator(page, 'Calm', 'Sanna', lang);
      const amina = await newPerson({ ...IPAD_PORTRAIT });
      await joinByLink(amina, link, 'Amina');
      await amina.goto(`${new URL(amina.url()).pathname}?lang=${lang}`);
      await expectOnline(amina);
      await expect(amina.locator('html')).toHaveAttribute('dir', dir);

      // Sanna moves her pointer over the middle of Amina's view: Amina sees her cursor.
      const cursors = amina.locator('.tl-collaborator__cursor, .tl-collaborator-cursor');
      const moveSanna = async () => {
        await setCamera(page, await camera(amina));
        for (const x of [600, 640, 680]) await page.mouse.move(x, 500);
      };
      await expect(async () => {
        await moveSanna();
        await expect(cursors.first()).toBeVisible({ timeout: 1000 });
      }).toPass();

      await amina.getByTestId('view.open').tap();
      await amina.getByTestId('view.calm').tap();
      await expect(amina.locator('html')).toHaveAttribute('data-calm', '');
      await moveSanna();
      await expect(cursors).toHaveCount(0);
      expect(
        await amina.evaluate(() =>
          (window as unknown as { __talkootEditor: Editor }).__talkootEditor.user.getAnimationSpeed(),
        ),
      ).toBe(0);

      await amina.getByTestId('view.contrast').tap();
      await expect(amina.locator('html')).toHaveAttribute('data-contrast', '');
      expect(
        await amina.evaluate(() =>
          (window as unknown as { __talkootEditor: Editor }).__talkootEditor.user.getIsDarkMode(),
        ),
      ).toBe(true);
      await amina.screenshot({ path: test.info().outputPath(`high-contrast-${lang}.png`) });

      // Contrast: AA for everything, AAA (7:1) for Talkoot's text; tldraw's dark mode at AA.
      const ours = await new AxeBuilder({ page: amina })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag2aaa'])
        .exclude('.tl-container')
        .analyze();
      const blocking = ours.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      const tldraw = await new AxeBuilder({ page: amina })
        .include('.tlui-layout')
        .withRules(['color-contrast'])
        .analyze();
      expect(tldraw.passes.length + tldraw.incomplete.length, 'tldraw’s UI was checked').toBeGreaterThan(0);
      expect(tldraw.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      // Remembered on this device.
      await amina.reload();
      await expectOnline(amina);
      await expect(amina.locator('html')).toHaveAttribute('data-calm', '');
      await expect(amina.locator('html')).toHaveAttribute('data-contrast', '');
      await moveSanna();
      await expect(cursors).toHaveCount(0);
    });
  });
}

test('a device that asks for less motion gets no canvas animations without switching anything', async ({
  page,
  newPerson,
}) => {
  const link = await createBoardAsFacilitator(page, 'Motion', 'Sanna');
  const amina = await newPerson({ ...IPAD_PORTRAIT, reducedMotion: 'reduce' });
  await joinByLink(amina, link, 'Amina');
  await expect(amina.locator('html')).not.toHaveAttribute('data-calm', '');
  expect(
    await amina.evaluate(() =>
      (window as unknown as { __talkootEditor: Editor }).__talkootEditor.user.getAnimationSpeed(),
    ),
  ).toBe(0);
});
