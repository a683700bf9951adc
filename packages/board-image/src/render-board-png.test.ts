import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOARD_FONT_FILES } from './board-fonts.ts';
import { BoardImageRenderError, pngZoom, renderBoardPng, renderBoardPngAsync } from './render-board-png.ts';
import { renderBoardSvg } from './render-board-svg.ts';
import { JOURNEY, journeyBoard, noteRecord } from './testing.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('renderBoardPng', () => {
  it('draws a PNG at twice the board size by default, so it stays sharp', () => {
    const { svg, width, height } = renderBoardSvg(journeyBoard(), { frameId: JOURNEY.frame });
    const png = renderBoardPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
    expect(pngSize(png)).toEqual({ width: width * 2, height: height * 2 });
  });

  it('draws at the scale asked for, and smaller when the image would pass maxPixels', () => {
    const { svg, width, height } = renderBoardSvg(journeyBoard(), { frameId: JOURNEY.frame });
    expect(pngSize(renderBoardPng(svg, { scale: 1 }))).toEqual({ width, height });
    const capped = pngSize(renderBoardPng(svg, { scale: 4, maxPixels: 1_000_000 }));
    expect(capped.width * capped.height).toBeLessThanOrEqual(1_000_000);
    expect(capped.width * capped.height).toBeGreaterThan(900_000);
    expect(Math.abs(capped.width / capped.height - width / height)).toBeLessThan(0.01);
  });

  it('renders off the main thread with the same result', async () => {
    const { svg } = renderBoardSvg(journeyBoard(), { frameId: JOURNEY.frame });
    const png = await renderBoardPngAsync(svg, { scale: 0.5 });
    expect(Buffer.from(png).equals(Buffer.from(renderBoardPng(svg, { scale: 0.5 })))).toBe(true);
  });

  it('survives shapes with opacity far outside the frame being drawn (resvg aborts on empty layers)', () => {
    const board = journeyBoard();
    const faded = { ...noteRecord('shape:faded', JOURNEY.frame, 50_000, 50_000, 'far away'), opacity: 0.5 };
    const group = {
      typeName: 'shape',
      id: 'shape:group',
      type: 'group',
      parentId: JOURNEY.frame,
      index: 'zz',
      x: -9000,
      y: 0,
      opacity: 0.3,
      props: {},
    };
    const inGroup = noteRecord('shape:in-group', 'shape:group', 0, 0, 'in a faded group');
    const image = {
      typeName: 'shape',
      id: 'shape:img',
      type: 'image',
      parentId: JOURNEY.frame,
      index: 'zy',
      x: 100,
      y: 100,
      opacity: 0.5,
      props: { w: 100, h: 100, assetId: 'asset:png', crop: { topLeft: { x: 3, y: 3 }, bottomRight: { x: 9, y: 9 } } },
    };
    const asset = { typeName: 'asset', id: 'asset:png', props: { src: 'data:image/png;base64,iVBORw0KGgo=' } };
    const records = [...board, faded, group, inGroup, image, asset];
    const { svg } = renderBoardSvg(records, { frameId: JOURNEY.frame });
    expect(svg).not.toContain('far away');
    expect([...renderBoardPng(svg, { scale: 0.25 }).subarray(0, 8)]).toEqual(SIGNATURE);
    expect([...renderBoardPng(renderBoardSvg(records).svg, { scale: 0.1 }).subarray(0, 8)]).toEqual(SIGNATURE);
  });

  it('reports a crash of the renderer as an error instead of going down with it', async () => {
    // A layer wholly off the canvas makes resvg 2.6.2 panic, which aborts the process it runs in.
    const crashing =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect x="500" y="500" width="10" height="10" opacity="0.5"/></svg>';
    expect(() => renderBoardPng(crashing)).toThrow(BoardImageRenderError);
    await expect(renderBoardPngAsync(crashing)).rejects.toThrow(BoardImageRenderError);
    expect([
      ...renderBoardPng(renderBoardSvg(journeyBoard(), { frameId: JOURNEY.frame }).svg, { scale: 0.1 }).subarray(0, 8),
    ]).toEqual(SIGNATURE);
  });

  it('loads its fonts from the bundled packages only', () => {
    expect(BOARD_FONT_FILES).toHaveLength(2);
    for (const file of BOARD_FONT_FILES) expect(existsSync(file)).toBe(true);
  });
});

describe('pngZoom', () => {
  it('keeps the scale for small boards and lowers it to fit the pixel budget', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="500" viewBox="0 0 1000 500"></svg>';
    expect(pngZoom(svg)).toBe(2);
    expect(pngZoom(svg, { scale: 3 })).toBe(3);
    expect(pngZoom(svg, { maxPixels: 500_000 })).toBeCloseTo(1, 2);
    expect(pngZoom(svg, { scale: Number.NaN })).toBe(2);
    expect(pngZoom(svg, { maxPixels: 1e15 })).toBe(2);
  });
});
