import { escapeXml, fmt } from './xml.ts';

/**
 * Advance widths (em) of printable ASCII in IBM Plex Sans Regular, read from its `hmtx` table,
 * so wrapping without a DOM or font engine lands close to what resvg (and tldraw) draw.
 */
// prettier-ignore
const ASCII = [
  0.236, 0.284, 0.419, 0.713, 0.598, 0.927, 0.694, 0.242, 0.335, 0.335, 0.45, 0.6, 0.272, 0.399, 0.272, 0.383,
  0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.292, 0.292, 0.6, 0.6, 0.6, 0.477,
  0.891, 0.641, 0.653, 0.621, 0.671, 0.583, 0.559, 0.695, 0.707, 0.4, 0.51, 0.634, 0.501, 0.812, 0.707, 0.708,
  0.606, 0.708, 0.64, 0.581, 0.572, 0.678, 0.609, 0.891, 0.613, 0.593, 0.58, 0.317, 0.383, 0.317, 0.6, 0.565,
  0.6, 0.534, 0.58, 0.503, 0.58, 0.549, 0.324, 0.528, 0.568, 0.25, 0.25, 0.527, 0.272, 0.873, 0.568, 0.56,
  0.58, 0.58, 0.367, 0.487, 0.351, 0.568, 0.492, 0.768, 0.507, 0.499, 0.464, 0.343, 0.314, 0.343, 0.6,
];

/** Typographic punctuation people type or paste often: dashes, curly quotes, bullet, ellipsis. */
const PUNCTUATION: Readonly<Record<number, number>> = {
  0x2013: 0.5,
  0x2014: 0.78,
  0x2018: 0.27,
  0x2019: 0.27,
  0x201c: 0.45,
  0x201d: 0.45,
  0x2022: 0.4,
  0x2026: 0.8,
};
const MARK = /\p{M}/u;
const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;

/** Estimated advance of one code point in em (IBM Plex Sans / Noto Sans Arabic averages per script). */
export function charWidth(cp: number): number {
  if (cp >= 32 && cp < 127) return ASCII[cp - 32]!;
  if (cp < 32 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f))
    return 0;
  if (cp === 0xfeff || MARK.test(String.fromCodePoint(cp))) return 0;
  const punctuation = PUNCTUATION[cp];
  if (punctuation !== undefined) return punctuation;
  if (cp >= 0x0410 && cp <= 0x042f) return 0.71; // Cyrillic capitals
  if (cp >= 0x0400 && cp <= 0x052f) return 0.59;
  // Joined Arabic letters are much narrower than their isolated forms (measured on running text).
  if ((cp >= 0x0600 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return 0.44;
  if (cp >= 0x0590 && cp <= 0x05ff) return 0.55;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    cp >= 0x1f000
  )
    return 1;
  return 0.6;
}

/** Estimated width of a text at a font size. */
export function measureText(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch.codePointAt(0)!);
  return em * fontSize;
}

/**
 * Whether a paragraph is right-to-left: its first strong character (Unicode bidi rule P2) is
 * Arabic-script (Arabic, Persian, Urdu…), Hebrew or another RTL script, or a right-to-left mark.
 */
export function isRtl(paragraph: string): boolean {
  for (const ch of paragraph) {
    if (ch === '\u200f') return true;
    if (ch === '\u200e') return false;
    if (RTL_LETTER.test(ch)) return true;
    if (LETTER.test(ch)) return false;
  }
  return false;
}

/** One laid-out line: its text and its paragraph's direction. */
export interface TextLine {
  text: string;
  rtl: boolean;
}

/**
 * Breaks paragraphs into lines no wider than `maxWidth` (null: only at newlines), at spaces
 * where possible and inside a word when one word is too long, as the browser's
 * `overflow-wrap: break-word` does in tldraw's labels.
 */
export function wrapParagraphs(paragraphs: readonly string[], fontSize: number, maxWidth: number | null): TextLine[] {
  const lines: TextLine[] = [];
  for (const paragraph of paragraphs) {
    const rtl = isRtl(paragraph);
    for (const hardLine of paragraph.split('\n')) {
      if (maxWidth === null) {
        lines.push({ text: hardLine.trim(), rtl });
        continue;
      }
      let line = '';
      let lineWidth = 0;
      const push = () => {
        lines.push({ text: line.trimEnd(), rtl });
        line = '';
        lineWidth = 0;
      };
      for (const word of hardLine.split(/(?<= )/)) {
        const width = measureText(word, fontSize);
        const visible = measureText(word.trimEnd(), fontSize);
        if (line !== '' && lineWidth + visible > maxWidth) push();
        if (visible <= maxWidth) {
          if (line === '' && word.trim() === '') continue;
          line += word;
          lineWidth += width;
          continue;
        }
        for (const ch of word) {
          const w = measureText(ch, fontSize);
          if (line !== '' && lineWidth + w > maxWidth && ch !== ' ') push();
          line += ch;
          lineWidth += w;
        }
      }
      push();
    }
  }
  return lines;
}

/** Where and how a block of text is drawn, in the shape's own coordinates. */
export interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number | null;
  fontSize: number;
  color: string;
  align: 'start' | 'middle' | 'end';
  verticalAlign: 'start' | 'middle' | 'end';
}

const ELLIPSIS = '\u2026';
const LINE_HEIGHT = 1.35;
/** Baseline below the centre of a line box: half the cap height of IBM Plex Sans, which centres capitals. */
const BASELINE_SHIFT = 0.35;

/** Height of `lineCount` lines at a font size. */
export const textHeight = (lineCount: number, fontSize: number) => lineCount * fontSize * LINE_HEIGHT;

/**
 * SVG for laid-out lines in a box. Lines that do not fit a box of fixed height are dropped
 * and the last one shown ends in `…`.
 *
 * Right-to-left lines: resvg lays every `<text>` out left-to-right and ignores `direction`
 * (usvg passes an LTR paragraph level to its bidi pass), while browsers honour `direction`
 * and then read `text-anchor` from the right. So each RTL line is wrapped in RLE…PDF
 * (Unicode's explicit right-to-left embedding, which both honour) and anchored at the side
 * it reads from with a direction-neutral anchor: centred lines get `direction="rtl"` with
 * `text-anchor="middle"`, which means the same in both; right-aligned lines get
 * `text-anchor="end"` at the right edge and no `direction`, as `direction` would flip it.
 */
export function renderTextLines(lines: readonly TextLine[], box: TextBox): string {
  const lineHeight = box.fontSize * LINE_HEIGHT;
  let shown = lines;
  if (box.h !== null) {
    const fit = Math.max(1, Math.floor((box.h + 0.01) / lineHeight));
    if (lines.length > fit) {
      const last = lines[fit - 1]!;
      let text = last.text;
      while (text.length > 0 && measureText(text + ELLIPSIS, box.fontSize) > box.w) text = text.slice(0, -1);
      shown = [...lines.slice(0, fit - 1), { text: text.trimEnd() + ELLIPSIS, rtl: last.rtl }];
    }
  }
  if (shown.every((line) => line.text === '')) return '';
  const blockHeight = shown.length * lineHeight;
  const top =
    box.h === null || box.verticalAlign === 'start'
      ? box.y
      : box.verticalAlign === 'end'
        ? box.y + box.h - blockHeight
        : box.y + (box.h - blockHeight) / 2;
  let out = `<g font-size="${fmt(box.fontSize)}" fill="${box.color}">`;
  shown.forEach((line, i) => {
    if (line.text === '') return;
    const y = top + i * lineHeight + lineHeight / 2 + box.fontSize * BASELINE_SHIFT;
    // tldraw's labels are `dir="auto"`: a start-aligned RTL paragraph sits at the right.
    const side = box.align === 'middle' ? 'middle' : (box.align === 'start') !== line.rtl ? 'left' : ('right' as const);
    const x = side === 'middle' ? box.x + box.w / 2 : side === 'left' ? box.x : box.x + box.w;
    const text = escapeXml(line.text);
    if (!line.rtl) {
      const anchor = side === 'middle' ? ' text-anchor="middle"' : side === 'right' ? ' text-anchor="end"' : '';
      out += `<text x="${fmt(x)}" y="${fmt(y)}"${anchor}>${text}</text>`;
      return;
    }
    const attrs =
      side === 'middle'
        ? ' direction="rtl" unicode-bidi="embed" text-anchor="middle"'
        : side === 'right'
          ? ' text-anchor="end"'
          : '';
    out += `<text x="${fmt(x)}" y="${fmt(y)}"${attrs} font-family="${RTL_FONT_FAMILY}">&#x202B;${text}&#x202C;</text>`;
  });
  return out + '</g>';
}

/** Font families of the SVG; `render-board-png` loads exactly these fonts. */
export const FONT_FAMILY = "'IBM Plex Sans', 'Noto Sans Arabic', sans-serif";
/** Arabic script first, so a mixed line is shaped with the Arabic font and falls back for Latin. */
export const RTL_FONT_FAMILY = "'Noto Sans Arabic', 'IBM Plex Sans', sans-serif";
