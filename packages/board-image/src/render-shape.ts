import { b64Vecs } from '@tldraw/tlschema';
import { num, point, size, type ShapeRecord } from './board-records.ts';
import { boxOf, boxOfPoints, expand, type Box, type Vec } from './geometry.ts';
import {
  colorOf,
  LABEL_PADDING,
  labelFontSizeOf,
  NOTE_SIZE,
  strokeWidthOf,
  textFontSizeOf,
  THEME,
  type PaletteColor,
} from './palette.ts';
import { richTextToParagraphs } from './rich-text-to-paragraphs.ts';
import { geoMarks, geoPath, polylinePath, smoothPath, splinePath } from './shape-paths.ts';
import { measureText, renderTextLines, textHeight, wrapParagraphs, type TextBox } from './text-layout.ts';
import { fmt } from './xml.ts';

/** A shape's drawing in its own coordinates and the box it covers there. */
export interface ShapeDrawing {
  svg: string;
  bounds: Box;
  /** The shape's own geometry where it differs from `bounds` (strokes, shadow, heading left out); arrows bind to it. */
  body?: Box;
  /** For frames: the box its children are clipped to. */
  clip?: Box;
}

/** Most points taken from one draw shape; bounds hostile records, far above a long pen stroke. */
const MAX_POINTS = 20_000;
/** Largest `data:` image embedded; bigger ones become a placeholder so the SVG stays a sane size. */
const MAX_IMAGE_URL = 8_000_000;
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

const alignOf = (value: unknown): TextBox['align'] => {
  const base = typeof value === 'string' ? value.replace(/-legacy$/, '') : '';
  return base === 'start' || base === 'end' ? base : 'middle';
};
const valignOf = (value: unknown): TextBox['verticalAlign'] =>
  value === 'start' || value === 'end' ? value : 'middle';
const hasText = (paragraphs: string[]) => paragraphs.some((p) => p.trim() !== '');
const dashAttrs = (dash: unknown, sw: number) =>
  dash === 'dashed'
    ? ` stroke-dasharray="${fmt(sw * 2)} ${fmt(sw * 2)}"`
    : dash === 'dotted'
      ? ` stroke-dasharray="0 ${fmt(sw * 2)}" stroke-linecap="round"`
      : '';

function fillOf(fill: unknown, color: PaletteColor): string {
  switch (fill) {
    case 'semi':
      return THEME.solid;
    case 'solid':
    case 'pattern':
      return color.semi;
    case 'fill':
      return color.fill;
    case 'lined-fill':
      return color.linedFill;
    default:
      return 'none';
  }
}

/** A label laid out in a padded box: wrapped to its width, trimmed with `…` to its height. */
function label(richText: unknown, box: Omit<TextBox, 'h'> & { h: number }, padding: number): string {
  const paragraphs = richTextToParagraphs(richText);
  if (!hasText(paragraphs)) return '';
  const inner = { ...box, x: box.x + padding, y: box.y + padding, w: box.w - padding * 2, h: box.h - padding * 2 };
  if (inner.w <= 0 || inner.h <= 0) return '';
  return renderTextLines(wrapParagraphs(paragraphs, box.fontSize, inner.w), inner);
}

function frame(p: ShapeRecord['props']): ShapeDrawing | null {
  const w = size(p.w);
  const h = size(p.h);
  if (w === null || h === null) return null;
  const black = colorOf('black');
  let svg = `<rect width="${fmt(w)}" height="${fmt(h)}" fill="${black.frameFill}" stroke="${black.frameStroke}" stroke-width="1"/>`;
  const bounds = boxOf(0, 0, w, h);
  const name = typeof p.name === 'string' ? p.name.replace(/\s+/g, ' ').trim() : '';
  if (name === '') return { svg, bounds, body: bounds, clip: bounds };
  // tldraw's heading is 12px; it grows with big frames so it stays legible when a whole board is scaled down.
  const fontSize = Math.min(48, Math.max(12, Math.min(w, h) / 60));
  const headingH = fontSize * 2;
  const y = -headingH - fontSize / 4;
  const lines = wrapParagraphs([name], fontSize, null);
  const textW = Math.min(w - fontSize, measureText(lines[0]!.text, fontSize));
  const boxW = Math.max(fontSize, Math.min(w, textW + fontSize));
  svg += `<rect y="${fmt(y)}" width="${fmt(boxW)}" height="${fmt(headingH)}" rx="4" fill="${black.frameHeadingFill}" stroke="${black.frameHeadingStroke}"/>`;
  svg += renderTextLines(lines, {
    x: fontSize / 2,
    y,
    w: boxW - fontSize,
    h: headingH,
    fontSize,
    color: THEME.frameText,
    align: 'start',
    verticalAlign: 'middle',
  });
  return { svg, bounds: { ...bounds, minY: y }, body: bounds, clip: bounds };
}

function geo(p: ShapeRecord['props']): ShapeDrawing | null {
  const w = size(p.w);
  const h0 = size(p.h);
  if (w === null || h0 === null) return null;
  const h = h0 + Math.max(0, num(p.growY, 0));
  const scale = size(p.scale) ?? 1;
  const color = colorOf(p.color);
  const sw = strokeWidthOf(p.size) * scale;
  const shape = typeof p.geo === 'string' ? p.geo : 'rectangle';
  let svg = `<path d="${geoPath(shape, w, h)}" fill="${fillOf(p.fill, color)}" stroke="${color.solid}" stroke-width="${fmt(sw)}" stroke-linejoin="round"${dashAttrs(p.dash, sw)}/>`;
  const marks = geoMarks(shape, w, h);
  if (marks)
    svg += `<path d="${marks}" fill="none" stroke="${color.solid}" stroke-width="${fmt(sw)}" stroke-linecap="round"/>`;
  svg += label(
    p.richText ?? p.text,
    {
      x: 0,
      y: 0,
      w,
      h,
      fontSize: labelFontSizeOf(p.size) * scale,
      color: colorOf(p.labelColor).solid,
      align: alignOf(p.align),
      verticalAlign: valignOf(p.verticalAlign),
    },
    LABEL_PADDING * scale,
  );
  return { svg, bounds: expand(boxOf(0, 0, w, h), sw / 2), body: boxOf(0, 0, w, h) };
}

function note(p: ShapeRecord['props']): ShapeDrawing {
  const scale = size(p.scale) ?? 1;
  const w = NOTE_SIZE * scale;
  const h = (NOTE_SIZE + Math.max(0, num(p.growY, 0))) * scale;
  const color = colorOf(p.color);
  const fontSize = labelFontSizeOf(p.size) * (size(p.fontSizeAdjustment) ?? 1) * scale;
  let svg = `<rect y="${fmt(2 * scale)}" width="${fmt(w)}" height="${fmt(h)}" fill="#000" fill-opacity="0.12"/>`;
  svg += `<rect width="${fmt(w)}" height="${fmt(h)}" fill="${color.noteFill}"/>`;
  svg += label(
    p.richText ?? p.text,
    {
      x: 0,
      y: 0,
      w,
      h,
      fontSize,
      color: p.labelColor === 'black' || p.labelColor === undefined ? THEME.noteText : colorOf(p.labelColor).solid,
      align: alignOf(p.align),
      verticalAlign: valignOf(p.verticalAlign),
    },
    LABEL_PADDING * scale,
  );
  return { svg, bounds: boxOf(0, 0, w, h + 2 * scale), body: boxOf(0, 0, w, h) };
}

function text(p: ShapeRecord['props']): ShapeDrawing | null {
  const scale = size(p.scale) ?? 1;
  const w = (size(p.w) ?? 8) * scale;
  const fontSize = textFontSizeOf(p.size) * scale;
  const paragraphs = richTextToParagraphs(p.richText ?? p.text);
  const lines = wrapParagraphs(paragraphs, fontSize, p.autoSize === true ? null : w);
  const width = Math.max(w, ...lines.map((l) => measureText(l.text, fontSize)));
  const h = textHeight(lines.length, fontSize);
  const svg = renderTextLines(lines, {
    x: 0,
    y: 0,
    w,
    h: null,
    fontSize,
    color: colorOf(p.color).solid,
    align: alignOf(p.textAlign),
    verticalAlign: 'start',
  });
  return { svg, bounds: boxOf(0, 0, width, Math.max(h, fontSize * 1.35)) };
}

/** The points of a draw or highlight shape's segments (tldraw 5's base64 delta paths, or legacy point arrays). */
function strokeSegments(p: ShapeRecord['props']): Vec[][] {
  if (!Array.isArray(p.segments)) return [];
  const sx = num(p.scaleX, 1) || 1;
  const sy = num(p.scaleY, 1) || 1;
  const segments: Vec[][] = [];
  let total = 0;
  for (const segment of p.segments) {
    if (typeof segment !== 'object' || segment === null || total >= MAX_POINTS) continue;
    const { path, points, dim } = segment as { path?: unknown; points?: unknown; dim?: unknown };
    let decoded: unknown[] = [];
    try {
      if (typeof path === 'string') decoded = b64Vecs.decodePoints(path, dim === 2 ? 2 : undefined);
      else if (Array.isArray(points)) decoded = points;
    } catch {
      continue; // not base64, or too short for its first point
    }
    const valid: Vec[] = [];
    for (const raw of decoded.slice(0, MAX_POINTS - total)) {
      const v = point(raw);
      if (v) valid.push({ x: v.x * sx, y: v.y * sy });
    }
    total += valid.length;
    if (valid.length > 0) segments.push(valid);
  }
  return segments;
}

function freehand(p: ShapeRecord['props'], highlight: boolean): ShapeDrawing | null {
  const segments = strokeSegments(p);
  const all = segments.flat();
  const box = boxOfPoints(all);
  if (!box) return null;
  const scale = size(p.scale) ?? 1;
  const color = colorOf(p.color);
  const sw = highlight ? textFontSizeOf(p.size) * 1.12 * scale : (strokeWidthOf(p.size) + 1) * scale;
  const closed = !highlight && p.isClosed === true;
  const d = segments.map((s) => smoothPath(s, closed && segments.length === 1)).join('');
  const fill = closed ? fillOf(p.fill, color) : 'none';
  const stroke = highlight ? color.highlight : color.solid;
  const opacity = highlight ? ' stroke-opacity="0.82"' : '';
  const dash = highlight ? '' : dashAttrs(p.dash, sw);
  const svg = `<path d="${d}" fill="${fill}" stroke="${stroke}" stroke-width="${fmt(sw)}" stroke-linecap="round" stroke-linejoin="round"${opacity}${dash}/>`;
  return { svg, bounds: expand(box, sw / 2) };
}

function line(p: ShapeRecord['props']): ShapeDrawing | null {
  if (typeof p.points !== 'object' || p.points === null) return null;
  const points = Object.values(p.points as Record<string, unknown>)
    .map((raw) => {
      const v = point(raw);
      const index = (raw as { index?: unknown }).index;
      return v && { ...v, index: typeof index === 'string' ? index : '' };
    })
    .filter((v): v is Vec & { index: string } => v !== null)
    .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
  const box = boxOfPoints(points);
  if (!box) return null;
  const scale = size(p.scale) ?? 1;
  const sw = strokeWidthOf(p.size) * scale;
  const d = p.spline === 'cubic' ? splinePath(points) : polylinePath(points);
  const svg = `<path d="${d}" fill="none" stroke="${colorOf(p.color).solid}" stroke-width="${fmt(sw)}" stroke-linecap="round" stroke-linejoin="round"${dashAttrs(p.dash, sw)}/>`;
  return { svg, bounds: expand(box, sw) };
}

/** A grey box with a crossed frame where an image or embed cannot be shown. */
function placeholder(w: number, h: number): string {
  return (
    `<rect width="${fmt(w)}" height="${fmt(h)}" fill="#eceef0" stroke="#9fa8b2" stroke-width="1"/>` +
    `<path d="M0 0L${fmt(w)} ${fmt(h)}M${fmt(w)} 0L0 ${fmt(h)}" stroke="#c4cad1" stroke-width="1"/>`
  );
}

function image(p: ShapeRecord['props'], src: string | undefined): ShapeDrawing | null {
  const w = size(p.w);
  const h = size(p.h);
  if (w === null || h === null) return null;
  const bounds = boxOf(0, 0, w, h);
  if (src === undefined || src.length > MAX_IMAGE_URL || !DATA_IMAGE.test(src))
    return { svg: placeholder(w, h), bounds };
  const crop = p.crop as { topLeft?: unknown; bottomRight?: unknown } | null | undefined;
  const unit = (v: number) => Math.min(1, Math.max(0, v));
  const tl = point(crop?.topLeft) ?? { x: 0, y: 0 };
  const br = point(crop?.bottomRight) ?? { x: 1, y: 1 };
  const x0 = unit(tl.x);
  const y0 = unit(tl.y);
  const cw = unit(br.x) - x0 > 0.001 ? unit(br.x) - x0 : 1 - x0 || 1;
  const ch = unit(br.y) - y0 > 0.001 ? unit(br.y) - y0 : 1 - y0 || 1;
  const flip =
    p.flipX === true || p.flipY === true
      ? ` transform="translate(${p.flipX === true ? fmt(w) : 0} ${p.flipY === true ? fmt(h) : 0}) scale(${p.flipX === true ? -1 : 1} ${p.flipY === true ? -1 : 1})"`
      : '';
  // A nested viewport shows the cropped part only; `src` passed the strict pattern above, so it
  // needs no escaping. The transparent rect keeps the viewport's layer non-empty for resvg.
  // Crop fractions are of a 1000-unit image, so two decimals keep them exact enough.
  const vb = [x0, y0, cw, ch].map((v) => fmt(v * 1000));
  const svg =
    `<g${flip}><svg width="${fmt(w)}" height="${fmt(h)}" viewBox="${vb.join(' ')}" preserveAspectRatio="none">` +
    `<rect x="${vb[0]}" y="${vb[1]}" width="${vb[2]}" height="${vb[3]}" fill-opacity="0"/>` +
    `<image width="1000" height="1000" preserveAspectRatio="none" href="${src}"/></svg></g>`;
  return { svg, bounds };
}

/**
 * Draws one shape (not its children) in its own coordinates. Returns null for a shape that
 * cannot be drawn (malformed props, a type without a size, a group whose box comes from its children).
 */
export function renderShape(shape: ShapeRecord, assetSources: ReadonlyMap<string, string>): ShapeDrawing | null {
  const p = shape.props;
  switch (shape.type) {
    case 'frame':
      return frame(p);
    case 'geo':
      return geo(p);
    case 'note':
      return note(p);
    case 'text':
      return text(p);
    case 'draw':
      return freehand(p, false);
    case 'highlight':
      return freehand(p, true);
    case 'line':
      return line(p);
    case 'image':
      return image(p, typeof p.assetId === 'string' ? assetSources.get(p.assetId) : undefined);
    case 'group':
      return null;
    default: {
      // Video, bookmark, embed and custom shapes: a placeholder where they have a size.
      const w = size(p.w);
      const h = size(p.h);
      return w !== null && h !== null ? { svg: placeholder(w, h), bounds: boxOf(0, 0, w, h) } : null;
    }
  }
}
