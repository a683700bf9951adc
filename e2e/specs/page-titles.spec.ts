import { createBoardAsFacilitator, expect, expectOnline, expectProjectorReady, test } from '../fixtures/talkoot.ts';

/**
 * Every screen names itself in the window title (WCAG 2.4.2), in the UI language: the tab, the
 * history and a screen reader's window list say where the person is.
 */
test.describe('page titles', () => {
  test('the start and join pages, following the language picker', async ({ page }) => {
    await page.goto('/?lang=en');
    await expect(page).toHaveTitle('Create or join a board – Talkoot');
    await page.getByTestId('app.language').selectOption('fi');
    await expect(page).toHaveTitle('Luo taulu tai liity tauluun – Talkoot');

    await page.goto('/join/ABC234?lang=ar');
    await expect(page).toHaveTitle('الانضمام إلى لوحة – Talkoot');
    await page.getByTestId('app.language').selectOption('en');
    await expect(page).toHaveTitle('Join a board – Talkoot');
  });

  test('the board for each role, the projector and a browser that has not joined', async ({ page, newPerson }) => {
    test.slow();
    const link = await createBoardAsFacilitator(page, 'Welcome café', 'Sanna');
    const boardPath = new URL(page.url()).pathname;
    await expect(page).toHaveTitle('Welcome café (Facilitator) – Talkoot');
    await page.getByTestId('board.language').selectOption('ar');
    await expect(page).toHaveTitle('Welcome café (ميسّر) – Talkoot');
    await page.getByTestId('board.language').selectOption('en');
    await expect(page).toHaveTitle('Welcome café (Facilitator) – Talkoot');
    // A dialog does not change where the person is.
    await page.getByTestId('export.open').click();
    await expect(page.getByTestId('export.dialog')).toBeVisible();
    await expect(page).toHaveTitle('Welcome café (Facilitator) – Talkoot');
    await page.keyboard.press('Escape');

    const projector = await page.context().newPage();
    await projector.goto(`${boardPath}/projector`);
    await expectProjectorReady(projector);
    await expect(projector.getByTestId('projector.join-code')).toBeVisible();
    await expect(projector).toHaveTitle('Welcome café (Projector) – Talkoot');

    const amina = await newPerson();
    await amina.goto(`${link}?lang=sv`);
    await expect(amina).toHaveTitle('Gå med i en tavla – Talkoot');
    await amina.getByTestId('join.name-input').fill('Amina');
    await amina.getByTestId('join.submit').click();
    await expectOnline(amina);
    await expect(amina).toHaveTitle('Welcome café – Talkoot');

    const watcher = await newPerson();
    await watcher.goto(`${link}?lang=uk`);
    await watcher.getByTestId('join.name-input').fill('Olga');
    await watcher.getByTestId('join.observer').check();
    await watcher.getByTestId('join.submit').click();
    await expectOnline(watcher);
    await expect(watcher).toHaveTitle('Welcome café (Тільки перегляд) – Talkoot');

    const stranger = await newPerson();
    await stranger.goto(`${boardPath}?lang=en`);
    await expect(stranger).toHaveTitle('You have not joined this board yet – Talkoot');
  });
});
