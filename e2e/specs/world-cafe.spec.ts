import type { Page } from '@playwright/test';
import { expect, expectOnline, joinByLink, noteTexts, test, waitForTextEditing } from '../fixtures/talkoot.ts';

type Tags = { template?: string; part?: string; table?: number; round?: number };
type Editor = {
  getCurrentPageShapes(): { id: string; type: string; meta: { talkoot?: Tags } }[];
  getShapePageBounds(id: string): { x: number; y: number; w: number; h: number } | undefined;
  pageToScreen(point: { x: number; y: number }): { x: number; y: number };
};

/** Template parts of one kind on the board, read from the editor. */
function parts(page: Page, part: string): Promise<Tags[]> {
  return page.evaluate((wanted) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    return editor
      .getCurrentPageShapes()
      .map((s) => s.meta.talkoot ?? {})
      .filter((tags) => tags.part === wanted);
  }, part);
}

/** Where on the screen the middle of a table's round area is. */
function roundAreaOnScreen(page: Page, table: number, round: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([t, r]) => {
      const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
      const area = editor
        .getCurrentPageShapes()
        .find((s) => s.meta.talkoot?.part === 'round' && s.meta.talkoot.table === t && s.meta.talkoot.round === r)!;
      const b = editor.getShapePageBounds(area.id)!;
      return editor.pageToScreen({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
    },
    [table, round] as const,
  );
}

test.describe('world café', () => {
  test('a café with 4 tables: suggested tables, a timed round at the tables, then the harvest', async ({
    page,
    newPerson,
  }) => {
    // The facilitator picks the method and the number of tables on the start page.
    await page.goto('/');
    await page.getByTestId('home.title-input').fill('Welcome café, Vantaa');
    await page.getByTestId('home.template.world-cafe').check();
    await page.getByTestId('home.template.param.tables').fill('4');
    await page.getByTestId('home.template.param.rounds').fill('1');
    await page.getByTestId('home.name-input').fill('Sanna');
    await page.getByTestId('home.create').click();
    await expectOnline(page);
    await expect.poll(async () => (await parts(page, 'table')).length).toBe(4);
    await expect.poll(async () => (await parts(page, 'harvest')).length).toBeGreaterThan(0);

    await page.getByTestId('board.invite').click();
    const link = (await page.getByTestId('board.invite-link').innerText()).trim();
    await page.keyboard.press('Escape');
    const guests = [await newPerson(), await newPerson()];
    await joinByLink(guests[0]!, link, 'Amina');
    await joinByLink(guests[1]!, link, 'Olek');

    // Welcome, then round 1: everyone is told which table to go to. "Next" goes to the step after
    // the one the facilitator sees, so a second tap before the first arrived stays on that step.
    await page.getByTestId('facilitator.agenda.next').click();
    await expect(page.getByTestId('session.step-title')).toHaveText('Welcome and how the café works');
    await page.getByTestId('facilitator.agenda.next').click();
    await expect(page.getByTestId('session.step-title')).toHaveText('Round 1');
    const tables: number[] = [];
    for (const guest of guests) {
      const seat = guest.getByTestId('world-cafe.seat');
      await expect(seat).toHaveText(/Round 1: your table is Table [1-4]\./);
      tables.push(Number(/Table (\d)/.exec((await seat.textContent()) ?? '')![1]));
    }
    // Two people, four tables: they start at different tables.
    expect(new Set(tables).size).toBe(2);

    // The round runs on the shared timer, with the step's 20 minutes.
    await page.getByTestId('facilitator.agenda.use-timer').click();
    await page.getByTestId('facilitator.timer.start').click();
    for (const guest of guests)
      await expect(guest.getByTestId('session.timer')).toHaveAttribute('data-status', 'running');

    // Each writes a note at their table.
    const texts = ['Night classes for parents', 'A buddy at the job centre'];
    for (const [i, guest] of guests.entries()) {
      await guest.getByTestId('world-cafe.seat.show').click();
      await guest.waitForTimeout(400);
      const spot = await roundAreaOnScreen(guest, tables[i]!, 1);
      await guest.keyboard.press('n');
      await guest.mouse.click(spot.x, spot.y);
      await waitForTextEditing(guest);
      await guest.keyboard.type(texts[i]!);
      await guest.keyboard.press('Escape');
    }
    await expect.poll(async () => (await noteTexts(page)).sort()).toEqual([...texts].sort());

    // Harvest: the facilitator gathers every table's notes into the harvest frame.
    await page.getByTestId('facilitator.agenda.next').click();
    await expect(page.getByTestId('session.step-title')).toHaveText('Harvest');
    await page.getByTestId('world-cafe.harvest').click();
    await expect(page.getByTestId('world-cafe.harvest.status')).toHaveText('Notes in the harvest: 2');
    for (const p of [page, ...guests]) {
      await expect
        .poll(async () => (await parts(p, 'harvested')).map((tags) => tags.table).sort())
        .toEqual([...tables].sort());
    }
    // Harvesting again duplicates nothing.
    await page.getByTestId('world-cafe.harvest').click();
    await expect(page.getByTestId('world-cafe.harvest.status')).toHaveText('Notes in the harvest: 2');
    await expect.poll(async () => (await noteTexts(guests[0]!)).length).toBe(4);
  });
});
