import { noteRecord as templateNote, PAGE_ID } from '@talkoot/templates';

/** tldraw's note colours the bench's writers cycle through. */
const NOTE_COLORS = ['yellow', 'blue', 'green', 'orange', 'violet', 'red'] as const;

/** Notes each writer creates; its later updates move them. */
export const NOTES_PER_WRITER = 5;

/**
 * A sticky note as the web client stores it (see `noteRecord` in @talkoot/templates), on the
 * board's page. Every target gets the same records, so Talkoot's write gate accepts them and
 * the others carry the same bytes.
 */
export const noteRecord = (id: string, x: number, y: number, text: string, colorIndex: number) =>
  templateNote(id, PAGE_ID, x, y, text, { color: NOTE_COLORS[colorIndex % NOTE_COLORS.length]! });

/**
 * Writer `writer`'s update number `seq`: its first {@link NOTES_PER_WRITER} updates each create a
 * note, every later one moves one of them (the same record with a new x/y, as a drag does).
 */
export function writerNote(writer: number, seq: number): { id: string; record: ReturnType<typeof noteRecord> } {
  const note = seq % NOTES_PER_WRITER;
  const id = `shape:bench-w${writer}-n${note}`;
  const x = (seq * 37) % 2000;
  const y = (seq * 91) % 1200;
  return { id, record: noteRecord(id, x, y, `note ${note} from writer ${writer}`, writer + note) };
}
