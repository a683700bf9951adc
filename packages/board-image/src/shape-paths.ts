import { add, dist, lerp, mul, rotateAround, sub, type Vec } from './geometry.ts';
import { fmt } from './xml.ts';

const pt = (p: Vec) => `${fmt(p.x)} ${fmt(p.y)}`;
const polygon = (points: readonly Vec[]) => `M${points.map(pt).join('L')}Z`;

/** Vertices of a regular polygon stretched into a w×h box, first vertex at the top. */
function regular(w: number, h: number, sides: number, rotate = 0): Vec[] {
  return Array.from({ length: sides }, (_, i) => {
    const angle = -Math.PI / 2 + rotate + (i * 2 * Math.PI) / sides;
    return { x: w / 2 + (w / 2) * Math.cos(angle), y: h / 2 + (h / 2) * Math.sin(angle) };
  });
}

function star(w: number, h: number): Vec[] {
  return Array.from({ length: 10 }, (_, i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? 1 : 0.42;
    return { x: w / 2 + (w / 2) * r * Math.cos(angle), y: h / 2 + (h / 2) * r * Math.sin(angle) };
  });
}

/** A block arrow pointing right in a w×h box; other directions are mirrored or swapped from it. */
function blockArrow(w: number, h: number): Vec[] {
  const head = Math.min(w, h) * 0.38;
  const shaft = h * 0.16;
  return [
    { x: 0, y: shaft },
    { x: w - head, y: shaft },
    { x: w - head, y: 0 },
    { x: w, y: h / 2 },
    { x: w - head, y: h },
    { x: w - head, y: h - shaft },
    { x: 0, y: h - shaft },
  ];
}

/**
 * The outline of a tldraw geo shape as SVG path data, in a w×h box. Rectangles, ellipses and
 * ovals are exact; the other presets are drawn as their polygon; unknown ones (and `cloud`,
 * whose bumps are random per shape) fall back to an ellipse or rectangle.
 */
export function geoPath(geo: string, w: number, h: number): string {
  const offset = Math.min(w, h) * 0.38;
  switch (geo) {
    case 'ellipse':
    case 'cloud':
      return `M0 ${fmt(h / 2)}A${fmt(w / 2)} ${fmt(h / 2)} 0 1 1 ${fmt(w)} ${fmt(h / 2)}A${fmt(w / 2)} ${fmt(h / 2)} 0 1 1 0 ${fmt(h / 2)}Z`;
    case 'oval': {
      const r = Math.min(w, h) / 2;
      return w >= h
        ? `M${fmt(r)} 0H${fmt(w - r)}A${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(w - r)} ${fmt(h)}H${fmt(r)}A${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(r)} 0Z`
        : `M0 ${fmt(r)}A${fmt(r)} ${fmt(r)} 0 0 1 ${fmt(w)} ${fmt(r)}V${fmt(h - r)}A${fmt(r)} ${fmt(r)} 0 0 1 0 ${fmt(h - r)}Z`;
    }
    case 'triangle':
      return polygon([
        { x: w / 2, y: 0 },
        { x: w, y: h },
        { x: 0, y: h },
      ]);
    case 'diamond':
      return polygon([
        { x: w / 2, y: 0 },
        { x: w, y: h / 2 },
        { x: w / 2, y: h },
        { x: 0, y: h / 2 },
      ]);
    case 'pentagon':
      return polygon(regular(w, h, 5));
    case 'hexagon':
      return polygon(regular(w, h, 6, Math.PI / 6));
    case 'octagon':
      return polygon(regular(w, h, 8, Math.PI / 8));
    case 'star':
      return polygon(star(w, h));
    case 'rhombus':
      return polygon([
        { x: offset, y: 0 },
        { x: w, y: 0 },
        { x: w - offset, y: h },
        { x: 0, y: h },
      ]);
    case 'rhombus-2':
      return polygon([
        { x: 0, y: 0 },
        { x: w - offset, y: 0 },
        { x: w, y: h },
        { x: offset, y: h },
      ]);
    case 'trapezoid':
      return polygon([
        { x: offset, y: 0 },
        { x: w - offset, y: 0 },
        { x: w, y: h },
        { x: 0, y: h },
      ]);
    case 'arrow-right':
      return polygon(blockArrow(w, h));
    case 'arrow-left':
      return polygon(blockArrow(w, h).map((p) => ({ x: w - p.x, y: p.y })));
    case 'arrow-down':
      return polygon(blockArrow(h, w).map((p) => ({ x: p.y, y: p.x })));
    case 'arrow-up':
      return polygon(blockArrow(h, w).map((p) => ({ x: p.y, y: h - p.x })));
    case 'heart':
      return (
        `M${pt({ x: w / 2, y: h * 0.28 })}C${pt({ x: w / 2, y: 0 })} ${pt({ x: 0, y: 0 })} ${pt({ x: 0, y: h * 0.3 })}` +
        `C${pt({ x: 0, y: h * 0.6 })} ${pt({ x: w / 2, y: h * 0.8 })} ${pt({ x: w / 2, y: h })}` +
        `C${pt({ x: w / 2, y: h * 0.8 })} ${pt({ x: w, y: h * 0.6 })} ${pt({ x: w, y: h * 0.3 })}` +
        `C${pt({ x: w, y: 0 })} ${pt({ x: w / 2, y: 0 })} ${pt({ x: w / 2, y: h * 0.28 })}Z`
      );
    default:
      return `M0 0H${fmt(w)}V${fmt(h)}H0Z`;
  }
}

/** The marks inside an `x-box` or `check-box` geo shape, drawn over its rectangle. */
export function geoMarks(geo: string, w: number, h: number): string | null {
  if (geo === 'x-box') return `M0 0L${fmt(w)} ${fmt(h)}M${fmt(w)} 0L0 ${fmt(h)}`;
  if (geo === 'check-box') {
    const s = Math.min(w, h) * 0.3;
    const c = { x: w / 2, y: h / 2 };
    return `M${pt(add(c, { x: -s, y: 0 }))}L${pt(add(c, { x: -s / 3, y: s * 0.66 }))}L${pt(add(c, { x: s, y: -s * 0.66 }))}`;
  }
  return null;
}

/**
 * An arrowhead as tldraw draws it (`arrowheads.ts`): `tip` is the end of the arrow and `back`
 * the point one head-length back along its body. Returns path data and whether it is filled.
 */
export function arrowheadPath(type: string, tip: Vec, back: Vec): { d: string; filled: boolean } | null {
  const left = rotateAround(back, tip, Math.PI / 6);
  const right = rotateAround(back, tip, -Math.PI / 6);
  const half = mul(sub(back, tip), 0.5);
  const perp = { x: -half.y, y: half.x };
  switch (type) {
    case 'arrow':
      return { d: `M${pt(left)}L${pt(tip)}L${pt(right)}`, filled: false };
    case 'triangle':
      return { d: polygon([left, right, tip]), filled: true };
    case 'inverted':
      return { d: polygon([add(tip, perp), back, sub(tip, perp)]), filled: true };
    case 'bar':
    case 'pipe':
      return { d: `M${pt(add(tip, perp))}L${pt(sub(tip, perp))}`, filled: false };
    case 'dot': {
      const center = lerp(tip, back, 0.45);
      const r = dist(center, tip);
      return {
        d: `M${fmt(center.x - r)} ${fmt(center.y)}a${fmt(r)} ${fmt(r)} 0 1 0 ${fmt(r * 2)} 0a${fmt(r)} ${fmt(r)} 0 1 0 ${fmt(-r * 2)} 0Z`,
        filled: true,
      };
    }
    case 'square': {
      const base = lerp(tip, back, 0.85);
      const d = mul(sub(base, tip), 0.5);
      const p = { x: -d.y, y: d.x };
      return { d: polygon([add(tip, p), add(base, p), sub(base, p), sub(tip, p)]), filled: true };
    }
    case 'diamond': {
      const base = lerp(tip, back, 0.75);
      const l = rotateAround(base, tip, Math.PI / 4);
      const r = rotateAround(base, tip, -Math.PI / 4);
      const mid = lerp(l, r, 0.5);
      const far = add(mid, sub(mid, tip));
      return { d: polygon([far, r, tip, l]), filled: true };
    }
    default:
      return null;
  }
}

/**
 * A smooth path through freehand points (quadratic curves through the midpoints), as a pen
 * stroke looks; one point becomes a dot.
 */
export function smoothPath(points: readonly Vec[], closed: boolean): string {
  const first = points[0];
  if (!first) return '';
  if (points.length === 1) return `M${pt(first)}l0.01 0`;
  if (points.length === 2) return `M${pt(first)}L${pt(points[1]!)}`;
  let d = `M${pt(first)}`;
  for (let i = 1; i < points.length - 1; i++) {
    d += `Q${pt(points[i]!)} ${pt(lerp(points[i]!, points[i + 1]!, 0.5))}`;
  }
  d += `L${pt(points[points.length - 1]!)}`;
  return closed ? d + 'Z' : d;
}

/** A polyline through points. */
export function polylinePath(points: readonly Vec[], closed = false): string {
  if (points.length === 0) return '';
  if (points.length === 1) return `M${pt(points[0]!)}l0.01 0`;
  return `M${points.map(pt).join('L')}${closed ? 'Z' : ''}`;
}

/**
 * A Catmull-Rom spline through points as cubic Béziers, for tldraw's `cubic` line spline.
 */
export function splinePath(points: readonly Vec[]): string {
  if (points.length < 3) return polylinePath(points);
  let d = `M${pt(points[0]!)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[i + 2] ?? p2;
    const c1 = add(p1, mul(sub(p2, p0), 1 / 6));
    const c2 = sub(p2, mul(sub(p3, p1), 1 / 6));
    d += `C${pt(c1)} ${pt(c2)} ${pt(p2)}`;
  }
  return d;
}
