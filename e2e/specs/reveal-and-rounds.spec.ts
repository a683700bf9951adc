import type { Page } from '@playwright/test';
import { expect, expectOnline, IPAD, joinByLink, noteTexts, test } from '../fixtures/talkoot.ts';

const LAPTOP = { width: 1366, height: 768 };

type Box = { x: number; y: number; w: number; h: number };
type Editor = {
  getCurrentPageShapes(): { id: string; type: string; parentId: string; props: { richText?: unknown } }[];
  getShapePageBounds(id: string): Box | undefined;
  zoomToFit(): void;
};

/** Creates a board from a template on the laptop (in `lang`), as its facilitator; returns the join link. */
async function createTemplateBoard(
  page: Page,
  lang: string,
  template: string,
  params: Record<string, string> = {},
): Promise<string> {
  await page.setViewportSize(LAPTOP);
  await page.goto(`/?lang=${lang}`);
  await page.getByTestId('home.title-input').fill('Vantaa 2026');
  await page.getByTestId(`home.template.${template}`).check();
  for (const [name, value] of Object.entries(params)) await page.getByTestId(`home.template.param.${name}`).fill(value);
  await page.getByTestId('home.name-input').fill('Sanna');
  await page.getByTestId('home.create').click();
  await expectOnline(page);
  await page.getByTestId('board.invite').click();
  const link = (await page.getByTestId('board.invite-link').innerText()).trim();
  await page.keyboard.press('Escape');
  return link;
}

/** Page boxes of the notes whose text starts with `prefix`, with their parent, read from the editor. */
function notesStartingWith(page: Page, prefix: string): Promise<(Box & { parentId: string; text: string })[]> {
  return page.evaluate((prefix) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    const textOf = (node: unknown): string => {
      if (!node || typeof node !== 'object') return '';
      const n = node as { text?: string; content?: unknown[] };
      return (n.text ?? '') + (n.content ?? []).map(textOf).join('');
    };
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'note')
      .map((s) => ({ ...editor.getShapePageBounds(s.id)!, parentId: s.parentId, text: textOf(s.props.richText) }))
      .filter((n) => n.text.startsWith(prefix));
  }, prefix);
}

function boundsOf(page: Page, id: string): Promise<Box> {
  return page.evaluate(
    (id) => (window as unknown as { __talkootEditor: Editor }).__talkootEditor.getShapePageBounds(id)!,
    id,
  );
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const TEXTS = {
  en: {
    count: '3 notes become visible to everyone',
    confirm: 'Reveal 3 notes',
    where: 'They are placed side by side in “Ideas and needs”.',
  },
  ar: { count: 'ستصبح 3 ملاحظات مرئية للجميع', confirm: 'اكشف 3 ملاحظات', where: 'ستوضع متجاورة داخل' },
} as const;

for (const lang of ['en', 'ar'] as const) {
  test.describe(`private writing and rounds (${lang}, facilitator on a 1366×768 laptop, participant on an iPad)`, () => {
    test('reveal says how many notes become visible, and they land in the step’s frame without overlap', async ({
      page,
      newPerson,
    }) => {
      const link = await createTemplateBoard(page, lang, 'prioritisation');
      const tablet = await newPerson(IPAD);
      await joinByLink(tablet, `${link}?lang=${lang}`, lang === 'ar' ? 'أمينة' : 'Amina');

      // Step 1, "collect ideas": its frame is the ideas frame.
      await page.getByTestId('facilitator.agenda.next').click();
      await expect(page.getByTestId('session.step-title')).not.toBeEmpty();
      await page.getByTestId('facilitator.private.start').click();
      await expect(tablet.getByTestId('private.panel')).toBeVisible();
      const ideas = ['idea: night classes', 'idea: a buddy at work', 'idea: sauna evenings'];
      for (const idea of ideas) {
        await tablet.getByTestId('private.input').fill(idea);
        await tablet.getByTestId('private.add').tap();
        await expect(tablet.getByTestId('private.input')).toHaveValue('');
      }
      await expect(tablet.getByTestId('private.note')).toHaveCount(3);
      // The overview lists everyone who writes, the facilitator too (with no notes).
      await expect(page.getByTestId('facilitator.private.count').filter({ hasText: '3' })).toHaveCount(1);

      await page.getByTestId('facilitator.private.reveal').click();
      const dialog = page.getByTestId('facilitator.private.reveal-dialog');
      await expect(dialog).toBeVisible();
      await expect(page.getByTestId('facilitator.private.reveal-count')).toContainText(TEXTS[lang].count);
      await expect(page.getByTestId('facilitator.private.reveal-where')).toContainText(TEXTS[lang].where);
      const confirm = page.getByTestId('facilitator.private.reveal-confirm');
      await expect(confirm).toHaveText(TEXTS[lang].confirm);
      await page.screenshot({ path: test.info().outputPath(`reveal-confirm-${lang}.png`) });
      // Nothing is revealed before the facilitator confirms.
      expect((await noteTexts(tablet)).filter((text) => text.startsWith('idea:'))).toEqual([]);
      await confirm.click();
      await expect(dialog).toBeHidden();

      for (const p of [page, tablet]) {
        await expect.poll(async () => (await notesStartingWith(p, 'idea:')).length).toBe(3);
      }
      const frame = await boundsOf(tablet, 'shape:prioritisation.ideas');
      const revealed = await notesStartingWith(tablet, 'idea:');
      const example = (await notesStartingWith(tablet, ''))
        .filter((n) => !n.text.startsWith('idea:'))
        .filter((n) => n.parentId === 'shape:prioritisation.ideas');
      expect(example.length).toBeGreaterThan(0);
      for (const [i, note] of revealed.entries()) {
        expect(note.parentId).toBe('shape:prioritisation.ideas');
        expect(note.x).toBeGreaterThanOrEqual(frame.x);
        expect(note.y).toBeGreaterThanOrEqual(frame.y);
        expect(note.x + note.w).toBeLessThanOrEqual(frame.x + frame.w);
        expect(note.y + note.h).toBeLessThanOrEqual(frame.y + frame.h);
        for (const other of [...revealed.slice(i + 1), ...example]) expect(overlaps(note, other)).toBe(false);
      }
      await tablet.evaluate(() => (window as unknown as { __talkootEditor: Editor }).__talkootEditor.zoomToFit());
      await tablet.waitForTimeout(300);
      await tablet.screenshot({ path: test.info().outputPath(`revealed-${lang}.png`) });

      // The outline reads the frames in the workshop's order, in Arabic too.
      await tablet.getByTestId('board.outline-open').tap();
      await expect(tablet.getByTestId('outline.panel')).toBeVisible();
      // (The notes in no frame come last, in a list of their own.)
      const frames = tablet.locator('[data-testid="outline.frame"][data-frame-id]');
      await expect(frames).toHaveCount(3);
      const order = await frames.evaluateAll((list) => list.map((f) => f.getAttribute('data-frame-id')));
      expect(order).toEqual([
        'shape:prioritisation.ideas',
        'shape:prioritisation.matrix',
        'shape:prioritisation.voting',
      ]);
      await tablet.screenshot({ path: test.info().outputPath(`outline-${lang}.png`) });
    });

    test('a round’s timer stops when the next round begins unless kept, and only participants are told a table', async ({
      page,
      newPerson,
    }) => {
      const link = await createTemplateBoard(page, lang, 'world-cafe', { tables: '2', rounds: '2' });
      const tablet = await newPerson(IPAD);
      await joinByLink(tablet, `${link}?lang=${lang}`, lang === 'ar' ? 'أمينة' : 'Amina');
      const watcher = await newPerson({ viewport: LAPTOP });
      await watcher.goto(`${link}?lang=${lang}`);
      await watcher.getByTestId('join.name-input').fill('Olli');
      await watcher.getByTestId('join.observer').check();
      await watcher.getByTestId('join.submit').click();
      await expectOnline(watcher);

      // Welcome, then round 1.
      const stepTitle = page.getByTestId('session.step-title');
      await page.getByTestId('facilitator.agenda.next').click();
      await expect(stepTitle).toBeVisible();
      const welcome = await stepTitle.textContent();
      await page.getByTestId('facilitator.agenda.next').click();
      await expect(stepTitle).not.toHaveText(welcome ?? '');
      await expect(tablet.getByTestId('world-cafe.seat')).toBeVisible();
      await expect(tablet.getByTestId('world-cafe.seat')).toContainText(
        lang === 'ar' ? 'طاولتك' : 'your table is Table',
      );
      // The facilitator and the observer have no table to go to.
      await page.waitForTimeout(500);
      await expect(page.getByTestId('world-cafe.seat')).toHaveCount(0);
      await expect(watcher.getByTestId('world-cafe.seat')).toHaveCount(0);

      await page.getByTestId('facilitator.agenda.use-timer').click();
      await page.getByTestId('facilitator.timer.start').click();
      for (const p of [tablet, watcher])
        await expect(p.getByTestId('session.timer')).toHaveAttribute('data-status', 'running');
      await expect(page.getByTestId('facilitator.timer.keep')).toHaveAttribute('aria-pressed', 'false');

      // Round 2: the timer of round 1 does not run on.
      const round1 = await stepTitle.textContent();
      await page.getByTestId('facilitator.agenda.next').click();
      await expect(stepTitle).not.toHaveText(round1 ?? '');
      for (const p of [page, tablet, watcher])
        await expect(p.getByTestId('session.timer')).toHaveAttribute('data-status', 'idle');
      await expect(tablet.getByTestId('session.timer')).toHaveText('20:00');

      // Kept, it runs on into the harvest.
      await page.getByTestId('facilitator.timer.start').click();
      await expect(tablet.getByTestId('session.timer')).toHaveAttribute('data-status', 'running');
      await page.getByTestId('facilitator.timer.keep').click();
      await expect(page.getByTestId('facilitator.timer.keep')).toHaveAttribute('aria-pressed', 'true');
      const round2 = await stepTitle.textContent();
      await page.getByTestId('facilitator.agenda.next').click();
      await expect(stepTitle).not.toHaveText(round2 ?? '');
      await tablet.waitForTimeout(500);
      for (const p of [page, tablet])
        await expect(p.getByTestId('session.timer')).toHaveAttribute('data-status', 'running');
      await page.screenshot({ path: test.info().outputPath(`timer-keep-${lang}.png`) });
      await tablet.screenshot({ path: test.info().outputPath(`round-tablet-${lang}.png`) });
    });
  });
}
