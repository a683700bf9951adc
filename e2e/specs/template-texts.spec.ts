import { devices, type Page } from '@playwright/test';
import ar from '../../packages/locales/locales/ar.json' with { type: 'json' };
import en from '../../packages/locales/locales/en.json' with { type: 'json' };
import so from '../../packages/locales/locales/so.json' with { type: 'json' };
import { expect, expectOnline, joinByLink, test } from '../fixtures/talkoot.ts';

type Strings = Record<string, string>;
const text = (strings: Strings, key: string, number?: number) =>
  strings[key]!.replace('{{number}}', String(number ?? ''));

/** The canvas element of a template part, e.g. `world-cafe.table-1.question`. */
const part = (page: Page, slug: string) => page.locator(`.tl-shape[data-shape-id="shape:${slug}"]`);

const QUESTION_1 = 'template.world-cafe.question-1';
const QUESTION_2 = 'template.world-cafe.question-2';
const HINT = 'template.world-cafe.question-hint';
const REWRITTEN = 'Mitä tarvitsette kirjastolta? / What do you need from the library?';

test.describe('template texts in each reader’s language', () => {
  test('an English café board read in Arabic (iPad, touch) and Somali; a rewritten question stays as written', async ({
    page,
    newPerson,
  }) => {
    await page.goto('/?lang=en');
    await page.getByTestId('home.title-input').fill('Library café');
    await page.getByTestId('home.template.world-cafe').check();
    await page.getByTestId('home.template.param.tables').fill('2');
    await page.getByTestId('home.template.param.rounds').fill('2');
    await page.getByTestId('home.name-input').fill('Sanna');
    await page.getByTestId('home.create').click();
    await expectOnline(page);
    await page.getByTestId('board.invite').click();
    const link = (await page.getByTestId('board.invite-link').innerText()).trim();
    await page.keyboard.press('Escape');

    const ipad = devices['iPad (gen 7)'];
    const amina = await newPerson({
      viewport: ipad.viewport,
      userAgent: ipad.userAgent,
      deviceScaleFactor: ipad.deviceScaleFactor,
      isMobile: ipad.isMobile,
      hasTouch: true,
      locale: 'ar',
    });
    const hodan = await newPerson({ locale: 'so' });
    await joinByLink(amina, link, 'Amina');
    await joinByLink(hodan, link, 'Hodan');

    // The facilitator reads the board as it was written, with the hint that she can change the question.
    await expect(part(page, 'world-cafe.table-1.question')).toHaveText(`${text(en, QUESTION_1)} ${text(en, HINT)}`);

    for (const [reader, strings] of [
      [amina, ar],
      [hodan, so],
    ] as const) {
      await expect(part(reader, 'world-cafe.table-1.question')).toHaveText(text(strings, QUESTION_1));
      await expect(part(reader, 'world-cafe.table-2.question')).toHaveText(text(strings, QUESTION_2));
      await expect(part(reader, 'world-cafe.table-1.round-2')).toContainText(
        text(strings, 'template.world-cafe.round', 2),
      );
      await expect(part(reader, 'world-cafe.table-2')).toContainText(text(strings, 'template.world-cafe.table', 2));
      await expect(part(reader, 'world-cafe.harvest.themes')).toContainText(
        text(strings, 'template.world-cafe.harvest.themes'),
      );
      // The hint is for facilitators: participants never see it.
      await expect(reader.locator('.tl-canvas')).not.toContainText(text(strings, HINT));
      await expect(reader.locator('.tl-canvas')).not.toContainText(text(en, HINT));
    }

    // Agenda steps laid out by the template: title and instructions in each reader's language.
    await page.getByTestId('facilitator.agenda.next').click();
    await expect(page.getByTestId('session.step-title')).toHaveText(en['template.world-cafe.agenda.welcome.title']);
    await page.getByTestId('facilitator.agenda.next').click();
    await expect(page.getByTestId('session.step-title')).toHaveText(
      text(en, 'template.world-cafe.agenda.round.title', 1),
    );
    for (const [reader, strings] of [
      [amina, ar],
      [hodan, so],
    ] as const) {
      await expect(reader.getByTestId('session.step-title')).toHaveText(
        text(strings, 'template.world-cafe.agenda.round.title', 1),
      );
      await expect(reader.getByTestId('session.step-instructions')).toHaveText(
        text(strings, 'template.world-cafe.agenda.first-round.instructions'),
      );
    }

    // Arabic, right to left, on the iPad: look at it (the question, the host's note and the rounds must not overlap).
    await amina.evaluate(() => {
      const editor = (
        window as unknown as {
          __talkootEditor: {
            zoomToBounds(b: object): void;
            getShapePageBounds(id: string): { x: number; y: number; w: number; h: number };
          };
        }
      ).__talkootEditor;
      // Room on the left and above, so the frame's title clears tldraw's style panel.
      const b = editor.getShapePageBounds('shape:world-cafe.table-1');
      editor.zoomToBounds({ x: b.x - 500, y: b.y - 250, w: b.w + 500, h: b.h + 250 });
    });
    await amina.screenshot({ path: test.info().outputPath('arabic-ipad.png') });

    // The facilitator rewrites table 2's question (the label is locked scaffolding, so through the editor).
    await page.evaluate((question) => {
      type E = { run(fn: () => void, opts: object): void; updateShape(partial: object): void };
      const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
      editor.run(
        () =>
          editor.updateShape({
            id: 'shape:world-cafe.table-2.question',
            type: 'text',
            props: {
              richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: question }] }] },
            },
          }),
        { ignoreShapeLock: true },
      );
    }, REWRITTEN);
    for (const reader of [page, amina, hodan]) {
      await expect(part(reader, 'world-cafe.table-2.question')).toHaveText(REWRITTEN);
    }
    // Table 1's question is still the template's, still in each reader's language.
    await expect(part(amina, 'world-cafe.table-1.question')).toHaveText(text(ar, QUESTION_1));

    // The outline reads the board through the same localizer: frame names and questions in Somali.
    await hodan.getByTestId('board.outline-open').click();
    const panel = hodan.getByTestId('outline.panel');
    await expect(panel.locator('[data-frame-id="shape:world-cafe.table-1"] h3')).toHaveText(
      text(so, 'template.world-cafe.table', 1),
    );
    await expect(panel.locator('[data-shape-id="shape:world-cafe.table-1.question"]')).toContainText(
      text(so, QUESTION_1),
    );
    await expect(panel.locator('[data-shape-id="shape:world-cafe.table-2.question"]')).toContainText(REWRITTEN);
  });
});
