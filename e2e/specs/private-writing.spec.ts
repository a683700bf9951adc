import { createBoardAsFacilitator, expect, joinByLink, noteTexts, test } from '../fixtures/talkoot.ts';

const SECRET = 'My first weeks were lonely';

test.describe('private writing', () => {
  test('a participant’s note stays hidden from others until the facilitator reveals it', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Arrival stories', 'Sanna');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');
    const olga = await newPerson();
    await joinByLink(olga, link, 'Olga');

    await page.getByTestId('facilitator.private.start').click();
    for (const p of [amina, olga]) await expect(p.getByTestId('private.panel')).toBeVisible();
    await expect(page.getByTestId('facilitator.private.overview')).toBeVisible();

    await amina.getByTestId('private.input').fill(SECRET);
    await amina.getByTestId('private.add').click();
    await expect(amina.getByTestId('private.note')).toHaveText([new RegExp(SECRET)]);
    await expect(amina.getByTestId('private.input')).toHaveValue('');

    // The facilitator sees it in the overview, not on the canvas.
    const overview = page.getByTestId('facilitator.private.overview');
    await expect(overview.getByText(SECRET)).toBeVisible();
    expect(await noteTexts(page)).not.toContain(SECRET);

    // Olga never sees it, however long she looks.
    for (let i = 0; i < 6; i++) {
      expect(await noteTexts(olga)).not.toContain(SECRET);
      await expect(olga.getByText(SECRET)).toHaveCount(0);
      await olga.waitForTimeout(500);
    }

    await page.getByTestId('facilitator.private.reveal').click();
    await page.getByTestId('facilitator.private.reveal-confirm').click();
    for (const p of [olga, page, amina]) await expect.poll(() => noteTexts(p)).toContain(SECRET);
    for (const p of [amina, olga]) await expect(p.getByTestId('private.panel')).toBeHidden();
    await expect(page.getByTestId('facilitator.private.overview')).toBeHidden();
    await expect(page.getByTestId('facilitator.private.start')).toBeVisible();
  });
});
