import { instantiateTemplate } from '@talkoot/templates';
import { describe, expect, it } from 'vitest';
import { textFontSizeOf } from './palette.ts';
import { richTextToParagraphs } from './rich-text-to-paragraphs.ts';
import { textHeight, wrapParagraphs } from './text-layout.ts';
import { translator } from './testing.ts';

type Shape = { id: string; type: string; parentId: string; x: number; y: number; props: Record<string, unknown> };
type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A shape's box in its frame as the export draws it: text shapes as tall as their wrapped lines. */
function drawnBox(shape: Shape): Box {
  const p = shape.props;
  if (shape.type === 'text') {
    const fontSize = textFontSizeOf(p.size);
    const w = p.w as number;
    const lines = wrapParagraphs(richTextToParagraphs(p.richText), fontSize, w);
    return { x: shape.x, y: shape.y, w, h: textHeight(lines.length, fontSize) };
  }
  if (shape.type === 'note') return { x: shape.x, y: shape.y, w: 200, h: 200 };
  return { x: shape.x, y: shape.y, w: p.w as number, h: p.h as number };
}

describe('template texts in the board image', () => {
  const cases = ['en', 'fi', 'sv', 'ar', 'fa', 'uk', 'ru', 'so'].flatMap((language) =>
    [
      { tables: 4, rounds: 1 },
      { tables: 4, rounds: 2 },
      { tables: 4, rounds: 3 },
    ].map((params) => ({ language, params })),
  );

  it.each(cases)('never overlap what lies under them: world café $params in $language', ({ language, params }) => {
    const { records } = instantiateTemplate('world-cafe', params, { language, t: translator(language) });
    const shapes = records.filter((r) => r.typeName === 'shape') as unknown as Shape[];
    const frames = shapes.filter((s) => s.type === 'frame');
    let labels = 0;
    for (const frame of frames) {
      const children = shapes.filter((s) => s.parentId === frame.id);
      for (const label of children.filter((s) => s.type === 'text')) {
        labels++;
        const box = drawnBox(label);
        expect(box.y + box.h, `${label.id} inside its frame`).toBeLessThanOrEqual(frame.props.h as number);
        for (const other of children) {
          if (other === label || other.y < label.y) continue;
          expect(overlaps(box, drawnBox(other)), `${label.id} over ${other.id}`).toBe(false);
        }
      }
    }
    expect(labels).toBe(params.tables * 2);
  });
});
