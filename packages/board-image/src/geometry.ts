/** A point or vector. */
export interface Vec {
  x: number;
  y: number;
}

/** An axis-aligned box. */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A 2D affine transform `[a c e; b d f]`, as in SVG's `matrix(a b c d e f)`. */
export interface Mat {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export const IDENTITY: Mat = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

/** A shape's transform relative to its parent: translate to (x, y), then rotate. */
export const shapeMatrix = (x: number, y: number, rotation: number): Mat => {
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  return { a: cos, b: sin, c: -sin, d: cos, e: x, f: y };
};

export const multiply = (m: Mat, n: Mat): Mat => ({
  a: m.a * n.a + m.c * n.b,
  b: m.b * n.a + m.d * n.b,
  c: m.a * n.c + m.c * n.d,
  d: m.b * n.c + m.d * n.d,
  e: m.a * n.e + m.c * n.f + m.e,
  f: m.b * n.e + m.d * n.f + m.f,
});

export const apply = (m: Mat, p: Vec): Vec => ({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });

export function invert(m: Mat): Mat {
  const det = m.a * m.d - m.b * m.c || 1;
  return {
    a: m.d / det,
    b: -m.b / det,
    c: -m.c / det,
    d: m.a / det,
    e: (m.c * m.f - m.d * m.e) / det,
    f: (m.b * m.e - m.a * m.f) / det,
  };
}

export const boxOf = (x: number, y: number, w: number, h: number): Box => ({
  minX: x,
  minY: y,
  maxX: x + w,
  maxY: y + h,
});

export function boxOfPoints(points: readonly Vec[]): Box | null {
  if (points.length === 0) return null;
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const p of points) {
    if (p.x < box.minX) box.minX = p.x;
    if (p.y < box.minY) box.minY = p.y;
    if (p.x > box.maxX) box.maxX = p.x;
    if (p.y > box.maxY) box.maxY = p.y;
  }
  return box;
}

export const expand = (box: Box, by: number): Box => ({
  minX: box.minX - by,
  minY: box.minY - by,
  maxX: box.maxX + by,
  maxY: box.maxY + by,
});

export const union = (a: Box | null, b: Box): Box =>
  a === null
    ? b
    : {
        minX: Math.min(a.minX, b.minX),
        minY: Math.min(a.minY, b.minY),
        maxX: Math.max(a.maxX, b.maxX),
        maxY: Math.max(a.maxY, b.maxY),
      };

/** The axis-aligned box around a box after a transform (rotation makes it larger). */
export const transformBox = (m: Mat, box: Box): Box =>
  boxOfPoints([
    apply(m, { x: box.minX, y: box.minY }),
    apply(m, { x: box.maxX, y: box.minY }),
    apply(m, { x: box.maxX, y: box.maxY }),
    apply(m, { x: box.minX, y: box.maxY }),
  ])!;

export const add = (a: Vec, b: Vec): Vec => ({ x: a.x + b.x, y: a.y + b.y });
export const sub = (a: Vec, b: Vec): Vec => ({ x: a.x - b.x, y: a.y - b.y });
export const mul = (a: Vec, k: number): Vec => ({ x: a.x * k, y: a.y * k });
export const dist = (a: Vec, b: Vec) => Math.hypot(a.x - b.x, a.y - b.y);
export const lerp = (a: Vec, b: Vec, t: number): Vec => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
/** Rotates `p` around `center` by `angle` radians. */
export function rotateAround(p: Vec, center: Vec, angle: number): Vec {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const dx = p.x - center.x;
  const dy = p.y - center.y;
  return { x: center.x + dx * cos - dy * sin, y: center.y + dx * sin + dy * cos };
}

/** The circle through three points, or null when they are (nearly) on one line. */
export function circleThrough(a: Vec, b: Vec, c: Vec): { center: Vec; radius: number } | null {
  const d = 2 * (a.x * (b.y - c.y) + b.x * (c.y - a.y) + c.x * (a.y - b.y));
  if (Math.abs(d) < 1e-9) return null;
  const a2 = a.x * a.x + a.y * a.y;
  const b2 = b.x * b.x + b.y * b.y;
  const c2 = c.x * c.x + c.y * c.y;
  const center = {
    x: (a2 * (b.y - c.y) + b2 * (c.y - a.y) + c2 * (a.y - b.y)) / d,
    y: (a2 * (c.x - b.x) + b2 * (a.x - c.x) + c2 * (b.x - a.x)) / d,
  };
  const radius = dist(center, a);
  return Number.isFinite(radius) ? { center, radius } : null;
}

/**
 * Where the segment from `outside` to `inside` first crosses the edge of a box, or `inside`
 * when `outside` is not outside it (Liang–Barsky clipping, entry point).
 */
export function enterBox(outside: Vec, inside: Vec, box: Box): Vec {
  const dx = inside.x - outside.x;
  const dy = inside.y - outside.y;
  let t0 = 0;
  const edges: [number, number][] = [
    [-dx, outside.x - box.minX],
    [dx, box.maxX - outside.x],
    [-dy, outside.y - box.minY],
    [dy, box.maxY - outside.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return inside;
      continue;
    }
    const t = q / p;
    if (p < 0 && t > t0) t0 = t;
  }
  return t0 > 0 && t0 <= 1 ? lerp(outside, inside, t0) : inside;
}
