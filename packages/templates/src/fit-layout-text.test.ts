import { describe, expect, it } from 'vitest';
import { estimateTextHeight, fitLayoutText } from './fit-layout-text.ts';
import type { TemplateLayout } from './template-definition.ts';

const long = 'Where do newcomers and people who have lived here long meet — and where could they meet more often?';
const t = (key: string) =>
  key === 'q.long' ? long : key === 'q.hint' ? '(The facilitator can change this.)' : 'Short';

const frame = (slug: string, x: number, y: number, question: string, hint?: string): TemplateLayout[number] => ({
  kind: 'frame',
  slug,
  x,
  y,
  w: 420,
  h: 760,
  label: { key: 'frame' },
  tags: { part: 'table' },
  children: [
    {
      kind: 'label',
      slug: `${slug}.question`,
      x: 40,
      y: 40,
      w: 340,
      text: { key: question, ...(hint ? { hint } : {}) },
      size: 'm',
      tags: { part: 'question' },
    },
    {
      kind: 'label',
      slug: `${slug}.host`,
      x: 40,
      y: 130,
      w: 340,
      text: { key: 'q.short' },
      size: 's',
      tags: { part: 'host' },
    },
    {
      kind: 'area',
      slug: `${slug}.round`,
      x: 40,
      y: 220,
      w: 340,
      h: 500,
      label: null,
      color: 'blue',
      tags: { part: 'round' },
    },
  ],
});

describe('fitLayoutText', () => {
  it('estimates more lines for a longer text and a narrower box', () => {
    expect(estimateTextHeight(long, 'm', 340)).toBeGreaterThan(estimateTextHeight(long, 'm', 980));
    expect(estimateTextHeight('Short', 'm', 340)).toBeLessThan(60);
    expect(estimateTextHeight('a\nb', 's', 340)).toBeGreaterThan(estimateTextHeight('a', 's', 340));
  });

  it('pushes what lies under a long text down, grows its frame, and moves the frames below with it', () => {
    const layout = [
      frame('t1', 0, 0, 'q.long', 'q.hint'),
      frame('t2', 540, 0, 'q.short'),
      frame('t3', 0, 880, 'q.short'),
    ];
    const fitted = fitLayoutText(layout, t) as Extract<TemplateLayout[number], { kind: 'frame' }>[];
    const [t1, t2, t3] = fitted;
    const question = t1!.children[0]!;
    const bottom = question.y + estimateTextHeight(`${long} ${t('q.hint')}`, 'm', 340);
    expect(t1!.children[1]!.y).toBeGreaterThanOrEqual(bottom);
    expect(t1!.children[2]!.y).toBeGreaterThan(t1!.children[1]!.y);
    const grown = t1!.h - 760;
    expect(grown).toBe(t1!.children[2]!.y - 220);
    // The short question beside it leaves its frame as it was; the frame under the long one moves down.
    expect(t2).toBe(layout[1]);
    expect(t3!.y).toBe(880 + grown);
    expect(t1!.y + t1!.h).toBeLessThan(t3!.y);
  });

  it('leaves a layout whose texts fit alone', () => {
    const layout = [frame('t1', 0, 0, 'q.short')];
    expect(fitLayoutText(layout, t)).toEqual(layout);
  });
});
