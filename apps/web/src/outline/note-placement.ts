import type { PageBox } from './outline-model.ts';

/** Side of a new sticky note at scale 1, tldraw's default. */
export const NOTE_SIDE = 200;
const GAP = 20;

const overlaps = (a: PageBox, b: PageBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Where {@link freeSpotInFrame} puts a note, and how tall the frame must be to hold it. */
export interface NoteSpot {
  x: number;
  y: number;
  /** The frame's height after the note, at least its current one. */
  frameHeight: number;
}

/**
 * The first free place for a note in a frame, in the frame's own coordinates: a grid of note-sized
 * cells scanned in reading order (from the right for `rtl`); when every cell is taken, a new row
 * below the lowest shape, with the frame grown to fit.
 */
export function freeSpotInFrame(frame: { w: number; h: number }, occupied: readonly PageBox[], rtl = false): NoteSpot {
  const step = NOTE_SIDE + GAP;
  const columns = Math.max(1, Math.floor((frame.w - GAP) / step));
  const columnX = (column: number) => (rtl ? frame.w - GAP - NOTE_SIDE - column * step : GAP + column * step);
  for (let y = GAP; y + NOTE_SIDE + GAP <= frame.h; y += step) {
    for (let column = 0; column < columns; column++) {
      const cell = { x: columnX(column), y, w: NOTE_SIDE, h: NOTE_SIDE };
      if (
        !occupied.some((box) =>
          overlaps(box, { x: cell.x - GAP / 2, y: cell.y - GAP / 2, w: cell.w + GAP, h: cell.h + GAP }),
        )
      ) {
        return { x: cell.x, y: cell.y, frameHeight: frame.h };
      }
    }
  }
  const bottom = Math.max(0, ...occupied.map((box) => box.y + box.h));
  const y = Math.max(GAP, bottom + GAP);
  return { x: columnX(0), y, frameHeight: Math.max(frame.h, y + NOTE_SIDE + GAP) };
}
