import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  createBoardAsFacilitator,
  expect,
  expectOnline,
  expectProjectorReady,
  joinByLink,
  test,
} from '../fixtures/talkoot.ts';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the issue "Everyone can take part" promises. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);
/**
 * Rules that fail the check whatever their impact. `region` (all content inside landmarks) is an
 * axe best practice rather than a WCAG rule, so it is switched on by name: screen-reader users
 * jump between landmarks, and a toolbar outside every landmark is one they never find.
 */
const ALWAYS_BLOCKING = new Set(['region']);

/**
 * Only tldraw's own DOM is left out: the drawing surface is out of scope for this issue, and
 * `.tl-container` is the root element that `<Tldraw>` renders, holding its canvas, toolbar,
 * menus and the popovers it portals (into that same container). Everything of ours — header,
 * session bar, facilitator tools, dialogs, private writing, the projector's side panel — sits
 * outside it (see board-screen.tsx and projector-screen.tsx), so it is always scanned.
 */
const TLDRAW_ROOT = '.tl-container';

const LANGUAGES = [
  { code: 'en', dir: 'ltr' },
  { code: 'ar', dir: 'rtl' },
] as const;

/** Opens `path` in `lang` and waits until the page has switched to it. */
async function openIn(page: Page, path: string, lang: string, dir: string): Promise<void> {
  const url = new URL(path, 'http://talkoot.invalid');
  url.searchParams.set('lang', lang);
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

const isBlocking = (violation: { id: string; impact?: string | null }) =>
  BLOCKING.has(violation.impact ?? '') || ALWAYS_BLOCKING.has(violation.id);

/**
 * Runs axe on the page (minus tldraw), prints every finding, fails on serious or critical ones
 * and on content outside landmarks.
 */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    // `options` replaces all options, so it comes before `withTags`, which adds `runOnly`.
    .options({ rules: Object.fromEntries([...ALWAYS_BLOCKING].map((id) => [id, { enabled: true }])) })
    .withTags(WCAG_TAGS)
    .exclude(TLDRAW_ROOT)
    .analyze();
  const describe = (v: (typeof violations)[number]) =>
    `[${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n');
  const others = violations.filter((v) => !isBlocking(v));
  if (others.length > 0) console.log(`${screen}: moderate/minor\n${others.map(describe).join('\n')}`);
  const blocking = violations.filter(isBlocking);
  expect(blocking.map(describe).join('\n'), `blocking axe violations on ${screen}`).toBe('');
}

for (const { code: lang, dir } of LANGUAGES) {
  test.describe(`accessibility (${lang})`, () => {
    test('the home and join pages', async ({ page }) => {
      await openIn(page, '/', lang, dir);
      await expect(page.getByTestId('home.create')).toBeVisible();
      await expectAccessible(page, `home (${lang})`);

      // A failed submit shows the error message, which must be readable too.
      await page.getByTestId('join.code-input').fill('NOPE99');
      await page.getByTestId('join.name-input').fill('Amina');
      await page.getByTestId('join.submit').click();
      await expect(page.getByTestId('join.error')).toBeVisible();
      await expectAccessible(page, `home with a join error (${lang})`);

      await openIn(page, '/join/ABC234', lang, dir);
      await expect(page.getByTestId('join.submit')).toBeVisible();
      await expectAccessible(page, `join (${lang})`);
    });

    test("the facilitator's board, the invite dialog, the outline and the agenda", async ({ page }) => {
      test.slow();
      await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');
      const boardPath = new URL(page.url()).pathname;
      await openIn(page, boardPath, lang, dir);
      await expectOnline(page);
      await expectAccessible(page, `board as facilitator (${lang})`);

      await page.getByTestId('board.invite').click();
      await expect(page.getByTestId('board.invite-qr')).toBeVisible();
      await expectAccessible(page, `invite dialog (${lang})`);
      await page.keyboard.press('Escape');

      // The outline, with a named frame, a note in it, a note outside it and an open edit form.
      await page.evaluate(() => {
        type E = { createShape(shape: object): void };
        const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
        const doc = (text: string) => ({
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
        });
        editor.createShape({
          id: 'shape:a11y-frame',
          type: 'frame',
          x: 0,
          y: 0,
          props: { w: 500, h: 300, name: 'Ideas' },
        });
        editor.createShape({
          type: 'note',
          parentId: 'shape:a11y-frame',
          x: 20,
          y: 20,
          props: { richText: doc('Sauna') },
        });
        editor.createShape({ type: 'note', x: 2000, y: 0, props: { richText: doc('Tea') } });
      });
      await page.getByTestId('board.outline-open').click();
      await expect(page.getByTestId('outline.note')).toHaveCount(2);
      await expectAccessible(page, `outline (${lang})`);
      await page.getByTestId('outline.note-edit').first().click();
      await expect(page.getByTestId('outline.note-input')).toBeFocused();
      await expectAccessible(page, `outline, editing a note (${lang})`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('outline.panel')).toBeHidden();

      // An agenda step with instructions, made current, so participants see the step banner.
      await page.getByTestId('facilitator.agenda.open').click();
      await page.getByTestId('facilitator.agenda.title').last().fill('Silent writing');
      await page.getByTestId('facilitator.agenda.instructions').last().fill('Write one idea per note.');
      await expectAccessible(page, `agenda dialog (${lang})`);
      await page.getByTestId('facilitator.agenda.save').click();
      await expect(page.getByTestId('facilitator.agenda.next')).toBeEnabled();
    });

    test('the board for participants, private writing, the people dialog and the projector', async ({
      page,
      newPerson,
    }) => {
      test.slow();
      const link = await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');
      const boardPath = new URL(page.url()).pathname;
      await openIn(page, boardPath, lang, dir);
      await expectOnline(page);
      // An agenda step with instructions, made current, so participants see the step banner.
      await page.getByTestId('facilitator.agenda.open').click();
      await page.getByTestId('facilitator.agenda.title').last().fill('Silent writing');
      await page.getByTestId('facilitator.agenda.instructions').last().fill('Write one idea per note.');
      await page.getByTestId('facilitator.agenda.save').click();
      await page.getByTestId('facilitator.agenda.next').click();
      await page.getByTestId('facilitator.timer.start').click();

      const amina = await newPerson();
      await joinByLink(amina, link, 'Amina');
      await openIn(amina, new URL(amina.url()).pathname, lang, dir);
      await expectOnline(amina);
      await expect(amina.getByTestId('session.step-title')).toHaveText('Silent writing');
      await expect(amina.getByTestId('session.timer')).toHaveAttribute('data-status', 'running');
      await expectAccessible(amina, `board as participant (${lang})`);
      await amina.getByTestId('session.people.open').click();
      await expectAccessible(amina, `participant's people list (${lang})`);

      await page.getByTestId('facilitator.lock').click();
      await expect(amina.getByTestId('session.locked-notice')).toBeVisible();
      await expectAccessible(amina, `board as participant, locked (${lang})`);

      await page.getByTestId('facilitator.private.start').click();
      await amina.getByTestId('private.input').fill('Sauna on Fridays');
      await amina.getByTestId('private.add').click();
      await expect(amina.getByTestId('private.note')).toHaveCount(1);
      await expectAccessible(amina, `private writing panel (${lang})`);
      await expect(page.getByTestId('facilitator.private.overview')).toContainText('Sauna on Fridays');
      await expectAccessible(page, `private writing overview (${lang})`);

      await page.getByTestId('facilitator.people.open').click();
      await expect(page.getByTestId('facilitator.people.row').filter({ hasText: 'Amina' })).toBeVisible();
      await expectAccessible(page, `people dialog (${lang})`);
      await page.getByTestId('facilitator.people.remove').click();
      await expect(page.getByTestId('facilitator.people.confirm')).toBeVisible();
      await expectAccessible(page, `people dialog, confirming removal (${lang})`);
      await page.keyboard.press('Escape');

      const projector = await page.context().newPage();
      await openIn(projector, `${boardPath}/projector`, lang, dir);
      await expectProjectorReady(projector);
      await expect(projector.getByTestId('projector.join-code')).toBeVisible();
      await expect(projector.getByTestId('session.step-title')).toHaveText('Silent writing');
      await expectAccessible(projector, `projector (${lang})`);
    });

    test('dot voting, the ranking, the action plan and the export dialog', async ({ page }) => {
      test.slow();
      await createBoardAsFacilitator(page, 'What first?', 'Sanna');
      await openIn(page, new URL(page.url()).pathname, lang, dir);
      await expectOnline(page);
      await page.evaluate(() => {
        type E = { createShape(shape: object): void; select(id: string): void };
        const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
        const doc = (text: string) => ({
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
        });
        editor.createShape({ id: 'shape:a11y-sauna', type: 'note', x: 0, y: 0, props: { richText: doc('Sauna') } });
        editor.createShape({ id: 'shape:a11y-tea', type: 'note', x: 300, y: 0, props: { richText: doc('شاي') } });
        editor.createShape({ id: 'shape:a11y-bikes', type: 'note', x: 600, y: 0, props: { richText: doc('Bikes') } });
        editor.select('shape:a11y-sauna');
      });

      // Facilitators vote too: open with one dot, spend it, and be refused a second.
      await page.getByTestId('facilitator.voting.budget').fill('2');
      await page.getByTestId('facilitator.voting.open').click();
      await expect(page.getByTestId('voting.chosen')).toContainText('Sauna');
      await page.getByTestId('voting.add').click();
      await page.getByTestId('voting.add').click();
      await expect(page.getByTestId('voting.dots-left')).toHaveAttribute('data-left', '0');
      await page.getByTestId('voting.add').click();
      await expect(page.getByTestId('voting.error')).toBeVisible();
      await expectAccessible(page, `voting strip with a refusal (${lang})`);

      await page.getByTestId('voting.list-open').click();
      await expect(page.getByTestId('voting.list-note')).toHaveCount(3);
      // Reading order follows the language, so find notes by their text.
      await page.getByTestId('voting.list-note').filter({ hasText: 'Sauna' }).getByTestId('voting.list-remove').click();
      await page.getByTestId('voting.list-note').filter({ hasText: 'شاي' }).getByTestId('voting.list-add').click();
      await expect(page.getByTestId('voting.list-dots-left')).toContainText('0');
      await expectAccessible(page, `voting list (${lang})`);
      await page.getByTestId('voting.list-close').click();

      await page.getByTestId('facilitator.voting.reveal').click();
      await expect(page.getByTestId('voting.ranking-entry')).toHaveCount(2);
      await expectAccessible(page, `ranking (${lang})`);

      // The action plan, seeded from the ranking, and the export dialog.
      await page.getByTestId('action-plan.seed.count').fill('2');
      await page.getByTestId('action-plan.seed').click();
      await expect(page.getByTestId('action-plan.row')).toHaveCount(2);
      await expectAccessible(page, `action plan (${lang})`);
      await page.getByTestId('export.open').click();
      await expect(page.getByTestId('export.dialog')).toBeVisible();
      // Both folded parts (document details, notes left out) open, so axe checks them too.
      for (const summary of await page.locator('.export-redact summary').all()) await summary.click();
      await expectAccessible(page, `export dialog (${lang})`);
    });
  });
}

/**
 * The main actions show an icon next to their words, never instead of them: the words say
 * what happens, the icon helps people who read the language slowly find the button again.
 */
test('main actions have an icon next to their words', async ({ page }) => {
  const expectIconWithWords = async (testId: string) => {
    const control = page.getByTestId(testId);
    await expect(control, testId).toBeVisible();
    await expect(control.locator('svg.icon'), `${testId} has an icon`).toHaveCount(1);
    expect((await control.innerText()).trim(), `${testId} has words`).not.toBe('');
  };
  await page.goto('/?lang=en');
  for (const testId of ['home.create', 'join.submit']) await expectIconWithWords(testId);

  await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');
  for (const testId of [
    'board.invite',
    'board.outline-open',
    'action-plan.toggle',
    'facilitator.settings.open',
    'session.people.open',
    'facilitator.agenda.open',
    'facilitator.timer.start',
    'templates.insert.open',
    'facilitator.lock',
    'facilitator.follow-me',
    'facilitator.private.start',
    'export.open',
    'facilitator.people.open',
    'facilitator.voting.open',
  ]) {
    await expectIconWithWords(testId);
  }
  await page.getByTestId('export.open').click();
  await expectIconWithWords('export.download');
  await page.keyboard.press('Escape');
  await page.getByTestId('facilitator.settings.open').click();
  await expectIconWithWords('facilitator.settings.save');
  await expectIconWithWords('facilitator.settings.delete');
});
