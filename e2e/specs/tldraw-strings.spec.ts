import type { Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, IPAD, joinByLink, test } from '../fixtures/talkoot.ts';

/** tldraw strings that stayed English in other languages: page name, notifications, shape and tool names. */
const ENGLISH =
  /^(Page 1|Notifications \(F8\)|Rhombus|Trapezoid|Triangle|Arc|Embed|Bookmark|Italic|Video|Spline|X box|Navigation|Zoom|Semi|Sans|Serif|Mono|Always snap|Edge scrolling|Sticky note|Note|Frame|Text|Rectangle|Ellipse|Arrow|Draw|Eraser|Select|Hand|Line|Highlighter|Laser|Media)\b/;

/** Every text, label and tooltip in tldraw's UI on the page that reads as one of {@link ENGLISH}. */
function englishTldrawStrings(page: Page): Promise<string[]> {
  return page.evaluate((source) => {
    const english = new RegExp(source);
    const found = new Set<string>();
    const container = document.querySelector('.tl-container');
    if (!container) return ['no tldraw container'];
    // The canvas holds what people wrote; only tldraw's UI (and its live regions) counts.
    const inCanvas = (element: Element) => element.closest('.tl-canvas, .tl-shapes') !== null;
    for (const element of [container, ...container.querySelectorAll('*')]) {
      if (inCanvas(element)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name)?.trim();
        if (value && english.test(value)) found.add(`${name}="${value}"`);
      }
      for (const node of element.childNodes) {
        const text = node.nodeType === Node.TEXT_NODE ? (node.nodeValue ?? '').trim() : '';
        if (text && english.test(text)) found.add(text);
      }
    }
    return [...found];
  }, ENGLISH.source);
}

for (const lang of ['ar', 'so'] as const) {
  test(`no English tldraw strings in ${lang} for a participant on an iPad and a facilitator on a laptop`, async ({
    page,
    newPerson,
  }) => {
    // An English board: its page is called "Page 1".
    await page.setViewportSize({ width: 1366, height: 768 });
    const link = await createBoardAsFacilitator(page, 'Old board', 'Sanna');
    const tablet = await newPerson(IPAD);
    await joinByLink(tablet, `${link}?lang=${lang}`, 'Amina');
    await page.goto(`${new URL(page.url()).pathname}?lang=${lang}`);
    await expect(page.getByTestId('board.connection')).toHaveAttribute('data-state', 'online');
    await page.waitForFunction(() => Boolean((window as { __talkootEditor?: unknown }).__talkootEditor));

    const pageName = lang === 'ar' ? 'الصفحة 1' : 'Bogga 1aad';
    for (const p of [page, tablet]) {
      await expect(p.getByTestId('page-menu.button')).toContainText(pageName);
      await expect(p.locator('[role="region"]:has(.tlui-toast__viewport)')).toHaveAttribute(
        'aria-label',
        lang === 'ar' ? 'الإشعارات (F8)' : 'Ogeysiisyada (F8)',
      );
    }

    // The facilitator's full tldraw UI: the geo tool with its shapes in the style panel, and the
    // tools that do not fit the toolbar; the page menu opened.
    await page.evaluate(() =>
      (window as unknown as { __talkootEditor: { setCurrentTool(id: string): void } }).__talkootEditor.setCurrentTool(
        'geo',
      ),
    );
    const more = page.getByTestId('tools.more-button');
    if (await more.isVisible()) await more.click();
    await page.waitForTimeout(300);
    expect(await englishTldrawStrings(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`facilitator-${lang}.png`) });
    await page.keyboard.press('Escape');
    await page.getByTestId('page-menu.button').click();
    await expect(page.getByTestId('page-menu.list')).toContainText(pageName);
    expect(await englishTldrawStrings(page)).toEqual([]);

    // The participant's calm canvas, with "more" tools open.
    await tablet.getByTestId('page-menu.button').tap();
    await expect(tablet.getByTestId('page-menu.list')).toContainText(pageName);
    expect(await englishTldrawStrings(tablet)).toEqual([]);
    await tablet.screenshot({ path: test.info().outputPath(`participant-${lang}.png`) });
  });
}
