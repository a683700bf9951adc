import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { createBoardAsFacilitator, expect, IPAD, joinByLink, test } from '../fixtures/talkoot.ts';

test.use({ viewport: { width: 1366, height: 768 } });

type Shape = { id: string; type: string; parentId: string; props: { assetId?: string } };
type Asset = { id: string; props: { src: string | null } };
type Editor = {
  getCurrentPageShapes(): Shape[];
  getAssets(): Asset[];
  getCroppingShapeId(): string | null;
  getShapePageBounds(id: string): { x: number; y: number; w: number; h: number } | undefined;
  pageToScreen(point: { x: number; y: number }): { x: number; y: number };
  select(id: string): void;
  zoomToSelection(): void;
  selectNone(): void;
};

/** A PNG of `width` × `height` pixels, a photo of a flipchart as far as the app can tell (CRC left out: browsers do not check it). */
function flipchartPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(x % 200 < 100 ? [250, 250, 240] : [30, 90, 200], 1 + x * 3);
  const rows = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const editorOf = (page: Page) =>
  page.evaluate(() => !!(window as unknown as { __talkootEditor?: Editor }).__talkootEditor);

/** The image shapes on the page with their asset's src. */
function images(page: Page): Promise<{ id: string; parentId: string; src: string | null }[]> {
  return page.evaluate(() => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    const assets = new Map(editor.getAssets().map((a) => [a.id, a.props.src]));
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'image')
      .map((s) => ({ id: s.id, parentId: s.parentId, src: assets.get(s.props.assetId ?? '') ?? null }));
  });
}

/** The first drawn picture on the canvas: its loaded size and where it comes from. */
function drawnImage(page: Page) {
  return page.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>('.tl-canvas img');
    if (!img?.complete || img.naturalWidth === 0) return null;
    return { src: img.src, width: img.naturalWidth, height: img.naturalHeight };
  });
}

/** The stored asset at `src` as the server serves it, read with this page's member token. */
async function storedAsset(page: Page, src: string) {
  const token = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('talkoot.session.'))!;
    return (JSON.parse(localStorage.getItem(key)!) as { token: string }).token;
  });
  const response = await page.request.get(src, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status(), type: response.headers()['content-type'], size: (await response.body()).length };
}

test('a photo taken on a tablet is shrunk, uploaded to the board’s store and seen by the facilitator, who can crop it', async ({
  page,
  newPerson,
}) => {
  const link = await createBoardAsFacilitator(page, 'Flipcharts', 'Sanna');
  const amina = await newPerson({ ...IPAD });
  await joinByLink(amina, link, 'Amina');
  await expect.poll(() => editorOf(amina)).toBe(true);

  // A 3000 × 2000 photo from the file chooser (the camera, on a real tablet).
  const chooser = amina.waitForEvent('filechooser');
  await amina.getByTestId('canvas.add-photo').tap();
  const files = await chooser;
  expect(await files.element().getAttribute('accept')).toBe('image/*');
  expect(await files.element().getAttribute('capture')).toBe('environment');
  await files.setFiles({ name: 'flipchart.png', mimeType: 'image/png', buffer: flipchartPng(3000, 2000) });

  // The record names the board's asset store, never a data: URL.
  await expect
    .poll(async () => (await images(amina))[0]?.src ?? null, { timeout: 30_000 })
    .toMatch(/^\/api\/boards\/[^/]+\/assets\/[0-9a-f]{64}$/);
  const [placed] = await images(amina);

  // What was stored is a JPEG at most 2048 px on its longest side, drawn on the facilitator's laptop.
  await expect.poll(async () => (await images(page))[0]?.src ?? null).toBe(placed!.src);
  await expect.poll(() => drawnImage(page), { timeout: 20_000 }).not.toBeNull();
  const drawn = (await drawnImage(page))!;
  expect(drawn.src.startsWith('blob:')).toBe(true);
  expect({ width: drawn.width, height: drawn.height }).toEqual({ width: 2048, height: 1365 });
  const stored = await storedAsset(amina, placed!.src!);
  expect(stored.status).toBe(200);
  expect(stored.type).toBe('image/jpeg');
  // Without the member's token the picture is not served.
  expect((await page.request.get(placed!.src!)).status()).toBe(401);
  await page.screenshot({ path: test.info().outputPath('facilitator-sees-photo.png') });
  await amina.screenshot({ path: test.info().outputPath('tablet-photo.png') });

  // The facilitator crops it: a double click on the picture opens tldraw's crop handles.
  const centre = await page.evaluate((id) => {
    const editor = (window as unknown as { __talkootEditor: Editor }).__talkootEditor;
    editor.select(id);
    editor.zoomToSelection();
    editor.selectNone();
    const b = editor.getShapePageBounds(id)!;
    return editor.pageToScreen({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
  }, placed!.id);
  await page.mouse.dblclick(centre.x, centre.y);
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { __talkootEditor: Editor }).__talkootEditor.getCroppingShapeId()),
    )
    .toBe(placed!.id);
});

test('an observer has no photo button', async ({ page, newPerson }) => {
  const link = await createBoardAsFacilitator(page, 'Watching', 'Sanna');
  const olli = await newPerson({ ...IPAD });
  await olli.goto(link);
  await olli.getByTestId('join.name-input').fill('Olli');
  await olli.getByTestId('join.observer').check();
  await olli.getByTestId('join.submit').click();
  await expect.poll(() => editorOf(olli)).toBe(true);
  await expect(olli.getByTestId('canvas.add-photo')).toHaveCount(0);
});
