import { escapeXml, fmt } from './xml.ts';

/**
 * Advance widths (em) of printable ASCII in Noto Sans Regular, read from its `hmtx` table, so
 * wrapping without a DOM or font engine lands close to what resvg draws.
 */
// prettier-ignore
const ASCII = [
  0.26, 0.269, 0.408, 0.646, 0.572, 0.831, 0.732, 0.225, 0.3, 0.3, 0.551, 0.572, 0.268, 0.322, 0.268, 0.372,
  0.572, 0.572, 0.572, 0.572, 0.572, 0.572, 0.572, 0.572, 0.572, 0.572, 0.268, 0.268, 0.572, 0.572, 0.572, 0.434,
  0.899, 0.639, 0.65, 0.632, 0.73, 0.556, 0.519, 0.728, 0.741, 0.339, 0.273, 0.619, 0.524, 0.907, 0.76, 0.781,
  0.605, 0.781, 0.622, 0.549, 0.556, 0.731, 0.6, 0.93, 0.586, 0.566, 0.572, 0.329, 0.372, 0.329, 0.572, 0.444,
  0.281, 0.561, 0.615, 0.48, 0.615, 0.564, 0.344, 0.615, 0.618, 0.258, 0.258, 0.534, 0.258, 0.935, 0.618, 0.605,
  0.615, 0.615, 0.413, 0.479, 0.361, 0.618, 0.508, 0.786, 0.529, 0.51, 0.47, 0.38, 0.551, 0.38, 0.572,
];

const MARK = /\p{M}/u;
const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;

/** Estimated advance of one code point in em (Noto Sans / Noto Sans Arabic averages per script). */
export function charWidth(cp: number): number {
  if (cp >= 32 && cp < 127) return ASCII[cp - 32]!;
  if (cp < 32 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f))
    return 0;
  if (cp === 0xfeff || MARK.test(String.fromCodePoint(cp))) return 0;
  if (cp >= 0x0410 && cp <= 0x042f) return 0.715; // Cyrillic capitals
  if (cp >= 0x0400 && cp <= 0x052f) return 0.61;
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
/** Baseline below the centre of a line box: half the cap height of Noto Sans, which centres capitals. */
const BASELINE_SHIFT = 0.36;

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
export const FONT_FAMILY = "'Noto Sans', 'Noto Sans Arabic', sans-serif";
/** Arabic script first, so a mixed line is shaped with the Arabic font and falls back for Latin. */
export const RTL_FONT_FAMILY = "'Noto Sans Arabic', 'Noto Sans', sans-serif";
