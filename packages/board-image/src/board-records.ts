/** A shape record that passed the checks every shape needs; `props` are read per type with defaults. */
export interface ShapeRecord {
  id: string;
  type: string;
  parentId: string;
  index: string;
  x: number;
  y: number;
  rotation: number;
  opacity: number;
  props: Readonly<Record<string, unknown>>;
}

/** The start or end binding of an arrow. */
export interface ArrowBinding {
  toId: string;
  anchor: { x: number; y: number };
  isPrecise: boolean;
  isExact: boolean;
}

/** A board's records sorted out: shapes by id, children in paint order, pages, arrow bindings, asset sources. */
export interface BoardRecords {
  shapes: Map<string, ShapeRecord>;
  /** Children of a page or shape id, sorted by fractional index. */
  children: Map<string, ShapeRecord[]>;
  /** Page ids, first page first. */
  pageIds: string[];
  /** Arrow bindings by arrow id. */
  bindings: Map<string, { start?: ArrowBinding; end?: ArrowBinding }>;
  /** `props.src` of asset records by asset id. */
  assetSources: Map<string, string>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isFinite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** Coordinates beyond this are treated as corrupt: they would only make an image of empty space. */
const MAX_COORDINATE = 1e7;

/** A finite number from untrusted props, or the fallback. */
export const num = (value: unknown, fallback: number): number => (isFinite(value) ? value : fallback);
/** A finite positive size no larger than `MAX_COORDINATE`, or null. */
export const size = (value: unknown): number | null =>
  isFinite(value) && value > 0 && value <= MAX_COORDINATE ? value : null;
/** A point `{ x, y }` of finite numbers within range, or null. */
export function point(value: unknown): { x: number; y: number } | null {
  if (!isObject(value) || !isFinite(value.x) || !isFinite(value.y)) return null;
  if (Math.abs(value.x) > MAX_COORDINATE || Math.abs(value.y) > MAX_COORDINATE) return null;
  return { x: value.x, y: value.y };
}

/** Plain string comparison, as tldraw orders fractional indexes (code units, not locale). */
export const compareIndex = (a: { index: string; id: string }, b: { index: string; id: string }) =>
  a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function toShape(r: Record<string, unknown>): ShapeRecord | null {
  const { id, type, parentId, index, x, y, props } = r;
  if (typeof id !== 'string' || typeof type !== 'string' || typeof parentId !== 'string') return null;
  if (!isFinite(x) || !isFinite(y) || Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) return null;
  if (!isObject(props) || id === parentId) return null;
  const opacity = num(r.opacity, 1);
  return {
    id,
    type,
    parentId,
    index: typeof index === 'string' ? index : '',
    x,
    y,
    rotation: num(r.rotation, 0),
    opacity: Math.min(1, Math.max(0, opacity)),
    props,
  };
}

function toBinding(
  r: Record<string, unknown>,
): { arrowId: string; terminal: 'start' | 'end'; binding: ArrowBinding } | null {
  const { type, fromId, toId, props } = r;
  if (type !== 'arrow' || typeof fromId !== 'string' || typeof toId !== 'string' || !isObject(props)) return null;
  const terminal = props.terminal;
  if (terminal !== 'start' && terminal !== 'end') return null;
  const anchor = point(props.normalizedAnchor) ?? { x: 0.5, y: 0.5 };
  return {
    arrowId: fromId,
    terminal,
    binding: { toId, anchor, isPrecise: props.isPrecise === true, isExact: props.isExact === true },
  };
}

/**
 * Sorts untrusted tldraw records (as stored in the board doc's `tl_records`) into what the
 * renderer needs. Anything malformed is skipped: non-objects, shapes without an id, type,
 * parent, finite position or props, bindings without both ends, duplicate ids (first wins).
 */
export function readBoardRecords(records: Iterable<unknown>): BoardRecords {
  const shapes = new Map<string, ShapeRecord>();
  const pages: { id: string; index: string }[] = [];
  const bindings = new Map<string, { start?: ArrowBinding; end?: ArrowBinding }>();
  const assetSources = new Map<string, string>();
  for (const record of records) {
    if (!isObject(record)) continue;
    switch (record.typeName) {
      case 'shape': {
        const shape = toShape(record);
        if (shape && !shapes.has(shape.id)) shapes.set(shape.id, shape);
        break;
      }
      case 'page':
        if (typeof record.id === 'string')
          pages.push({ id: record.id, index: typeof record.index === 'string' ? record.index : '' });
        break;
      case 'binding': {
        const parsed = toBinding(record);
        if (!parsed) break;
        const entry = bindings.get(parsed.arrowId) ?? {};
        entry[parsed.terminal] ??= parsed.binding;
        bindings.set(parsed.arrowId, entry);
        break;
      }
      case 'asset':
        if (typeof record.id === 'string' && isObject(record.props) && typeof record.props.src === 'string')
          assetSources.set(record.id, record.props.src);
        break;
    }
  }
  const children = new Map<string, ShapeRecord[]>();
  for (const shape of shapes.values()) {
    const siblings = children.get(shape.parentId);
    if (siblings) siblings.push(shape);
    else children.set(shape.parentId, [shape]);
  }
  for (const siblings of children.values()) siblings.sort(compareIndex);
  pages.sort(compareIndex);
  return { shapes, children, pageIds: pages.map((p) => p.id), bindings, assetSources };
}
