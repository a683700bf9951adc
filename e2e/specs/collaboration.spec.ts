import {
  createBoardAsFacilitator,
  expect,
  expectOnline,
  ForeignRequests,
  IPAD,
  joinByLink,
  noteTexts,
  test,
  waitForTextEditing,
} from '../fixtures/talkoot.ts';

test.describe('two people on one board', () => {
  test('a sticky note made by one appears for the other, survives a reload, and cursors carry names', async ({
    page,
    newPerson,
  }) => {
    const link = await createBoardAsFacilitator(page, 'Journey map, Espoo', 'Maia');
    const amina = await newPerson();
    await joinByLink(amina, link, 'Amina');

    // Maia creates a sticky note with the note tool and types into it.
    const canvas = (await page.locator('.tl-canvas').boundingBox())!;
    await page.keyboard.press('n');
    await page.mouse.click(canvas.x + 400, canvas.y + 300);
    await waitForTextEditing(page);
    await page.keyboard.type('Language course waiting list');
    await page.keyboard.press('Escape');

    await expect.poll(() => noteTexts(amina)).toEqual(['Language course waiting list']);

    // Amina's cursor, labelled with her name, shows up for Maia.
    await amina.mouse.move(300, 300);
    await amina.mouse.move(320, 330, { steps: 5 });
    await expect(page.locator('.tl-collaborator__cursor, .tl-collaborator-cursor').first()).toBeVisible();
    await expect(page.getByText('Amina', { exact: true }).first()).toBeVisible();

    await amina.reload();
    await expectOnline(amina);
    await expect.poll(() => noteTexts(amina)).toEqual(['Language course waiting list']);
  });

  test('a participant on an iPad-sized touch screen can create a note with a finger', async ({ page, newPerson }) => {
    const link = await createBoardAsFacilitator(page, 'Touch test', 'Magdalena');
    const tablet = await newPerson(IPAD);
    await joinByLink(tablet, link, 'Olga');
    await tablet.getByTestId('tools.note').tap();
    const box = (await tablet.locator('.tl-canvas').boundingBox())!;
    await tablet.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 3);
    await waitForTextEditing(tablet);
    await tablet.keyboard.type('Found a job through a friend');
    await tablet.keyboard.press('Escape');
    await expect.poll(() => noteTexts(page)).toEqual(['Found a job through a friend']);
  });

  test("the board's default page name is shown in each reader's language, not tldraw's English default", async ({
    page,
    newPerson,
  }) => {
    // The board is made in Finnish (the language of the start page when it is created).
    const link = await createBoardAsFacilitator(page, 'Kotoutumisen työpaja', 'Sanna', 'fi');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
    await expect(page.getByTestId('page-menu.button')).toHaveText('Sivu 1');

    // A participant reading English sees it in English: a default name is shown in each reader's
    // language, like the template's texts (a name someone typed stays as typed).
    const amina = await newPerson();
    await joinByLink(amina, `${link}?lang=en`, 'Amina');
    await expect(amina.getByTestId('page-menu.button')).toHaveText('Page 1');
  });

  test('the origin watch itself catches requests, images and websockets to other hosts', async ({
    browser,
    baseURL,
  }) => {
    // Every other test relies on this watch to prove that nothing leaves the origin.
    const watch = new ForeignRequests(baseURL!);
    const context = await browser.newContext({ baseURL });
    watch.watch(context);
    const page = await context.newPage();
    await page.goto('/');
    expect(watch.urls).toEqual([]);
    // The app's content security policy stops scripts from connecting elsewhere, but not images.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://cdn.tldraw.com/probe.png';
      document.body.append(img);
    });
    // A page without that policy: requests and websockets reach the watch, never the host.
    const blank = await context.newPage();
    const reached = await blank.evaluate(async () => {
      new WebSocket('wss://sync.example.org/probe');
      return fetch('https://cdn.tldraw.com/probe.json').then(
        () => true,
        () => false,
      );
    });
    expect(reached, 'other hosts are unreachable from the test browser').toBe(false);
    await expect
      .poll(() => [...watch.urls].sort())
      .toEqual([
        'https://cdn.tldraw.com/probe.json',
        'https://cdn.tldraw.com/probe.png',
        'wss://sync.example.org/probe',
      ]);
    await context.close();
  });
});
