import type { LayoutChild, TemplateLayout, TemplateText } from './template-definition.ts';
import type { Translate } from './to-tldraw-records.ts';

/** tldraw's font sizes of text shapes by `size`, and its line height. */
const FONT_SIZES = { s: 18, m: 24, l: 36, xl: 44 } as const;
const LINE_HEIGHT = 1.35;
/** Space kept between a text and what lies under it. */
const GAP = 16;
/**
 * A reader may see the text in another language than the board's (template texts follow the
 * reader), usually of a similar length: a tenth more width and half a line more height cover it.
 */
const WIDTH_MARGIN = 1.1;
const HEIGHT_MARGIN_LINES = 0.5;

/** Estimated advance of a character in em in tldraw's sans font (IBM Plex Sans, Noto Sans Arabic). */
function charEm(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (ch === ' ') return 0.24;
  if (cp < 0x80) return /[A-Z]/.test(ch) ? 0.66 : /[il.,:;'!|]/.test(ch) ? 0.27 : 0.55;
  if (cp >= 0x0600 && cp <= 0x06ff) return 0.45;
  if (cp >= 0x0400 && cp <= 0x04ff) return 0.62;
  return 0.62;
}

const widthOf = (text: string, fontSize: number) => [...text].reduce((sum, ch) => sum + charEm(ch), 0) * fontSize;

/**
 * How tall a text shape of `width` grows with `text` at `size`: words wrapped greedily (a word
 * longer than the line breaks inside), every line break kept.
 */
export function estimateTextHeight(text: string, size: keyof typeof FONT_SIZES, width: number): number {
  const fontSize = FONT_SIZES[size];
  const room = width / WIDTH_MARGIN;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(' ')) {
      const w = widthOf(word, fontSize);
      const space = line === 0 ? 0 : widthOf(' ', fontSize);
      if (line > 0 && line + space + w > room) {
        lines++;
        line = 0;
      }
      line += (line === 0 ? 0 : space) + w;
      while (line > room) {
        lines++;
        line -= room;
      }
    }
  }
  return (lines + HEIGHT_MARGIN_LINES) * fontSize * LINE_HEIGHT;
}

type Frame = Extract<TemplateLayout[number], { kind: 'frame' }>;
const heightOf = (child: LayoutChild, text: (value: TemplateText) => string): number =>
  child.kind === 'area'
    ? child.h
    : child.kind === 'note'
      ? 200
      : estimateTextHeight(text(child.text), child.size, child.w);
const widthOfChild = (child: LayoutChild) => (child.kind === 'note' ? 200 : child.w);
const across = (a: { x: number; w: number }, b: { x: number; w: number }) => a.x < b.x + b.w && b.x < a.x + a.w;

/** A frame whose texts push what lies under them down (and the frame longer) until nothing overlaps. */
function fitFrame(frame: Frame, text: (value: TemplateText) => string): Frame {
  const children = frame.children.map((child) => ({ ...child }));
  let grown = 0;
  const order = [...children].sort((a, b) => a.y - b.y);
  for (const label of order) {
    if (label.kind !== 'label') continue;
    const bottom = label.y + heightOf(label, text) + GAP;
    const box = { x: label.x, w: label.w };
    const under = children.filter(
      (c) => c !== label && c.y > label.y && across(box, { x: c.x, w: widthOfChild(c) }) && c.y < bottom,
    );
    if (under.length === 0) continue;
    const shift = Math.ceil(bottom - Math.min(...under.map((c) => c.y)));
    for (const child of children) if (child !== label && child.y > label.y) child.y += shift;
    grown += shift;
  }
  return grown === 0 ? frame : { ...frame, h: frame.h + grown, children };
}

/**
 * The layout with room for its texts as `t` renders them: a label (a question, instructions)
 * that would wrap onto what lies under it in its frame pushes that down and makes the frame
 * longer, and whatever is on the page under a longer frame moves down with it. Texts are
 * measured with the facilitators' hints after them (they see the most). Pure.
 */
export function fitLayoutText(layout: TemplateLayout, t: Translate): TemplateLayout {
  const text = (value: TemplateText) =>
    value.hint === undefined ? t(value.key, value.values) : `${t(value.key, value.values)} ${t(value.hint)}`;
  const fitted = layout.map((node) => (node.kind === 'frame' ? fitFrame(node, text) : node));
  // Everything under a frame that grew moves down by as much as that frame's bottom moved.
  const moved = new Map<number, number>();
  const order = layout.map((_, i) => i).sort((a, b) => layout[a]!.y - layout[b]!.y);
  for (const i of order) {
    const node = layout[i]!;
    let shift = 0;
    for (const [j, offset] of moved) {
      const above = layout[j]! as Frame;
      const grownBy = (fitted[j] as Frame).h - above.h;
      if (above.y + above.h <= node.y && across(above, { x: node.x, w: node.w })) {
        shift = Math.max(shift, offset + grownBy);
      }
    }
    if (node.kind === 'frame') moved.set(i, shift);
    if (shift > 0) fitted[i] = { ...fitted[i]!, y: node.y + shift };
  }
  return fitted;
}
