import { plainTextOf } from '@talkoot/protocol';
import { isShapeRecord, talkootOf, type ShapeRecord } from './shape-record.ts';

/** Side of a tldraw note at scale 1. */
const NOTE_SIDE = 200;
/** Space kept between notes, and from a frame's edge. */
const GAP = 20;
/** Rows are tried this far apart; across, notes stand side by side one gap apart (a tidy grid). */
const STEP = 20;
/** Beside the board, revealed notes fill rows this many notes wide. */
const COLUMNS_BESIDE = 4;
/** tldraw's font sizes of text shapes by `size`, and its line height. */
const FONT_SIZES: Readonly<Record<string, number>> = { s: 18, m: 24, l: 36, xl: 44 };
const LINE_HEIGHT = 1.35;
/** Average advance of a character in em, for the height of a wrapped label (kept on the wide side). */
const AVERAGE_CHAR_EM = 0.56;

/** A box in its parent's coordinates. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where one revealed note goes: its new parent (a frame or the page), position and index. */
export interface RevealedNotePlace {
  id: string;
  parentId: string;
  x: number;
  y: number;
  index: string;
}

/** The result of {@link placeRevealedNotes}. */
export interface RevealLayout {
  notes: RevealedNotePlace[];
  /** The target frame's new height when it had to grow to hold the notes; null otherwise. */
  grownFrame: { id: string; h: number } | null;
}

/** Options of {@link placeRevealedNotes}. */
export interface RevealPlacementOptions {
  /** The frame the notes belong in (the focus frame or the current step's), if any. */
  frameId: string | null;
  /** The page notes go on when there is no such frame on the board. */
  pageId: string;
  /** Right-to-left: rows fill from the right edge, as people read. */
  rtl?: boolean;
}

const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A note's size from its props (untrusted: anything odd counts as a plain note). */
function noteSize(props: Record<string, unknown>): { w: number; h: number } {
  const scale = Math.min(Math.max(num(props.scale, 1), 0.1), 10);
  return { w: NOTE_SIDE * scale, h: (NOTE_SIDE + Math.max(0, num(props.growY, 0))) * scale };
}

/**
 * The box a shape takes in its parent, as far as it can be told from the stored record: notes and
 * shapes with a size exactly, text by an estimate of its wrapped lines; null for shapes without a
 * size (drawings, arrows), which notes may cover.
 */
function boxOf(shape: ShapeRecord): Box | null {
  const p = shape.props;
  if (shape.type === 'note') return { x: shape.x, y: shape.y, ...noteSize(p) };
  if (shape.type === 'text') {
    const scale = num(p.scale, 1);
    const fontSize = (FONT_SIZES[String(p.size)] ?? FONT_SIZES.m!) * scale;
    const w = num(p.w, 0) * scale;
    const lines = plainTextOf(p.richText)
      .split('\n')
      .reduce(
        (sum, line) => sum + Math.max(1, Math.ceil((line.length * AVERAGE_CHAR_EM * fontSize) / Math.max(w, 1))),
        0,
      );
    return { x: shape.x, y: shape.y, w, h: lines * fontSize * LINE_HEIGHT };
  }
  const w = num(p.w, Number.NaN);
  const h = num(p.h, Number.NaN) + num(p.growY, 0);
  return Number.isFinite(w) && Number.isFinite(h) ? { x: shape.x, y: shape.y, w, h } : null;
}

/** A template's marked region (a lane, a round): notes belong on it, so it is no obstacle. */
const isArea = (shape: ShapeRecord) => shape.type === 'geo' && typeof talkootOf(shape).part === 'string';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UPPER_DIGITS = DIGITS.slice(DIGITS.indexOf('V'));

/**
 * Fractional index keys above `top`, ascending: `top` + `V`, `W`, … `z`, then `top` + `zV`, …
 * (a key followed by more digits sorts after it, and never ends in `0`, as tldraw requires).
 */
function indexAbove(top: string, n: number): string {
  return top + 'z'.repeat(Math.floor(n / UPPER_DIGITS.length)) + UPPER_DIGITS[n % UPPER_DIGITS.length]!;
}

/** The first spot for a box of `size` inside `width` × `height` that touches none of `occupied`. */
function freeSpot(
  width: number,
  height: number,
  size: { w: number; h: number },
  occupied: readonly Box[],
  rtl: boolean,
): { x: number; y: number } | null {
  const maxX = width - GAP - size.w;
  for (let y = GAP; y + size.h + GAP <= height; y += STEP) {
    for (let i = 0; GAP + i * (size.w + GAP) <= maxX; i++) {
      const x = rtl ? maxX - i * (size.w + GAP) : GAP + i * (size.w + GAP);
      const padded = { x: x - GAP, y: y - GAP, w: size.w + GAP * 2, h: size.h + GAP * 2 };
      if (!occupied.some((box) => overlaps(padded, box))) return { x, y };
    }
  }
  return null;
}

/**
 * Where notes revealed from private writing go: inside `frameId` when the board has that frame
 * (in its own coordinates, as its children), each in the first free spot in reading order that
 * overlaps no other note or label there — on a template's areas is fine — growing the frame
 * downwards when it is full; otherwise in rows just beside the page's content, never far off.
 *
 * `records` are the board's records (untrusted JSON: anything that is not a shape is skipped);
 * `notes` the note records to place, in the order they are laid out. Pure: the caller writes
 * the result. Ids in `notes` that are already on the board are placed like new ones.
 */
export function placeRevealedNotes(
  records: Iterable<unknown>,
  notes: readonly { id: string; props?: unknown }[],
  options: RevealPlacementOptions,
): RevealLayout {
  const placing = new Set(notes.map((note) => note.id));
  const shapes: ShapeRecord[] = [];
  for (const record of records) if (isShapeRecord(record) && !placing.has(record.id)) shapes.push(record);
  const frame = options.frameId
    ? shapes.find((shape) => shape.id === options.frameId && shape.type === 'frame')
    : undefined;
  const rtl = options.rtl ?? false;
  const parentId = frame ? frame.id : options.pageId;
  const siblings = shapes.filter((shape) => shape.parentId === parentId);
  const occupied: Box[] = [];
  for (const shape of siblings) {
    if (isArea(shape)) continue;
    const box = boxOf(shape);
    if (box) occupied.push(box);
  }
  const top = siblings
    .map((shape) => (typeof shape.index === 'string' ? shape.index : ''))
    .reduce((max, index) => (index > max ? index : max), 'a0');

  let origin = { x: 0, y: 0 };
  let width: number;
  let height: number;
  if (frame) {
    width = num(frame.props.w, 0);
    height = num(frame.props.h, 0);
  } else {
    // Beside what is on the page: a column of rows to the end side of its content, from its top.
    width = GAP + COLUMNS_BESIDE * (NOTE_SIDE + GAP);
    height = 0;
    if (occupied.length > 0) {
      const minX = Math.min(...occupied.map((b) => b.x));
      const maxX = Math.max(...occupied.map((b) => b.x + b.w));
      const minY = Math.min(...occupied.map((b) => b.y));
      origin = { x: rtl ? minX - 80 - width : maxX + 80, y: minY };
    }
    occupied.length = 0;
  }

  const startHeight = height;
  const placed: RevealedNotePlace[] = [];
  notes.forEach((note, n) => {
    const size = noteSize(
      typeof note.props === 'object' && note.props !== null ? (note.props as Record<string, unknown>) : {},
    );
    let spot = freeSpot(width, height, size, occupied, rtl);
    if (!spot) {
      // Full: a new row below everything in it.
      const bottom = Math.max(0, ...occupied.map((box) => box.y + box.h));
      height = Math.max(height, bottom + GAP + size.h + GAP);
      spot = freeSpot(width, height, size, occupied, rtl) ?? { x: rtl ? width - GAP - size.w : GAP, y: bottom + GAP };
    }
    occupied.push({ ...spot, ...size });
    placed.push({ id: note.id, parentId, x: origin.x + spot.x, y: origin.y + spot.y, index: indexAbove(top, n) });
  });
  return {
    notes: placed,
    grownFrame: frame && height > startHeight ? { id: frame.id, h: height } : null,
  };
}
