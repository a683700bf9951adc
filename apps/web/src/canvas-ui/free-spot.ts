/** An axis-aligned box in page space. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Options of {@link findFreeSpot}. */
export interface FreeSpotOptions {
  /** Where the note must lie, whole. */
  area: Rect;
  /** Boxes the note must not touch (other notes). */
  occupied: readonly Rect[];
  /** The note's size. */
  size: { w: number; h: number };
  /** Space kept around the note and from the area's edge. */
  gap: number;
  /** Right-to-left: rows fill from the right edge, as people read. */
  rtl?: boolean;
  /** Prefer spots nearest this point (a double tap) instead of reading order. */
  near?: { x: number; y: number };
}

/**
 * The top-left corner of a spot in `area` where a note of `size` overlaps nothing in
 * `occupied` (keeping `gap` around it), or null if the area is full. Spots are tried on a fine
 * grid in reading order (rows from the top, from the start edge), or by distance to `near`.
 */
export function findFreeSpot({
  area,
  occupied,
  size,
  gap,
  rtl = false,
  near,
}: FreeSpotOptions): { x: number; y: number } | null {
  const step = Math.max(8, Math.round(Math.min(size.w, size.h) / 8));
  const candidates: { x: number; y: number }[] = [];
  const minX = area.x + gap;
  const maxX = area.x + area.w - gap - size.w;
  const minY = area.y + gap;
  const maxY = area.y + area.h - gap - size.h;
  for (let y = minY; y <= maxY; y += step) {
    for (let i = 0; minX + i * step <= maxX; i++) {
      candidates.push({ x: rtl ? maxX - i * step : minX + i * step, y });
    }
  }
  if (near) {
    const distance = (c: { x: number; y: number }) => Math.hypot(c.x + size.w / 2 - near.x, c.y + size.h / 2 - near.y);
    candidates.sort((a, b) => distance(a) - distance(b));
  }
  for (const candidate of candidates) {
    const padded = { x: candidate.x - gap, y: candidate.y - gap, w: size.w + gap * 2, h: size.h + gap * 2 };
    if (!occupied.some((box) => overlaps(padded, box))) return candidate;
  }
  return null;
}
