import type { Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, expectOnline, joinByLink, test } from '../fixtures/talkoot.ts';

// A facilitator's laptop; the people dialog must fit without scrolling past the new action.
test.use({ viewport: { width: 1366, height: 768 } });

/** The co-facilitator link the open people dialog shows. */
async function coFacilitatorLink(page: Page): Promise<string> {
  return (await page.getByTestId('board.invite-co-facilitator').innerText()).trim();
}

/** Opens the people dialog, where facilitators find the co-facilitator link. */
async function openPeople(page: Page): Promise<void> {
  await page.getByTestId('facilitator.people.open').click();
  await expect(page.getByTestId('facilitator.people.dialog')).toBeVisible();
}

/** Opens a link, types a name and submits the join form (without waiting for a board). */
async function submitJoin(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByTestId('join.name-input').fill(name);
  await page.getByTestId('join.submit').click();
}

test.describe('the co-facilitator link', () => {
  test('a new link stops the old one at once and makes whoever opens it a facilitator', async ({
    page,
    newPerson,
  }, testInfo) => {
    await createBoardAsFacilitator(page, 'Planning day', 'Sanna');
    await openPeople(page);
    const oldLink = await coFacilitatorLink(page);
    expect(oldLink).toMatch(/\/join\//);
    await expect(page.getByTestId('board.rotate-co-facilitator-hint')).toHaveText(
      'A new link stops the old one from working at once. Facilitators already on the board stay.',
    );

    await page.getByTestId('board.rotate-co-facilitator').click();
    await expect(page.getByTestId('board.rotate-co-facilitator-hint')).toHaveText(
      'New co-facilitator link made. The old link no longer works.',
    );
    await expect(page.getByTestId('board.invite-co-facilitator')).not.toHaveText(oldLink);
    const newLink = await coFacilitatorLink(page);
    expect(newLink).toMatch(/\/join\//);
    await expect(page.getByTestId('board.rotate-co-facilitator')).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath('people-dialog-new-co-facilitator-link.png') });

    // The old link: the join page says there is no such board, and nobody got in.
    const mallory = await newPerson();
    await submitJoin(mallory, oldLink, 'Mallory');
    await expect(mallory.getByTestId('join.error')).toHaveText(
      'There is no board with this code. Check the code and try again.',
    );
    await expect(mallory).toHaveURL(/\/join\//);

    // The new link makes a co-facilitator: the facilitator's tools and the invite button are there.
    const jussi = await newPerson();
    await joinByLink(jussi, newLink, 'Jussi');
    await expect(jussi.getByTestId('facilitator.tools-toggle')).toBeVisible();
    await expect(jussi.getByTestId('board.invite')).toBeVisible();

    // The dialog keeps showing the new link when it is opened again.
    await page.keyboard.press('Escape');
    await openPeople(page);
    await expect(page.getByTestId('board.invite-co-facilitator')).toHaveText(newLink);
  });

  test('removing a co-facilitator replaces the link; the creator cannot be removed', async ({ page, newPerson }) => {
    await createBoardAsFacilitator(page, 'Planning day', 'Sanna');
    await openPeople(page);
    const link = await coFacilitatorLink(page);
    await page.keyboard.press('Escape');

    const jussi = await newPerson();
    await joinByLink(jussi, link, 'Jussi');
    await expectOnline(jussi);

    // Jussi, a co-facilitator, is offered no way to remove Sanna, who created the board.
    await jussi.getByTestId('facilitator.people.open').click();
    const sannaRow = jussi.getByTestId('facilitator.people.row').filter({ hasText: 'Sanna' });
    await expect(sannaRow.getByTestId('facilitator.people.creator')).toHaveText('Created the board');
    await expect(sannaRow.getByTestId('facilitator.people.remove')).toHaveCount(0);
    await jussi.keyboard.press('Escape');

    // Sanna removes Jussi: her people dialog shows a new link at once, and his old one is dead.
    await page.getByTestId('facilitator.people.open').click();
    const jussiRow = page.getByTestId('facilitator.people.row').filter({ hasText: 'Jussi' });
    await jussiRow.getByTestId('facilitator.people.remove').click();
    await page.getByTestId('facilitator.people.remove-confirm').click();
    await expect(jussiRow).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('board.invite-co-facilitator')).not.toHaveText(link);

    const again = await newPerson();
    await submitJoin(again, link, 'Jussi');
    await expect(again.getByTestId('join.error')).toBeVisible();
  });
});

test.describe('changes left out when a board loaded', () => {
  // page.route does not see what the service worker fetches (it serves the board info network-first).
  test.use({ serviceWorkers: 'block' });

  test('the facilitator is told calmly, and a hidden notice stays hidden for the session', async ({
    page,
  }, testInfo) => {
    // A board with hostile stored changes cannot be made through the API any more (the server
    // checks every update), so the board info is given the count the server would send.
    await page.route(/\/api\/boards\/[^/]+$/, async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, leftOutChanges: 3 } });
    });
    await createBoardAsFacilitator(page, 'Old board', 'Sanna');
    const notice = page.getByTestId('board.left-out');
    await expect(notice).toHaveText(
      /3 changes stored for this board could not be applied safely, so they were left out\. Everything else is here\./,
    );
    await expect(notice).toHaveAccessibleName('Changes left out');
    await page.screenshot({ path: testInfo.outputPath('left-out-notice.png') });

    await page.getByTestId('board.left-out-dismiss').click();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('board.title')).toHaveText('Old board');
    await expectOnline(page);
    await expect(notice).toHaveCount(0);
  });
});
