import { plainTextOf } from '@talkoot/protocol';
import type { TLShape, TLShapeId } from 'tldraw';

/** A shape's rectangle in page space. */
export interface PageBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A note or text shape as the outline lists it. */
export interface OutlineNote {
  id: TLShapeId;
  kind: 'note' | 'text';
  /** Plain text as stored (what editing changes), paragraphs joined by line breaks. */
  text: string;
  /** The text as this reader sees it (a template's text in her language), when built with `localize`. */
  shown?: string;
  /**
   * The pseudonym of whoever last wrote the note's text, where the canvas shows it too (tldraw
   * signs sticky notes with `props.textLastEditedBy`; notes from private writing stay unsigned).
   */
  author: string | null;
  /** Dots the sticky note got, only while a vote's results are revealed (see `BuildOutlineOptions.votes`). */
  votes?: number;
}

/** A frame and the notes in it, in reading order. */
export interface OutlineFrame {
  id: TLShapeId;
  /** The frame's name as the reader sees it (see `localize`); empty when it has none (the panel shows a numbered fallback). */
  name: string;
  notes: OutlineNote[];
}

/** The board as a reading list: frames in reading order, then the notes in no frame. */
export interface BoardOutline {
  frames: OutlineFrame[];
  loose: OutlineNote[];
}

/** Options of {@link buildOutline}. */
export interface BuildOutlineOptions {
  /** Right-to-left reading: rows of notes are read from the right (frames keep the workshop's order). */
  rtl?: boolean;
  /**
   * A shape's page bounds; the editor's `getShapePageBounds` in the app. Without it, bounds are
   * derived from positions and sizes along the parent chain (no rotation), enough for tests.
   */
  boundsOf?: (shape: TLShape) => PageBox | undefined;
  /** A revealed vote's totals per shape id (`voting.results`): sticky notes get `votes`, 0 if none. */
  votes?: Readonly<Record<string, number>> | null;
  /**
   * The display name of a user id; the editor's `getAttributionDisplayName` in the app, which
   * reads the board's user records. Without it, no author is named.
   */
  nameOf?: (userId: string) => string | null;
  /** How a shape's stored text (a note's, a frame's name) is shown to the reader; as stored without it. */
  localize?: (shape: TLShape, stored: string) => string;
}

const NOTE_SIZE = 200;

/** The one rich-text reader, here for the outline's many callers. */
export { plainTextOf };

function fallbackBounds(byId: ReadonlyMap<TLShapeId, TLShape>): (shape: TLShape) => PageBox {
  return (shape) => {
    let x = shape.x;
    let y = shape.y;
    for (let parent = byId.get(shape.parentId as TLShapeId); parent; parent = byId.get(parent.parentId as TLShapeId)) {
      x += parent.x;
      y += parent.y;
    }
    const props = shape.props as { w?: number; h?: number; scale?: number; growY?: number };
    const scale = props.scale ?? 1;
    const w = shape.type === 'note' ? NOTE_SIZE * scale : (props.w ?? 0) * (shape.type === 'text' ? scale : 1);
    const h = shape.type === 'note' ? (NOTE_SIZE + (props.growY ?? 0)) * scale : (props.h ?? 24 * scale);
    return { x, y, w, h };
  };
}

/**
 * Sorts boxes as a page is read: rows from top to bottom, and within a row from left to right
 * (right to left for `rtl`). Boxes whose tops lie within half the row's smallest height of the
 * row's first box share the row, so frames laid out side by side stay one row even when they
 * are a few pixels apart vertically.
 */
export function readingOrder<T>(items: readonly T[], boxOf: (item: T) => PageBox, rtl = false): T[] {
  const byTop = [...items].sort((a, b) => boxOf(a).y - boxOf(b).y);
  const rows: T[][] = [];
  let rowTop = 0;
  let rowBand = 0;
  for (const item of byTop) {
    const box = boxOf(item);
    const row = rows.at(-1);
    if (row && box.y < rowTop + rowBand) {
      row.push(item);
      rowBand = Math.min(rowBand, Math.max(box.h / 2, 1));
    } else {
      rows.push([item]);
      rowTop = box.y;
      rowBand = Math.max(box.h / 2, 1);
    }
  }
  const across = (item: T) => {
    const box = boxOf(item);
    return rtl ? -(box.x + box.w) : box.x;
  };
  return rows.flatMap((row) => row.sort((a, b) => across(a) - across(b)));
}

const contains = (outer: PageBox, x: number, y: number) =>
  x >= outer.x && x <= outer.x + outer.w && y >= outer.y && y <= outer.y + outer.h;

/**
 * The board's outline from its shapes (one page's): frames with the notes and texts in them,
 * and the notes outside every frame. A shape belongs to its nearest frame ancestor; a shape
 * that has none but whose centre lies on a frame belongs to the smallest such frame (frames
 * are listed flat, nested ones too). Pure: call it inside a reactive computation to stay live.
 */
export function buildOutline(shapes: readonly TLShape[], options: BuildOutlineOptions = {}): BoardOutline {
  const byId = new Map(shapes.map((shape) => [shape.id, shape]));
  const fallback = fallbackBounds(byId);
  const bounds = new Map<TLShapeId, PageBox>();
  const boxOf = (shape: TLShape): PageBox => {
    let box = bounds.get(shape.id);
    if (!box) {
      box = options.boundsOf?.(shape) ?? fallback(shape);
      bounds.set(shape.id, box);
    }
    return box;
  };

  const frames = shapes.filter((shape) => shape.type === 'frame');
  const notesByFrame = new Map<TLShapeId | null, TLShape[]>([[null, []]]);
  for (const frame of frames) notesByFrame.set(frame.id, []);

  const frameOf = (shape: TLShape): TLShapeId | null => {
    for (let parent = byId.get(shape.parentId as TLShapeId); parent; parent = byId.get(parent.parentId as TLShapeId)) {
      if (parent.type === 'frame') return parent.id;
    }
    const box = boxOf(shape);
    const cx = box.x + box.w / 2;
    const cy = box.y + box.h / 2;
    let best: TLShape | null = null;
    for (const frame of frames) {
      const frameBox = boxOf(frame);
      if (!contains(frameBox, cx, cy)) continue;
      if (!best || frameBox.w * frameBox.h < boxOf(best).w * boxOf(best).h) best = frame;
    }
    return best?.id ?? null;
  };

  for (const shape of shapes) {
    if (shape.type !== 'note' && shape.type !== 'text') continue;
    notesByFrame.get(frameOf(shape))!.push(shape);
  }

  const toNote = (shape: TLShape): OutlineNote => {
    const text = plainTextOf((shape.props as { richText?: unknown }).richText);
    const signedBy = (shape.props as { textLastEditedBy?: unknown }).textLastEditedBy;
    const author = typeof signedBy === 'string' && text !== '' ? (options.nameOf?.(signedBy)?.trim() ?? '') : '';
    const note: OutlineNote = {
      id: shape.id,
      kind: shape.type as 'note' | 'text',
      text,
      ...(options.localize ? { shown: options.localize(shape, text) } : {}),
      author: author === '' ? null : author,
    };
    if (options.votes && shape.type === 'note') note.votes = options.votes[shape.id] ?? 0;
    return note;
  };
  const ordered = (list: TLShape[]) => readingOrder(list, boxOf, options.rtl).map(toNote);

  return {
    // Frames in the workshop's order in every language: boards (and templates) are laid out from
    // the left, table 1 first, so reading frames from the right would list the last step first.
    frames: readingOrder(frames, boxOf).map((frame) => ({
      id: frame.id,
      name: (options.localize
        ? options.localize(frame, (frame.props as { name?: string }).name ?? '')
        : ((frame.props as { name?: string }).name ?? '')
      ).trim(),
      notes: ordered(notesByFrame.get(frame.id)!),
    })),
    loose: ordered(notesByFrame.get(null)!),
  };
}
