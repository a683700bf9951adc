import { plainTextOf } from '../outline/outline-model.ts';

/** One note of the ranking after a dot vote. */
export interface RankedNote {
  /** The note's shape id (`shape:…`). */
  shapeId: string;
  /** Plain text of the note, paragraphs joined by line breaks. */
  text: string;
  /** Dots the note got. */
  votes: number;
  /** 1 for the most dots; notes with as many dots share a rank, and the next rank skips (1, 1, 3). */
  rank: number;
  /** Whether another note shares this rank. */
  tied: boolean;
}

interface NoteLike {
  id: string;
  props: { richText?: unknown };
}

const isNote = (record: unknown): record is NoteLike => {
  if (typeof record !== 'object' || record === null) return false;
  const r = record as Record<string, unknown>;
  return (
    r.typeName === 'shape' &&
    r.type === 'note' &&
    typeof r.id === 'string' &&
    typeof r.props === 'object' &&
    r.props !== null
  );
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The ranking of a revealed dot vote: the sticky notes that got at least one dot, most dots
 * first. Notes with as many dots share a rank ("standard competition" ranking: 1, 1, 3) and
 * are listed by their text, so everyone sees the same order. Results for shapes that are no
 * longer notes on the board (deleted since) are left out.
 *
 * `records` are tldraw records (from the store, or untrusted JSON from the board doc: anything
 * that is not a note shape is skipped); `results` are the session state's `voting.results`.
 * Pure, so the action-plan seeding can rank the same way.
 */
export function rankNotes(
  records: Iterable<unknown>,
  results: Readonly<Record<string, number>> | null | undefined,
): RankedNote[] {
  if (!results) return [];
  const notes: Omit<RankedNote, 'rank' | 'tied'>[] = [];
  for (const record of records) {
    if (!isNote(record)) continue;
    const votes = results[record.id];
    if (typeof votes !== 'number' || !Number.isFinite(votes) || votes <= 0) continue;
    notes.push({ shapeId: record.id, text: plainTextOf(record.props.richText), votes });
  }
  notes.sort(
    (a, b) =>
      b.votes - a.votes ||
      collator.compare(a.text, b.text) ||
      (a.shapeId < b.shapeId ? -1 : a.shapeId > b.shapeId ? 1 : 0),
  );
  const counts = new Map<number, number>();
  for (const note of notes) counts.set(note.votes, (counts.get(note.votes) ?? 0) + 1);
  let rank = 0;
  return notes.map((note, index) => {
    if (index === 0 || notes[index - 1]!.votes !== note.votes) rank = index + 1;
    return { ...note, rank, tied: counts.get(note.votes)! > 1 };
  });
}

/**
 * The notes placed in the first `places` ranks, ties included: with ranks 1, 2, 2, 4 the top
 * two are three notes. For "start the action plan from the top N".
 */
export function topRanked(ranking: readonly RankedNote[], places: number): RankedNote[] {
  return ranking.filter((note) => note.rank <= places);
}
