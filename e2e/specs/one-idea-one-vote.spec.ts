import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, expectOnline, IPAD, joinByLink, test } from '../fixtures/talkoot.ts';

/** The facilitator's laptop. */
const LAPTOP = { viewport: { width: 1366, height: 768 } };

type Tags = { template?: string; part?: string; table?: number; round?: number; source?: { shapeId?: string } };
type Shape = { id: string; type: string; parentId: string; meta: { talkoot?: Tags }; props: { richText?: unknown } };
type Editor = {
  getCurrentPageShapes(): Shape[];
  getShapePageBounds(id: string): { x: number; y: number; w: number; h: number } | undefined;
  createShape(shape: object): void;
  reparentShapes(ids: string[], parentId: string): void;
  select(...ids: string[]): void;
};

const IDEAS = { sauna: 'Sauna evenings', tea: 'Tea club', bikes: 'Bike repair' };

/** What the facilitator reads while people vote, per language. */
const PROGRESS = {
  en: (voted: number, voters: number) => `${voted} of ${voters} have voted`,
  ar: (voted: number, voters: number) => `صوّت ${voted} من ${voters}`,
};

/** The id of a template part's frame (e.g. the world café's harvest, the prioritisation's ideas). */
function frameOf(page: Page, template: string, part: string): Promise<string> {
  return page.evaluate(
    ([tpl, p]) => {
      const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
      const frame = editor
        .getCurrentPageShapes()
        .find((s) => s.type === 'frame' && s.meta.talkoot?.template === tpl && s.meta.talkoot.part === p);
      if (!frame) throw new Error(`no ${tpl} ${p} frame`);
      return frame.id;
    },
    [template, part] as const,
  );
}

/** Ids of the notes with this text: the original, its harvest copy and the need sent from it. */
function notesWithText(page: Page, text: string): Promise<{ id: string; part: string | null; parentId: string }[]> {
  return page.evaluate((wanted) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    const textOf = (node: unknown): string => {
      if (!node || typeof node !== 'object') return '';
      const n = node as { text?: string; content?: unknown[] };
      return (n.text ?? '') + (n.content ?? []).map(textOf).join('');
    };
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'note' && textOf(s.props.richText) === wanted)
      .map((s) => ({ id: s.id, part: s.meta.talkoot?.part ?? null, parentId: s.parentId }));
  }, text);
}

/** Writes notes at the café's tables, in round 1's area, as people at the tables would. */
async function writeAtTables(page: Page, notes: { text: string; table: number }[]): Promise<void> {
  await page.evaluate((list) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    const shapes = editor.getCurrentPageShapes();
    list.forEach(({ text, table }, i) => {
      const frame = shapes.find((s) => s.meta.talkoot?.part === 'table' && s.meta.talkoot.table === table)!;
      const area = shapes.find(
        (s) => s.meta.talkoot?.part === 'round' && s.meta.talkoot.table === table && s.meta.talkoot.round === 1,
      )!;
      const b = editor.getShapePageBounds(area.id)!;
      const id = `shape:cafe-${i}`;
      editor.createShape({
        id,
        type: 'note',
        x: b.x + 20 + i * 220,
        y: b.y + 60,
        props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } },
      });
      editor.reparentShapes([id], frame.id);
    });
  }, notes);
}

const select = (page: Page, id: string) =>
  page.evaluate((shapeId) => {
    (window as unknown as { __talkootEditor: Editor }).__talkootEditor.select(shapeId);
  }, id);

/** "Send as a need" on this board, from the note's own button and dialog. */
async function sendAsNeed(page: Page, shapeId: string): Promise<void> {
  await select(page, shapeId);
  await page.getByTestId('promote.open').click();
  await page.getByTestId('promote.send').click();
  await expect(page.getByTestId('promote.status')).not.toBeEmpty();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('promote.dialog')).toBeHidden();
}

/** Axe on everything but tldraw's canvas: no serious or critical findings, nothing outside landmarks. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { region: { enabled: true } } })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .exclude('.tl-container')
    .analyze();
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'region');
  expect(
    blocking.map((v) => `[${v.impact}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n'),
    `blocking axe violations on ${screen}`,
  ).toBe('');
}

/** Gives dots from the vote list to the ideas with these texts (one dot per mention). */
async function voteFromList(page: Page, texts: string[], how: 'click' | 'tap'): Promise<void> {
  await page.getByTestId('voting.list-open')[how]();
  for (const text of texts) {
    await page.getByTestId('voting.list-note').filter({ hasText: text }).getByTestId('voting.list-add')[how]();
  }
  await page.getByTestId('voting.list-close')[how]();
}

for (const lang of ['en', 'ar'] as const) {
  test.describe(`one idea, one vote (${lang})`, () => {
    test('after a harvest and "send as a need" each idea is listed and counted once, a vote keeps to its frame, and ties at the cut are seeded', async ({
      newPerson,
    }) => {
      // Two browsers, a café, a harvest, two needs, two votes and a plan: over a minute on 2 cores.
      test.slow();
      const sanna = await newPerson(LAPTOP);
      await sanna.goto(`/?lang=${lang}`);
      await sanna.getByTestId('home.title-input').fill('Welcome café');
      await sanna.getByTestId('home.template.world-cafe').check();
      await sanna.getByTestId('home.template.param.tables').fill('2');
      await sanna.getByTestId('home.template.param.rounds').fill('1');
      await sanna.getByTestId('home.name-input').fill('Sanna');
      await sanna.getByTestId('home.create').click();
      await expectOnline(sanna);
      // The café's ideas go on to a prioritisation on the same board.
      await sanna.getByTestId('templates.insert.open').click();
      await sanna.getByTestId('templates.insert.prioritisation').check();
      await sanna.getByTestId('templates.insert.submit').click();
      await expect.poll(() => frameOf(sanna, 'prioritisation', 'ideas').catch(() => null)).not.toBeNull();
      const needsFrame = await frameOf(sanna, 'prioritisation', 'ideas');

      await sanna.getByTestId('board.invite').click();
      const link = new URL((await sanna.getByTestId('board.invite-link').innerText()).trim());
      await sanna.keyboard.press('Escape');
      link.searchParams.set('lang', lang);
      const amina = await newPerson(IPAD);
      await joinByLink(amina, link.toString(), 'Amina');
      await expect(amina.locator('html')).toHaveAttribute('lang', lang);

      await writeAtTables(sanna, [
        { text: IDEAS.sauna, table: 1 },
        { text: IDEAS.tea, table: 2 },
        { text: IDEAS.bikes, table: 1 },
      ]);

      // To the harvest step (welcome, round 1, harvest), then gather the tables' notes.
      const title = sanna.getByTestId('session.step-title');
      for (let step = 0; step < 3; step++) {
        const before = (await title.count()) > 0 ? await title.innerText() : '';
        await sanna.getByTestId('facilitator.agenda.next').click();
        await expect(title).not.toHaveText(before);
      }
      await sanna.getByTestId('world-cafe.harvest').click();
      await expect.poll(async () => (await notesWithText(sanna, IDEAS.bikes)).length).toBe(2);
      // A vote opened now is offered for the current step's frame: the harvest.
      await expect(sanna.getByTestId('facilitator.voting.frame')).toHaveValue(
        await frameOf(sanna, 'world-cafe', 'harvest'),
      );

      // Two harvested notes are sent on as needs: Sauna and Tea now exist three times each.
      for (const text of [IDEAS.sauna, IDEAS.tea]) {
        const copy = (await notesWithText(sanna, text)).find((n) => n.part === 'harvested')!;
        await sendAsNeed(sanna, copy.id);
      }
      for (const text of [IDEAS.sauna, IDEAS.tea]) {
        await expect.poll(async () => (await notesWithText(amina, text)).length).toBe(3);
      }
      const saunaNeed = (await notesWithText(sanna, IDEAS.sauna)).find((n) => n.parentId === needsFrame)!;
      const saunaAtTable = (await notesWithText(sanna, IDEAS.sauna)).find((n) => n.part === null)!;
      const example = await sanna.evaluate(
        () =>
          (window as unknown as { __talkootEditor: Editor }).__talkootEditor
            .getCurrentPageShapes()
            .find((s) => s.meta.talkoot?.part === 'example')!.id,
      );

      // Vote 1, limited to the needs frame: only its two ideas can get dots, never the example.
      await sanna.getByTestId('facilitator.voting.frame').selectOption(needsFrame);
      await sanna.getByTestId('facilitator.voting.budget').fill('3');
      await sanna.getByTestId('facilitator.voting.open').click();
      await expect(sanna.getByTestId('facilitator.voting.frame-running')).toHaveAttribute('data-frame-id', needsFrame);
      await expect(amina.getByTestId('voting.bar')).toHaveAttribute('data-status', 'open');
      await amina.getByTestId('voting.list-open').tap();
      await expect(amina.getByTestId('voting.list-note')).toHaveCount(2);
      await expect(amina.getByTestId('voting.list-note').filter({ hasText: IDEAS.bikes })).toHaveCount(0);
      await amina.getByTestId('voting.list-close').tap();
      for (const outside of [saunaAtTable.id, example]) {
        await select(amina, outside);
        await expect(amina.getByTestId('voting.not-in-vote')).toBeVisible();
        await expect(amina.getByTestId('voting.add')).toBeDisabled();
      }
      await select(amina, saunaNeed.id);
      await expect(amina.getByTestId('voting.chosen')).toContainText(IDEAS.sauna);
      await expect(amina.getByTestId('voting.add')).toBeEnabled();
      await sanna.getByTestId('facilitator.voting.close').click();

      // Vote 2, the whole board: three ideas, however many copies.
      await sanna.getByTestId('facilitator.voting.frame').selectOption('');
      await sanna.getByTestId('facilitator.voting.open').click();
      await expect(sanna.getByTestId('facilitator.voting.frame-running')).toHaveAttribute('data-frame-id', '');
      const progress = sanna.getByTestId('facilitator.voting.progress');
      await expect(progress).toHaveText(PROGRESS[lang](0, 2));
      await amina.getByTestId('voting.list-open').tap();
      await expect(amina.getByTestId('voting.list-note')).toHaveCount(3);
      await expectAccessible(amina, `vote list of ideas, iPad (${lang})`);
      await amina.getByTestId('voting.list-close').tap();
      await voteFromList(amina, [IDEAS.sauna, IDEAS.tea], 'tap');
      // Her dot on Sauna counts on every copy of it: the need shows it too, and takes a second.
      await select(amina, saunaNeed.id);
      await expect(amina.getByTestId('voting.mine-here')).toHaveAttribute('data-count', '1');
      await amina.getByTestId('voting.add').tap();
      await expect(amina.getByTestId('voting.mine-here')).toHaveAttribute('data-count', '2');
      await expect(amina.getByTestId('voting.dots-left')).toHaveAttribute('data-left', '0');
      await expect(progress).toHaveText(PROGRESS[lang](1, 2));
      await voteFromList(sanna, [IDEAS.tea, IDEAS.bikes], 'click');
      await expect(progress).toHaveText(PROGRESS[lang](2, 2));
      await expect(progress).toHaveAttribute('data-voters', '2');
      await expectAccessible(sanna, `facilitator tools while voting, laptop (${lang})`);

      // The reveal: one entry per idea with all its copies' dots; Sauna and Tea share place 1.
      await sanna.getByTestId('facilitator.voting.reveal').click();
      for (const person of [sanna, amina]) {
        const entries = person.getByTestId('voting.ranking-entry');
        await expect(entries).toHaveCount(3);
        const entry = (text: string) => entries.filter({ hasText: text });
        await expect(entry(IDEAS.sauna)).toHaveAttribute('data-votes', '2');
        await expect(entry(IDEAS.sauna)).toHaveAttribute('data-rank', '1');
        await expect(entry(IDEAS.tea)).toHaveAttribute('data-votes', '2');
        await expect(entry(IDEAS.tea)).toHaveAttribute('data-rank', '1');
        await expect(entry(IDEAS.bikes)).toHaveAttribute('data-votes', '1');
        await expect(entry(IDEAS.bikes)).toHaveAttribute('data-rank', '3');
        await expect(person.locator(`[data-testid="voting.badge"][data-shape-id="${saunaNeed.id}"]`)).toHaveText('2');
      }

      // The top 1 is Sauna and Tea, tied: both are seeded, and the facilitator is told so first.
      await sanna.getByTestId('action-plan.seed.count').fill('1');
      await expect(sanna.getByTestId('action-plan.seed.ties')).toHaveAttribute('data-taken', '2');
      await expect(sanna.getByTestId('action-plan.seed.count')).toHaveAttribute('aria-describedby', /.+/);
      await sanna.getByTestId('action-plan.seed').click();
      await expect(sanna.getByTestId('action-plan.row')).toHaveCount(2);
      await expectAccessible(sanna, `ranking with a tie at the cut, laptop (${lang})`);
    });
  });
}
