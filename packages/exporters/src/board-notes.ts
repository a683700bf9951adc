import { type LocationTags, noteSourceSchema, type NoteSource, type RankedNote } from '@talkoot/action-plan';
import { type Language, languageSchema } from '@talkoot/protocol';
import { locateNote, getTemplate } from '@talkoot/templates';
import { cleanText } from './clean-text.ts';
import { plainTextOf } from './plain-text.ts';

/** A note read from a stored board: its text and the place it sits in. */
export interface BoardNote {
  id: string;
  text: string;
  frameId: string | null;
  /** Merged template tags of its place (see `locateNote`); null outside every template part. */
  location: LocationTags | null;
  source?: NoteSource;
  /** The language the note records (`meta.talkoot.language`); absent: the board's. */
  language?: Language;
}

/** A frame on the board. */
export interface BoardFrame {
  id: string;
  name: string;
  /** Placed directly on the page (not inside another frame). */
  topLevel: boolean;
  /** Template tags of the frame itself, if it is part of a template. */
  tags: LocationTags | null;
}

interface ShapeRecord {
  id: string;
  type: string;
  parentId: string;
  props: Record<string, unknown>;
  meta?: { talkoot?: unknown };
}

const isShape = (value: unknown): value is ShapeRecord => {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    r.typeName === 'shape' &&
    typeof r.id === 'string' &&
    typeof r.type === 'string' &&
    typeof r.parentId === 'string' &&
    typeof r.props === 'object' &&
    r.props !== null
  );
};

const talkootOf = (shape: ShapeRecord): Record<string, unknown> | null => {
  const talkoot = shape.meta?.talkoot;
  return typeof talkoot === 'object' && talkoot !== null ? (talkoot as Record<string, unknown>) : null;
};

/** Whether a note is one of its template's examples or prompts (`readBack.skipParts`), not content. */
function isScaffolding(shape: ShapeRecord): boolean {
  const own = talkootOf(shape);
  if (!own || typeof own.template !== 'string' || typeof own.part !== 'string') return false;
  try {
    return getTemplate(own.template).readBack.skipParts.includes(own.part);
  } catch {
    return false;
  }
}

const scalarTags = (tags: object): LocationTags =>
  Object.fromEntries(
    Object.entries(tags).filter(
      (entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number',
    ),
  );

/**
 * The notes of a stored board (tldraw records as JSON; anything malformed is skipped) with
 * their plain text and place, and its frames. Template examples and ground rules
 * and notes without text are left out. Locating every note against the board's non-note
 * shapes only keeps this linear in the number of notes.
 */
export function readBoardNotes(records: Iterable<unknown>): { notes: BoardNote[]; frames: BoardFrame[] } {
  const shapes: ShapeRecord[] = [];
  for (const record of records) if (isShape(record)) shapes.push(record);
  // Notes never contain other notes (locateNote skips them), so only the rest can be a place.
  const containers = shapes.filter((s) => s.type !== 'note');
  const notes: BoardNote[] = [];
  for (const shape of shapes) {
    if (shape.type !== 'note' || isScaffolding(shape)) continue;
    const text = cleanText(plainTextOf(shape.props)).trim();
    if (text === '') continue;
    const located = locateNote([...containers, shape], shape.id);
    const source = noteSourceSchema.safeParse(talkootOf(shape)?.source);
    const language = languageSchema.safeParse(talkootOf(shape)?.language);
    notes.push({
      id: shape.id,
      text,
      frameId: located?.frameId ?? null,
      location: located?.tags ? scalarTags(located.tags) : null,
      ...(source.success ? { source: source.data } : {}),
      ...(language.success ? { language: language.data } : {}),
    });
  }
  const frames = shapes
    .filter((s) => s.type === 'frame')
    .map((s) => {
      const own = talkootOf(s);
      return {
        id: s.id,
        name: cleanText(typeof s.props.name === 'string' ? s.props.name : ''),
        topLevel: s.parentId.startsWith('page:'),
        tags: own ? scalarTags(own) : null,
      };
    });
  return { notes, frames };
}

/**
 * The prioritisation ranking: notes with revealed votes, most first (ties by text, then id,
 * so every call agrees), hidden notes left out. What `seedActionPlan` turns into measures.
 */
export function rankNotes(
  boardId: string,
  notes: readonly BoardNote[],
  results: Readonly<Record<string, number>>,
  redacted: ReadonlySet<string> = new Set(),
): RankedNote[] {
  return notes
    .filter((note) => !redacted.has(note.id) && (results[note.id] ?? 0) > 0)
    .map((note) => ({
      boardId,
      shapeId: note.id,
      text: note.text,
      votes: results[note.id] ?? 0,
      ...(note.location ? { location: note.location } : {}),
      ...(note.source ? { source: note.source } : {}),
    }))
    .sort((a, b) => compareRanked(a.votes, a.text, a.shapeId, b.votes, b.text, b.shapeId));
}

/**
 * The order of the ranking: most votes first, ties by text and then id in code-unit order,
 * which is the same on every server and in every language, so the document's priorities and
 * the measures seeded from them list tied notes alike.
 */
export function compareRanked(
  votesA: number,
  textA: string,
  idA: string,
  votesB: number,
  textB: string,
  idB: string,
): number {
  if (votesA !== votesB) return votesB - votesA;
  if (textA !== textB) return textA < textB ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
