import { readFileSync, writeFileSync } from 'node:fs';
import { b64Vecs } from '@tldraw/tlschema';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { FrameNotFoundError, renderBoardSvg } from './render-board-svg.ts';
import { JOURNEY, journeyBoard, noteRecord } from './testing.ts';

/** Parses strictly (well-formedness, entities, characters) and returns the element names in order. */
function parseXml(svg: string): string[] {
  const names: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => names.push(tag.local));
  parser.write(svg).close();
  return names;
}

/** Compares with a stored SVG (one element per line, for readable diffs); `UPDATE_GOLDEN=1` rewrites it. */
function expectGolden(name: string, svg: string) {
  const url = new URL(`./__golden__/${name}`, import.meta.url);
  const pretty = svg.replace(/></g, '>\n<') + '\n';
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, pretty);
  expect(pretty, `${name} changed; rerun with UPDATE_GOLDEN=1 if the change is intended`).toBe(
    readFileSync(url, 'utf8'),
  );
}

function shape(id: string, type: string, props: object, extra: object = {}): Record<string, unknown> {
  return {
    typeName: 'shape',
    id,
    type,
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    opacity: 1,
    props,
    ...extra,
  };
}
const page = { typeName: 'page', id: 'page:page', name: 'Page 1', index: 'a1' };
const geo = (id: string, extra: object = {}, props: object = {}) =>
  shape(id, 'geo', { geo: 'rectangle', w: 100, h: 50, color: 'blue', fill: 'solid', size: 'm', ...props }, extra);

describe('renderBoardSvg', () => {
  const redacted = { redactedShapeIds: new Set([JOURNEY.secretNote]), redactedLabel: 'Hidden by the facilitator' };

  it('draws a template board with notes as before (golden file)', () => {
    const { svg, width, height } = renderBoardSvg(journeyBoard(), redacted);
    expectGolden('journey-board.svg', svg);
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"`));
  });

  it('draws one frame cropped to it, without what lies outside it or on other pages (golden file)', () => {
    const board = journeyBoard();
    const frame = board.find((r) => (r as { id?: string }).id === JOURNEY.frame) as { props: { w: number; h: number } };
    const { svg, width, height } = renderBoardSvg(board, { frameId: JOURNEY.frame });
    expectGolden('journey-frame.svg', svg);
    expect(svg).not.toContain('Outside every');
    expect(svg).not.toContain('On the second page');
    expect(svg).toContain('is called Maria');
    // The frame plus its heading above it, with a margin of at least 32 on every side.
    expect(width).toBeGreaterThanOrEqual(frame.props.w + 64);
    expect(width).toBeLessThan(frame.props.w + 64 + frame.props.w / 50 + 2);
    expect(height).toBeGreaterThan(frame.props.h + 64);
    expect(height).toBeLessThan(frame.props.h + 64 + 100 + frame.props.w / 50);
    const whole = renderBoardSvg(board);
    expect(whole.width).toBeGreaterThan(width);
    expect(whole.svg).toContain('Outside every');
  });

  it('writes note text as escaped XML that parses, with no markup from the note', () => {
    const { svg } = renderBoardSvg(journeyBoard());
    const elements = parseXml(svg);
    expect(elements).not.toContain('script');
    expect(svg).toContain('>&lt;script&gt;alert(&quot;x&quot;</text>');
    expect(svg).toContain('>)&lt;/script&gt; &amp; ]]&gt;</text>');
    expect(svg).not.toContain('\u0001');
  });

  it('keeps XML well-formed whatever the text holds', () => {
    const nasty = [
      '\u0000\u0007\u001b',
      '\uD800 lone surrogate',
      '\uFFFE\uFFFF',
      '"\'<>&',
      ']]>',
      '<!-- -->',
      '&amp;',
    ].join('\n');
    const records = [
      page,
      noteRecord('shape:n', 'page:page', 0, 0, nasty),
      shape('shape:f', 'frame', { w: 300, h: 200, name: nasty }),
    ];
    const { svg } = renderBoardSvg(records, { redactedShapeIds: new Set(['shape:x']), redactedLabel: nasty });
    expect(() => parseXml(svg)).not.toThrow();
    expect(() =>
      parseXml(renderBoardSvg(records, { redactedShapeIds: new Set(['shape:n']), redactedLabel: nasty }).svg),
    ).not.toThrow();
  });

  it('gives right-to-left note paragraphs direction="rtl"', () => {
    const { svg } = renderBoardSvg(journeyBoard());
    const arabic = svg.split('<text ').filter((t) => t.includes('لم أجد'));
    expect(arabic).toHaveLength(1);
    expect(arabic[0]).toContain('direction="rtl"');
    const english = svg.split('<text ').filter((t) => t.includes('Nobody'));
    expect(english[0]).not.toContain('direction="rtl"');
  });

  it('draws redacted shapes as a grey box with the label and none of their text', () => {
    const { svg } = renderBoardSvg(journeyBoard(), redacted);
    expect(svg).not.toContain('Maria');
    expect(svg).toContain('Hidden by the');
    expect(renderBoardSvg(journeyBoard(), { redactedShapeIds: new Set([JOURNEY.secretNote]) }).svg).not.toContain(
      'Maria',
    );
  });

  it('skips malformed records and draws the rest', () => {
    const cyclicA = geo('shape:cycle-a', { parentId: 'shape:cycle-b' });
    const cyclicB = geo('shape:cycle-b', { parentId: 'shape:cycle-a' });
    const records: unknown[] = [
      null,
      'shape',
      42,
      [],
      { typeName: 'shape' },
      { ...geo('shape:nan'), x: Number.NaN },
      { ...geo('shape:huge'), x: 1e300 },
      { ...geo('shape:no-props'), props: null },
      geo('shape:negative', {}, { w: -5 }),
      geo('shape:orphan', { parentId: 'shape:missing' }),
      cyclicA,
      cyclicB,
      shape('shape:bad-note', 'note', {
        richText: { type: 'doc', content: [{ type: 'paragraph', content: 'nope' }] },
        growY: 'x',
      }),
      shape('shape:bad-draw', 'draw', { segments: [{ type: 'free', path: '!!not base64!!' }, null, { path: 'AAAA' }] }),
      shape('shape:bad-arrow', 'arrow', { start: { x: 'a' }, end: null }),
      shape('shape:bad-line', 'line', { points: 7 }),
      shape('shape:bad-image', 'image', { w: 10, h: 10, assetId: 'asset:none', crop: { topLeft: 'x' } }),
      shape('shape:weird', 'custom-thing', { w: 40, h: 40 }),
      { typeName: 'binding', type: 'arrow', fromId: 'shape:bad-arrow' },
      { typeName: 'asset', id: 'asset:x', props: null },
      page,
      geo(
        'shape:good',
        { x: 10, y: 20 },
        {
          w: 300,
          h: 100,
          richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Still here' }] }] },
        },
      ),
    ];
    const { svg, width, height } = renderBoardSvg(records);
    expect(() => parseXml(svg)).not.toThrow();
    expect(svg).toContain('Still here');
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
    expect(width).toBeLessThan(1000);
    expect(height).toBeLessThan(1000);
    // The weird shape gets a placeholder, the orphan and the cycle are on no page.
    expect(svg.match(/<g transform=/g)?.length).toBe(4);
  });

  it('orders siblings by fractional index compared as strings', () => {
    const records = [
      page,
      geo('shape:second', { index: 'a2' }, { color: 'red' }),
      geo('shape:first', { index: 'a10' }, { color: 'green' }),
    ];
    const { svg } = renderBoardSvg(records);
    // 'a10' < 'a2' as strings, so green is drawn first (below).
    expect(svg.indexOf('#099268')).toBeLessThan(svg.indexOf('#e03131'));
  });

  it('applies parents’ position and rotation to children and sizes the image to the rotated box', () => {
    const frame = shape(
      'shape:frame',
      'frame',
      { w: 200, h: 100, name: '' },
      { x: 1000, y: 500, rotation: Math.PI / 2 },
    );
    const child = geo('shape:child', { parentId: 'shape:frame', x: 10, y: 10 });
    const { svg, width, height } = renderBoardSvg([page, frame, child]);
    expect(svg).toContain('<g transform="translate(1000 500) rotate(90)">');
    expect(svg).toContain('<g transform="translate(10 10)">');
    expect(width).toBe(100 + 64);
    expect(height).toBe(200 + 64);
    expect(svg).toMatch(/viewBox="868 468 164 264"/);
  });

  it('draws opacity, only the first page, and stops at maxShapes', () => {
    const faded = geo('shape:faded', { opacity: 0.4 });
    const other = geo('shape:elsewhere', { parentId: 'page:two' }, { color: 'red' });
    const records = [page, { typeName: 'page', id: 'page:two', index: 'a2' }, faded, other];
    const { svg } = renderBoardSvg(records);
    expect(svg).toContain('opacity="0.4"');
    expect(svg).not.toContain('#e03131');
    const many = Array.from({ length: 50 }, (_, i) => geo(`shape:g${i}`, { x: i * 200 }));
    expect(renderBoardSvg([page, ...many], { maxShapes: 10 }).svg.match(/<path d="M0 0H100/g)).toHaveLength(10);
  });

  it('draws bent arrows as arcs that end at the edge of the shape they are bound to', () => {
    const target = geo('shape:target', { x: 300, y: 0 }, { w: 100, h: 100 });
    const arrow = shape('shape:arrow', 'arrow', {
      start: { x: 0, y: 50 },
      end: { x: 999, y: 999 },
      bend: 0,
      arrowheadEnd: 'triangle',
      size: 'm',
      color: 'black',
    });
    const binding = {
      typeName: 'binding',
      id: 'binding:1',
      type: 'arrow',
      fromId: 'shape:arrow',
      toId: 'shape:target',
      props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
    };
    expect(renderBoardSvg([page, target, arrow, binding]).svg).toContain('<path d="M0 50L300 50"/>');
    const bent = { ...arrow, props: { ...(arrow.props as object), bend: 60 } };
    const svg = renderBoardSvg([page, target, bent, binding]).svg;
    expect(svg).toMatch(/<path d="M0 50A[\d.]+ [\d.]+ 0 0 [01] 3\d\d(\.\d+)? [\d.]+"\/>/);
    // Without its binding the arrow keeps its own end point.
    expect(renderBoardSvg([page, target, arrow]).svg).toContain('<path d="M0 50L999 999"/>');
  });

  it('draws pen strokes, lines and images', () => {
    const stroke = shape('shape:pen', 'draw', {
      segments: [
        {
          type: 'free',
          path: b64Vecs.encodePoints([
            { x: 0, y: 0 },
            { x: 10, y: 10 },
            { x: 20, y: 0 },
          ]),
        },
      ],
      color: 'red',
      size: 'm',
    });
    const line = shape('shape:line', 'line', {
      points: { b: { id: 'b', index: 'a2', x: 100, y: 0 }, a: { id: 'a', index: 'a1', x: 0, y: 0 } },
      size: 'm',
    });
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const images = [
      shape('shape:img', 'image', { w: 50, h: 40, assetId: 'asset:png' }),
      shape('shape:remote', 'image', { w: 50, h: 40, assetId: 'asset:remote' }),
      { typeName: 'asset', id: 'asset:png', type: 'image', props: { src: png } },
      { typeName: 'asset', id: 'asset:remote', type: 'image', props: { src: 'https://example.org/x.png"/><script>' } },
    ];
    const { svg } = renderBoardSvg([page, stroke, line, ...images]);
    expect(svg).toContain('<path d="M0 0Q10 10 15 5L20 0"');
    expect(svg).toContain('<path d="M0 0L100 0"');
    expect(svg).toContain(`href="${png}"`);
    expect(svg).not.toContain('example.org');
    expect(() => parseXml(svg)).not.toThrow();
  });

  it('throws FrameNotFoundError for an id that is no frame on a page', () => {
    const board = journeyBoard();
    expect(() => renderBoardSvg(board, { frameId: 'shape:nope' })).toThrow(FrameNotFoundError);
    expect(() => renderBoardSvg(board, { frameId: JOURNEY.arabicNote })).toThrow(FrameNotFoundError);
  });

  it('leaves the background out on request', () => {
    const withBackground = renderBoardSvg([page, geo('shape:a')]).svg;
    expect(withBackground).toContain('fill="#f9fafb"');
    expect(renderBoardSvg([page, geo('shape:a')], { background: false }).svg).not.toContain('fill="#f9fafb"');
  });
});
