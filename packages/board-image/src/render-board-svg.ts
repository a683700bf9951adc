import { renderArrow } from './arrow-shape.ts';
import { readBoardRecords, type BoardRecords, type ShapeRecord } from './board-records.ts';
import { boxOf, expand, IDENTITY, multiply, shapeMatrix, transformBox, union, type Box, type Mat } from './geometry.ts';
import { THEME } from './palette.ts';
import { renderShape, type ShapeDrawing } from './render-shape.ts';
import { FONT_FAMILY, renderTextLines, wrapParagraphs } from './text-layout.ts';
import { fmt } from './xml.ts';

/** Options of {@link renderBoardSvg}. */
export interface RenderBoardSvgOptions {
  /** Draw only this frame and what is inside it, cropped to the frame. */
  frameId?: string;
  /** Paint tldraw's canvas colour behind the board (default true); false leaves it transparent. */
  background?: boolean;
  /** Shapes drawn as a grey box with {@link RenderBoardSvgOptions.redactedLabel} instead of their content. */
  redactedShapeIds?: ReadonlySet<string>;
  /** Text on redacted shapes, already translated (default: none). */
  redactedLabel?: string;
  /** Most shapes drawn (default 20,000); the rest of a bigger board is left out. */
  maxShapes?: number;
}

/** An SVG document and its size in pixels (one board unit is one pixel). */
export interface BoardSvg {
  svg: string;
  width: number;
  height: number;
}

/** The frame asked for is not on the board (or is not a frame). */
export class FrameNotFoundError extends Error {
  readonly reason = 'frame-not-found';
  readonly frameId: string;
  constructor(frameId: string) {
    super(`No frame ${frameId} on this board`);
    this.frameId = frameId;
    this.name = 'FrameNotFoundError';
  }
}

const PADDING = 32;
/** Deeper nesting than this is not drawn; it only occurs in hostile records and would exhaust the stack. */
const MAX_DEPTH = 64;
const DEFAULT_MAX_SHAPES = 20_000;
const REDACTED_FILL = '#d3d7dc';
const REDACTED_TEXT = '#3d434a';

interface Walk {
  board: BoardRecords;
  redacted: ReadonlySet<string>;
  redactedLabel: string;
  budget: number;
  defs: string[];
  bounds: Box | null;
  pageMatrix: Map<string, Mat | null>;
  drawing: Map<string, ShapeDrawing | null>;
}

const translateRotate = (shape: ShapeRecord) =>
  `translate(${fmt(shape.x)} ${fmt(shape.y)})` +
  (shape.rotation !== 0 ? ` rotate(${fmt((shape.rotation * 180) / Math.PI)})` : '');

/** Page transform of a shape's parent: the page's identity, or the parent shape's page transform. */
function parentMatrixOf(walk: Walk, shape: ShapeRecord, depth: number): Mat | null {
  if (walk.board.shapes.has(shape.parentId)) return pageMatrixOf(walk, shape.parentId, depth + 1);
  return shape.parentId.startsWith('page:') ? IDENTITY : null;
}

/** Page transform of a shape (its parents' transforms times its own), or null if it is not on a page. */
function pageMatrixOf(walk: Walk, id: string, depth = 0): Mat | null {
  if (walk.pageMatrix.has(id)) return walk.pageMatrix.get(id)!;
  const shape = walk.board.shapes.get(id);
  // Marked before recursing, so a parent loop ends as "not on a page" instead of overflowing.
  walk.pageMatrix.set(id, null);
  const parent = shape && depth < MAX_DEPTH ? parentMatrixOf(walk, shape, depth) : null;
  const matrix = parent && shape ? multiply(parent, shapeMatrix(shape.x, shape.y, shape.rotation)) : null;
  walk.pageMatrix.set(id, matrix);
  return matrix;
}

function drawingOf(walk: Walk, shape: ShapeRecord): ShapeDrawing | null {
  if (walk.drawing.has(shape.id)) return walk.drawing.get(shape.id)!;
  const drawing =
    shape.type === 'arrow'
      ? renderArrow(shape, {
          bindings: walk.board.bindings.get(shape.id),
          pageMatrixOf: (id) => pageMatrixOf(walk, id),
          localBoxOf: (id) => {
            // Arrows do not bind to arrows here, so following bindings cannot recurse.
            const target = walk.board.shapes.get(id);
            const drawing = target && target.type !== 'arrow' ? drawingOf(walk, target) : null;
            return drawing ? (drawing.body ?? drawing.bounds) : null;
          },
        })
      : renderShape(shape, walk.board.assetSources);
  walk.drawing.set(shape.id, drawing);
  return drawing;
}

function redactedBox(box: Box, label: string): string {
  const w = box.maxX - box.minX;
  const h = box.maxY - box.minY;
  let svg = `<rect x="${fmt(box.minX)}" y="${fmt(box.minY)}" width="${fmt(w)}" height="${fmt(h)}" rx="4" fill="${REDACTED_FILL}"/>`;
  if (label.trim() !== '') {
    const fontSize = Math.max(8, Math.min(18, h / 4));
    svg += renderTextLines(wrapParagraphs([label], fontSize, Math.max(1, w - 16)), {
      x: box.minX + 8,
      y: box.minY + 8,
      w: Math.max(1, w - 16),
      h: Math.max(1, h - 16),
      fontSize,
      color: REDACTED_TEXT,
      align: 'middle',
      verticalAlign: 'middle',
    });
  }
  return svg;
}

const overlaps = (a: Box, b: Box) => a.minX < b.maxX && a.maxX > b.minX && a.minY < b.maxY && a.maxY > b.minY;
const intersection = (a: Box, b: Box): Box => ({
  minX: Math.max(a.minX, b.minX),
  minY: Math.max(a.minY, b.minY),
  maxX: Math.min(a.maxX, b.maxX),
  maxY: Math.min(a.maxY, b.maxY),
});
const rect = (box: Box, attrs: string) =>
  `<rect x="${fmt(box.minX)}" y="${fmt(box.minY)}" width="${fmt(box.maxX - box.minX)}" height="${fmt(box.maxY - box.minY)}"${attrs}/>`;

/**
 * A shape and its children as SVG, in paint order (tldraw's: each shape above its parent,
 * siblings by fractional index). `matrix` is the page transform of the shape's parent,
 * `opacity` the product of its ancestors' opacities (groups pass theirs down rather than
 * drawing a layer), `clip` the page-space box its frames clip it to. The page-space box of
 * what is drawn outside any frame is added to `walk.bounds`.
 *
 * resvg 0.35 (in @resvg/resvg-js 2.6.2) aborts the whole process on a layer (a group with
 * opacity or a clip path, a nested viewport) that lies entirely outside the canvas. So shapes
 * outside their frame are not drawn at all, and every layer holds a transparent rect over a
 * box known to be on the canvas: the frame's body, or the shape's own box.
 */
function walkShape(
  walk: Walk,
  shape: ShapeRecord,
  matrix: Mat,
  depth: number,
  opacity: number,
  clip: Box | null,
): string {
  if (walk.budget <= 0 || depth > MAX_DEPTH || shape.opacity <= 0) return '';
  // Counted before anything is laid out, so maxShapes bounds the work, not only the output.
  walk.budget--;
  const drawing = drawingOf(walk, shape);
  if (!drawing && shape.type !== 'group') return '';
  const own = multiply(matrix, shapeMatrix(shape.x, shape.y, shape.rotation));
  const pageBox = drawing && transformBox(own, drawing.bounds);
  if (clip && pageBox && !overlaps(pageBox, clip)) return '';
  const effective = opacity * shape.opacity;
  const children = walk.board.children.get(shape.id) ?? [];
  if (!drawing) {
    const inner = children.map((child) => walkShape(walk, child, own, depth + 1, effective, clip)).join('');
    return inner === '' ? '' : `<g transform="${translateRotate(shape)}">${inner}</g>`;
  }
  if (!clip) walk.bounds = union(walk.bounds, pageBox!);
  let svg =
    effective < 1
      ? `<g transform="${translateRotate(shape)}" opacity="${fmt(effective)}">${rect(drawing.bounds, ' fill-opacity="0"')}`
      : `<g transform="${translateRotate(shape)}">`;
  svg += walk.redacted.has(shape.id) ? redactedBox(drawing.bounds, walk.redactedLabel) : drawing.svg;
  if (children.length > 0) {
    const frameBox = drawing.clip && transformBox(own, drawing.clip);
    const childClip = frameBox ? (clip ? intersection(clip, frameBox) : frameBox) : clip;
    // Children already carry the opacity of this shape's layer.
    const inner =
      childClip && (childClip.minX >= childClip.maxX || childClip.minY >= childClip.maxY)
        ? ''
        : children.map((child) => walkShape(walk, child, own, depth + 1, 1, childClip)).join('');
    if (drawing.clip && inner !== '') {
      const id = `clip${walk.defs.length}`;
      walk.defs.push(`<clipPath id="${id}">${rect(drawing.clip, '')}</clipPath>`);
      svg += `<g clip-path="url(#${id})">${rect(drawing.clip, ' fill-opacity="0"')}${inner}</g>`;
    } else {
      svg += inner;
    }
  }
  return svg + '</g>';
}

/** The page to draw: the first page record, or for a board without one, the page its shapes hang from. */
function firstPageId(board: BoardRecords): string | null {
  if (board.pageIds[0] !== undefined) return board.pageIds[0];
  const roots = [...board.children.keys()].filter((id) => id.startsWith('page:')).sort();
  return roots[0] ?? null;
}

/**
 * Draws a board's tldraw records (as stored in the board doc's `tl_records`) as an SVG image,
 * without a browser: the first page, or with `frameId` one frame and its contents cropped to
 * it. Frames (with titles, clipping their children), geo shapes, notes, text, arrows (bent,
 * bound, with heads and labels), draw and highlight strokes, lines and images (`data:` URLs
 * only; anything else is a placeholder) are drawn in tldraw's light-theme colours, in tldraw's
 * paint order, with parent transforms and opacity. Records are untrusted: malformed ones are
 * skipped, all text is escaped, and nothing from a record becomes markup or an attribute.
 * Throws {@link FrameNotFoundError} only when `frameId` names no frame on a page.
 */
export function renderBoardSvg(records: Iterable<unknown>, options: RenderBoardSvgOptions = {}): BoardSvg {
  const board = readBoardRecords(records);
  const walk: Walk = {
    board,
    redacted: options.redactedShapeIds ?? new Set(),
    redactedLabel: options.redactedLabel ?? '',
    budget: Math.max(0, options.maxShapes ?? DEFAULT_MAX_SHAPES),
    defs: [],
    bounds: null,
    pageMatrix: new Map(),
    drawing: new Map(),
  };

  let body = '';
  if (options.frameId !== undefined) {
    const frame = board.shapes.get(options.frameId);
    const matrix = frame ? parentMatrixOf(walk, frame, 0) : null;
    if (!frame || frame.type !== 'frame' || !matrix || !drawingOf(walk, frame)) {
      throw new FrameNotFoundError(options.frameId);
    }
    const inner = walkShape(walk, frame, matrix, 0, 1, null);
    const { a, b, c, d, e, f } = matrix;
    body = matrix === IDENTITY ? inner : `<g transform="matrix(${[a, b, c, d, e, f].map(fmt).join(' ')})">${inner}</g>`;
  } else {
    const pageId = firstPageId(board);
    for (const shape of (pageId && board.children.get(pageId)) || [])
      body += walkShape(walk, shape, IDENTITY, 0, 1, null);
  }

  const content = walk.bounds ?? boxOf(0, 0, 0, 0);
  // At least 1% of the board, so the margin stays over a pixel however far a PNG scales it down.
  const padding = Math.max(PADDING, Math.max(content.maxX - content.minX, content.maxY - content.minY) / 100);
  const box = expand(content, padding);
  const width = Math.ceil(box.maxX - box.minX);
  const height = Math.ceil(box.maxY - box.minY);
  const x = fmt(box.minX);
  const y = fmt(box.minY);
  const background =
    options.background === false
      ? ''
      : `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${THEME.background}"/>`;
  const defs = walk.defs.length > 0 ? `<defs>${walk.defs.join('')}</defs>` : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x} ${y} ${width} ${height}" ` +
    `font-family="${FONT_FAMILY}" font-size="16">${defs}${background}${body}</svg>`;
  return { svg, width, height };
}
