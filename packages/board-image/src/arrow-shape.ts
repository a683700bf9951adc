import { num, point, size, type ArrowBinding, type ShapeRecord } from './board-records.ts';
import {
  add,
  apply,
  boxOfPoints,
  circleThrough,
  dist,
  enterBox,
  expand,
  invert,
  lerp,
  mul,
  sub,
  union,
  type Box,
  type Mat,
  type Vec,
} from './geometry.ts';
import { arrowLabelFontSizeOf, colorOf, strokeWidthOf, THEME } from './palette.ts';
import { richTextToParagraphs } from './rich-text-to-paragraphs.ts';
import { arrowheadPath } from './shape-paths.ts';
import { measureText, renderTextLines, textHeight, wrapParagraphs } from './text-layout.ts';
import { fmt } from './xml.ts';

/** What an arrow needs from the rest of the board to follow its bindings. */
export interface ArrowContext {
  bindings: { start?: ArrowBinding; end?: ArrowBinding } | undefined;
  /** Page transform of a shape by id, or null if it is not drawable. */
  pageMatrixOf(id: string): Mat | null;
  /** A shape's own box in its local coordinates, or null if it has none (arrows, lines). */
  localBoxOf(id: string): Box | null;
}

type Route =
  | { kind: 'straight'; start: Vec; end: Vec }
  | { kind: 'arc'; start: Vec; end: Vec; center: Vec; radius: number; a0: number; sweep: number; large: boolean }
  | { kind: 'elbow'; points: Vec[] };

const MIN_BEND = 8;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const pt = (p: Vec) => `${fmt(p.x)} ${fmt(p.y)}`;

/**
 * Where a bound terminal lands, in the arrow's space: the target's anchor (its centre unless
 * the binding is precise), moved back to the target's edge along the line from `toward`
 * unless the binding is exact. Null when the target cannot be found; the arrow's own point is used then.
 */
function boundTerminal(binding: ArrowBinding, arrowMatrix: Mat, toward: Vec, ctx: ArrowContext): Vec | null {
  const targetMatrix = ctx.pageMatrixOf(binding.toId);
  const box = ctx.localBoxOf(binding.toId);
  if (!targetMatrix || !box) return null;
  const anchor = binding.isPrecise ? binding.anchor : { x: 0.5, y: 0.5 };
  const local = {
    x: box.minX + clamp(anchor.x, 0, 1) * (box.maxX - box.minX),
    y: box.minY + clamp(anchor.y, 0, 1) * (box.maxY - box.minY),
  };
  const toTarget = invert(targetMatrix);
  const fromArrowToTarget = (p: Vec) => apply(toTarget, apply(arrowMatrix, p));
  const edge = binding.isExact ? local : enterBox(fromArrowToTarget(toward), local, box);
  return apply(invert(arrowMatrix), apply(targetMatrix, edge));
}

function route(shape: ShapeRecord, ctx: ArrowContext, arrowMatrix: Mat): Route | null {
  const ownStart = point(shape.props.start);
  const ownEnd = point(shape.props.end);
  if (!ownStart || !ownEnd) return null;
  let start: Vec = ownStart;
  let end: Vec = ownEnd;
  const scale = size(shape.props.scale) ?? 1;
  const bend = num(shape.props.bend, 0);
  const { start: startBinding, end: endBinding } = ctx.bindings ?? {};
  // Bound ends are placed from both anchors first, then each is pulled to its target's edge.
  if (startBinding) start = boundTerminal({ ...startBinding, isExact: true }, arrowMatrix, end, ctx) ?? start;
  if (endBinding) end = boundTerminal({ ...endBinding, isExact: true }, arrowMatrix, start, ctx) ?? end;
  const chord = sub(end, start);
  const length = Math.hypot(chord.x, chord.y);
  const unit = length > 0 ? mul(chord, 1 / length) : { x: 0, y: 0 };
  const middle = add(lerp(start, end, 0.5), mul({ x: -unit.y, y: unit.x }, bend));
  const straight = shape.props.kind !== 'elbow' && Math.abs(bend) < MIN_BEND * scale;
  const toward = (terminal: 'start' | 'end') => (straight ? (terminal === 'start' ? end : start) : middle);
  if (startBinding && !startBinding.isExact)
    start = boundTerminal(startBinding, arrowMatrix, toward('start'), ctx) ?? start;
  if (endBinding && !endBinding.isExact) end = boundTerminal(endBinding, arrowMatrix, toward('end'), ctx) ?? end;

  if (shape.props.kind === 'elbow') {
    const t = clamp(num(shape.props.elbowMidPoint, 0.5), 0, 1);
    const mx = start.x + (end.x - start.x) * t;
    return { kind: 'elbow', points: [start, { x: mx, y: start.y }, { x: mx, y: end.y }, end] };
  }
  if (straight) return { kind: 'straight', start, end };
  const circle = circleThrough(start, middle, end);
  if (!circle) return { kind: 'straight', start, end };
  const side = (p: Vec) => Math.sign((end.x - start.x) * (p.y - start.y) - (end.y - start.y) * (p.x - start.x));
  // SVG's sweep flag 1 runs towards increasing angles, which is clockwise on a y-down screen.
  const sweep = side(middle) < 0 ? 1 : -1;
  const a0 = Math.atan2(start.y - circle.center.y, start.x - circle.center.x);
  const a1 = Math.atan2(end.y - circle.center.y, end.x - circle.center.x);
  const span = (((sweep * (a1 - a0)) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return { kind: 'arc', start, end, ...circle, a0, sweep: sweep * span, large: span > Math.PI };
}

/** The point at fraction t along a route. */
function along(r: Route, t: number): Vec {
  if (r.kind === 'straight') return lerp(r.start, r.end, t);
  if (r.kind === 'arc') {
    const a = r.a0 + r.sweep * t;
    return { x: r.center.x + r.radius * Math.cos(a), y: r.center.y + r.radius * Math.sin(a) };
  }
  const lengths = r.points.slice(1).map((p, i) => dist(r.points[i]!, p));
  let left = lengths.reduce((s, l) => s + l, 0) * t;
  for (let i = 0; i < lengths.length; i++) {
    if (left <= lengths[i]! || i === lengths.length - 1)
      return lerp(r.points[i]!, r.points[i + 1]!, lengths[i]! ? left / lengths[i]! : 0);
    left -= lengths[i]!;
  }
  return r.points[0]!;
}

/** The tip of an arrowhead and the point one head-length back along the body (tldraw's `int`). */
function headPoints(r: Route, terminal: 'start' | 'end', sw: number): { tip: Vec; back: Vec } {
  if (r.kind === 'elbow') {
    const pts = terminal === 'end' ? r.points : [...r.points].reverse();
    const tip = pts[pts.length - 1]!;
    const previous = pts[pts.length - 2]!;
    const length = clamp(dist(previous, tip) / 2, sw, sw * 3);
    const d = dist(previous, tip);
    return { tip, back: d > 0 ? lerp(tip, previous, length / d) : tip };
  }
  const total = r.kind === 'arc' ? Math.abs(r.sweep) * r.radius : dist(r.start, r.end);
  const length = clamp(total / 5, sw, sw * 3);
  const t = total > 0 ? Math.min(1, length / total) : 0;
  return terminal === 'end' ? { tip: r.end, back: along(r, 1 - t) } : { tip: r.start, back: along(r, t) };
}

/**
 * An arrow in its own coordinates: straight, bent (`bend`, a circular arc through the
 * midpoint handle) or elbow, following its bindings when the bound shapes are on the board,
 * with arrowheads and its label. Null if its points are malformed.
 */
export function renderArrow(shape: ShapeRecord, ctx: ArrowContext): { svg: string; bounds: Box } | null {
  const arrowMatrix = ctx.pageMatrixOf(shape.id);
  if (!arrowMatrix) return null;
  const r = route(shape, ctx, arrowMatrix);
  if (!r) return null;
  const p = shape.props;
  const scale = size(p.scale) ?? 1;
  const sw = strokeWidthOf(p.size) * scale;
  const color = colorOf(p.color).solid;
  const body =
    r.kind === 'straight'
      ? `M${pt(r.start)}L${pt(r.end)}`
      : r.kind === 'arc'
        ? `M${pt(r.start)}A${fmt(r.radius)} ${fmt(r.radius)} 0 ${r.large ? 1 : 0} ${r.sweep > 0 ? 1 : 0} ${pt(r.end)}`
        : `M${r.points.map(pt).join('L')}`;
  const dash =
    p.dash === 'dashed'
      ? ` stroke-dasharray="${fmt(sw * 2)} ${fmt(sw * 2)}"`
      : p.dash === 'dotted'
        ? ` stroke-dasharray="0 ${fmt(sw * 2)}"`
        : '';
  let svg = `<g stroke="${color}" stroke-width="${fmt(sw)}" stroke-linecap="round" stroke-linejoin="round" fill="none"><path d="${body}"${dash}/>`;
  const heads: [unknown, 'start' | 'end'][] = [
    [p.arrowheadStart ?? 'none', 'start'],
    [p.arrowheadEnd ?? 'arrow', 'end'],
  ];
  for (const [type, terminal] of heads) {
    if (typeof type !== 'string') continue;
    const { tip, back } = headPoints(r, terminal, sw);
    const head = arrowheadPath(type, tip, back);
    if (head) svg += `<path d="${head.d}"${head.filled ? ` fill="${color}"` : ''}/>`;
  }
  svg += '</g>';

  const samples = r.kind === 'elbow' ? r.points : [0, 0.25, 0.5, 0.75, 1].map((t) => along(r, t));
  let bounds = expand(boxOfPoints(samples)!, sw * 3);
  const paragraphs = richTextToParagraphs(p.richText ?? p.text);
  if (paragraphs.some((text) => text.trim() !== '')) {
    const fontSize = arrowLabelFontSizeOf(p.size) * scale;
    const lines = wrapParagraphs(paragraphs, fontSize, 240 * scale);
    const w = Math.max(...lines.map((l) => measureText(l.text, fontSize))) + fontSize / 2;
    const h = textHeight(lines.length, fontSize);
    const at = along(r, clamp(num(p.labelPosition, 0.5), 0, 1));
    const x = at.x - w / 2;
    const y = at.y - h / 2;
    svg += `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" rx="${fmt(fontSize / 4)}" fill="${THEME.background}"/>`;
    svg += renderTextLines(lines, {
      x,
      y,
      w,
      h: null,
      fontSize,
      color: colorOf(p.labelColor).solid,
      align: 'middle',
      verticalAlign: 'start',
    });
    bounds = union(bounds, { minX: x, minY: y, maxX: x + w, maxY: y + h });
  }
  return { svg, bounds };
}
