import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, expectOnline, joinByLink, test } from '../fixtures/talkoot.ts';

const VOTING_FRAME = 'shape:prioritisation.voting';
const NOTES = [
  { id: 'shape:plan-housing', text: 'Housing advice in Arabic' },
  { id: 'shape:plan-mentors', text: 'Job mentors' },
  { id: 'shape:plan-cafe', text: 'Language café' },
];

async function createPrioritisationBoard(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByTestId('home.title-input').fill('Vantaa integration plan');
  await page.getByTestId('home.name-input').fill('Sanna');
  await page.getByTestId('home.template.prioritisation').check();
  await page.getByTestId('home.create').click();
  await expectOnline(page);
  await page.evaluate(
    ({ frameId, notes }) => {
      type E = { createShape(shape: object): void };
      const editor = (window as unknown as { __talkootEditor: E }).__talkootEditor;
      notes.forEach((note, i) =>
        editor.createShape({
          id: note.id,
          type: 'note',
          parentId: frameId,
          x: 40 + i * 260,
          y: 300,
          props: {
            richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: note.text }] }] },
          },
        }),
      );
    },
    { frameId: VOTING_FRAME, notes: NOTES },
  );
  await page.getByTestId('board.invite').click();
  const link = (await page.getByTestId('board.invite-link').innerText()).trim();
  await page.keyboard.press('Escape');
  return link;
}

/** Gives one dot to a note from the vote list (works whatever the camera shows). */
async function vote(page: Page, text: string, dots: number): Promise<void> {
  await page.getByTestId('voting.list-open').click();
  const note = page.getByTestId('voting.list-note').filter({ hasText: text });
  for (let i = 0; i < dots; i++) await note.getByTestId('voting.list-add').click();
  await page.getByTestId('voting.list-close').click();
}

test.describe('action plan', () => {
  test('vote, start the plan from the top of the ranking, edit it from two browsers, download the DOCX', async ({
    page,
    newPerson,
  }) => {
    // Two browsers, a vote, a plan and a DOCX: about a minute on a busy 2-core machine.
    test.slow();
    const link = await createPrioritisationBoard(page);
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');
    await page.getByTestId('facilitator.voting.budget').fill('3');
    await page.getByTestId('facilitator.voting.open').click();
    await expect(amina.getByTestId('voting.bar')).toHaveAttribute('data-status', 'open');
    await vote(amina, 'Job mentors', 2);
    await vote(amina, 'Housing advice in Arabic', 1);
    await vote(page, 'Housing advice in Arabic', 2);
    await page.getByTestId('facilitator.voting.reveal').click();
    await expect(page.getByTestId('voting.ranking-entry')).toHaveCount(2);

    // The facilitator takes the top two into the plan; rows carry the dots.
    await page.getByTestId('action-plan.seed.count').fill('2');
    await page.getByTestId('action-plan.seed').click();
    const rows = page.getByTestId('action-plan.row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByTestId('action-plan.title')).toHaveValue('Housing advice in Arabic');
    await expect(rows.nth(0).getByTestId('action-plan.votes')).toHaveText('Dots: 3');
    await expect(rows.nth(1).getByTestId('action-plan.title')).toHaveValue('Job mentors');

    // Amina opens the plan and fills in who is responsible; Sanna sees it live, and vice versa.
    await amina.getByTestId('action-plan.toggle').click();
    const aminaRows = amina.getByTestId('action-plan.row');
    await expect(aminaRows).toHaveCount(2);
    await aminaRows.nth(0).getByTestId('action-plan.responsible').fill('City housing services');
    await expect(rows.nth(0).getByTestId('action-plan.responsible')).toHaveValue('City housing services');
    await rows.nth(1).getByTestId('action-plan.indicators').fill('20 mentors by June');
    await rows.nth(1).getByTestId('action-plan.status').selectOption('agreed');
    await expect(aminaRows.nth(1).getByTestId('action-plan.indicators')).toHaveValue('20 mentors by June');
    await expect(aminaRows.nth(1).getByTestId('action-plan.status')).toHaveValue('agreed');

    // The strategy document.
    await page.getByTestId('export.open').click();
    await page.getByTestId('export.format.docx').check();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export.download').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await readFile((await download.path())!);
    // A DOCX is a zip whose entries include the main document part.
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(file.includes(Buffer.from('word/document.xml'))).toBe(true);
    await expect(page.getByTestId('export.status')).toContainText('.docx');
  });

  test('participants cannot export', async ({ page, newPerson }) => {
    const link = await createPrioritisationBoard(page);
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');
    await expect(amina.getByTestId('export.open')).toHaveCount(0);
    const boardId = new URL(amina.url()).pathname.split('/').pop()!;
    const status = await amina.evaluate(async (id) => {
      const token = JSON.parse(localStorage.getItem(`talkoot.session.${id}`)!).token as string;
      const response = await fetch(`/api/boards/${id}/export?format=docx`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return response.status;
    }, boardId);
    expect(status).toBe(403);
  });
});
