import type { Page } from '@playwright/test';
import { expect, expectOnline, expectProjectorReady, IPAD, joinByLink, test } from '../fixtures/talkoot.ts';

/** The prioritisation template's dot-voting frame (`partShapeId('prioritisation', 'voting')`). */
const VOTING_FRAME = 'shape:prioritisation.voting';
const NOTES = {
  cafe: { id: 'shape:vote-cafe', text: 'Language café on Fridays' },
  housing: { id: 'shape:vote-housing', text: 'Housing advice in Arabic' },
  mentors: { id: 'shape:vote-mentors', text: 'Job mentors' },
};

/** Creates a board with the prioritisation template from the home screen; returns the join link. */
async function createPrioritisationBoard(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByTestId('home.title-input').fill('What first?');
  await page.getByTestId('home.name-input').fill('Sanna');
  await page.getByTestId('home.template.prioritisation').check();
  await page.getByTestId('home.create').click();
  await expect(page.getByTestId('board.title')).toHaveText('What first?');
  await expectOnline(page);
  await page.getByTestId('board.invite').click();
  const link = await page.getByTestId('board.invite-link').innerText();
  await page.keyboard.press('Escape');
  return link.trim();
}

/** Puts three sticky notes into the voting frame, as the group would after clustering. */
async function addNotes(page: Page): Promise<void> {
  await page.evaluate(
    ({ frameId, notes }) => {
      type E = { createShape(shape: object): void };
      const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
      const doc = (text: string) => ({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
      });
      notes.forEach((note, i) =>
        editor.createShape({
          id: note.id,
          type: 'note',
          parentId: frameId,
          x: 40 + i * 260,
          y: 300,
          props: { richText: doc(note.text) },
        }),
      );
    },
    { frameId: VOTING_FRAME, notes: Object.values(NOTES) },
  );
}

/** Zooms the canvas to the voting frame, so its notes can be tapped. */
async function showVotingFrame(page: Page): Promise<void> {
  await page.waitForFunction(
    (ids) => {
      type E = { getShape(id: string): unknown };
      const editor = (window as unknown as { __talkootEditor?: E }).__talkootEditor;
      return ids.every((id) => editor?.getShape(id));
    },
    Object.values(NOTES).map((note) => note.id),
  );
  await page.evaluate((frameId) => {
    type E = { getShapePageBounds(id: string): object; zoomToBounds(bounds: object, opts: object): void };
    const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
    editor.zoomToBounds(editor.getShapePageBounds(frameId), { inset: 24 });
  }, VOTING_FRAME);
}

const noteOnCanvas = (page: Page, id: string) => page.locator(`[data-shape-type="note"][data-shape-id="${id}"]`);

/**
 * Taps a note on the canvas until the voting strip shows it as chosen. When the strip above the
 * canvas changes height (a notice comes or goes), tldraw learns the canvas's new place on the
 * next resize callback; on a loaded CI machine a tap can land before that and miss the note,
 * where a person would simply tap again.
 */
async function chooseNote(page: Page, note: { id: string; text: string }, how: 'click' | 'tap' = 'click') {
  await expect(async () => {
    await noteOnCanvas(page, note.id)[how]();
    await expect(page.getByTestId('voting.chosen')).toContainText(note.text, { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
}

const selectedIds = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    (
      window as unknown as { __talkootEditor: { getSelectedShapeIds(): string[] } }
    ).__talkootEditor.getSelectedShapeIds(),
  );

test.describe('dot voting', () => {
  test('participants spend their dots in secret, the budget holds, and the reveal ranks the notes', async ({
    page,
    newPerson,
  }) => {
    const link = await createPrioritisationBoard(page);
    await addNotes(page);

    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');
    const olga = await newPerson(IPAD);
    await joinByLink(olga, link, 'Olga');
    // No vote yet: no voting strip.
    await expect(amina.getByTestId('voting.bar')).toHaveCount(0);

    await page.getByTestId('facilitator.voting.budget').fill('3');
    await page.getByTestId('facilitator.voting.open').click();
    await expect(page.getByTestId('facilitator.voting.running')).toBeVisible();
    for (const person of [amina, olga]) {
      await expect(person.getByTestId('voting.bar')).toHaveAttribute('data-status', 'open');
      await expect(person.getByTestId('voting.dots-left')).toHaveAttribute('data-left', '3');
      await showVotingFrame(person);
    }

    // Amina taps a note and gives it two dots, then one to another note: all three are spent.
    await chooseNote(amina, NOTES.cafe);
    await expect(amina.getByTestId('voting.chosen')).toContainText(NOTES.cafe.text);
    await amina.getByTestId('voting.add').click();
    await amina.getByTestId('voting.add').click();
    await expect(amina.getByTestId('voting.mine-here')).toHaveAttribute('data-count', '2');
    await chooseNote(amina, NOTES.housing);
    await amina.getByTestId('voting.add').click();
    await expect(amina.getByTestId('voting.dots-left')).toHaveAttribute('data-left', '0');

    // A fourth dot is refused by the server, kindly.
    await amina.getByTestId('voting.add').click();
    await expect(amina.getByTestId('voting.error')).toContainText('You have no dots left');
    await expect(amina.getByTestId('voting.dots-left')).toHaveAttribute('data-left', '0');

    // She moves that dot: one back from the housing note, onto the job mentors.
    await amina.getByTestId('voting.remove').click();
    await expect(amina.getByTestId('voting.dots-left')).toHaveAttribute('data-left', '1');
    await expect(amina.getByTestId('voting.error')).toHaveCount(0);
    await chooseNote(amina, NOTES.mentors);
    await amina.getByTestId('voting.add').click();
    await expect(amina.getByTestId('voting.dots-left')).toHaveAttribute('data-left', '0');
    // Her own dots show on her notes; there are no totals yet.
    await expect(amina.locator(`[data-testid="voting.my-dots"][data-shape-id="${NOTES.cafe.id}"]`)).toHaveAttribute(
      'data-count',
      '2',
    );
    await expect(amina.getByTestId('voting.my-dots')).toHaveCount(2);
    await expect(amina.getByTestId('voting.badge')).toHaveCount(0);

    // Olga, on a tablet, taps the housing note once, then gives two dots from the list.
    await chooseNote(olga, NOTES.housing, 'tap');
    await olga.getByTestId('voting.add').tap();
    await expect(olga.getByTestId('voting.dots-left')).toHaveAttribute('data-left', '2');
    await olga.getByTestId('voting.list-open').tap();
    const mentors = olga.getByTestId('voting.list-note').filter({ hasText: NOTES.mentors.text });
    await mentors.getByTestId('voting.list-add').tap();
    await mentors.getByTestId('voting.list-add').tap();
    await expect(olga.getByTestId('voting.list-dots-left')).toContainText('0');
    await olga.getByTestId('voting.list-close').tap();
    // Amina's dots are secret: Olga sees only her own.
    await expect(olga.getByTestId('voting.my-dots')).toHaveCount(2);
    await expect(olga.locator(`[data-testid="voting.my-dots"][data-shape-id="${NOTES.cafe.id}"]`)).toHaveCount(0);

    // The reveal: totals on every canvas and the ranking beside it, most dots first.
    await page.getByTestId('facilitator.voting.reveal').click();
    const expected = [
      { note: NOTES.mentors, votes: 3, rank: 1 },
      { note: NOTES.cafe, votes: 2, rank: 2 },
      { note: NOTES.housing, votes: 1, rank: 3 },
    ];
    for (const person of [page, amina, olga]) {
      for (const { note, votes } of expected) {
        await expect(person.locator(`[data-testid="voting.badge"][data-shape-id="${note.id}"]`)).toHaveText(
          String(votes),
        );
      }
      await expect(person.getByTestId('voting.my-dots')).toHaveCount(0);
      const entries = person.getByTestId('voting.ranking-entry');
      await expect(entries).toHaveCount(3);
      await expect(person.getByTestId('voting.ranking-text')).toHaveText(expected.map(({ note }) => note.text));
      for (const [i, { votes, rank }] of expected.entries()) {
        await expect(entries.nth(i)).toHaveAttribute('data-rank', String(rank));
        await expect(entries.nth(i)).toHaveAttribute('data-votes', String(votes));
      }
    }

    // The projector shows the totals too.
    const projector = await page.context().newPage();
    await projector.goto(`${new URL(page.url()).pathname.replace(/\/$/, '')}/projector`);
    await expectProjectorReady(projector);
    await expect(projector.locator(`[data-testid="voting.badge"][data-shape-id="${NOTES.mentors.id}"]`)).toHaveText(
      '3',
    );
    await projector.close();

    // Choosing an entry shows that note on the canvas.
    await amina.getByTestId('voting.ranking-entry').nth(1).getByRole('button').click();
    await expect.poll(() => selectedIds(amina)).toEqual([NOTES.cafe.id]);

    // The outline lists the dots too.
    await olga.getByTestId('board.outline-open').tap();
    await expect(
      olga.locator(
        `[data-testid="outline.note"][data-shape-id="${NOTES.mentors.id}"] [data-testid="outline.note-votes"]`,
      ),
    ).toHaveAttribute('data-votes', '3');
  });

  test('observers see the vote but get no dots to give', async ({ page, newPerson }) => {
    const link = await createPrioritisationBoard(page);
    const watcher = await newPerson();
    await watcher.goto(link);
    await watcher.getByTestId('join.name-input').fill('Watcher');
    await watcher.getByTestId('join.observer').check();
    await watcher.getByTestId('join.submit').click();
    await expectOnline(watcher);

    await page.getByTestId('facilitator.voting.open').click();
    await expect(watcher.getByTestId('voting.bar')).toHaveAttribute('data-status', 'open');
    await expect(watcher.getByTestId('voting.add')).toHaveCount(0);
    await expect(watcher.getByTestId('voting.list-open')).toHaveCount(0);

    await page.getByTestId('facilitator.voting.reveal').click();
    await expect(watcher.getByTestId('voting.ranking-empty')).toBeVisible();
  });
});
