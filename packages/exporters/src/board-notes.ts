import { type LocationTags, noteSourceSchema, type NoteSource, rankIdeas, type RankedNote } from '@talkoot/action-plan';
import { type Language, languageSchema } from '@talkoot/protocol';
import { isTemplateScaffolding, locateNote, noteOrigin } from '@talkoot/templates';
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
  /** The idea it is a copy of: its root original (see `noteOrigin`); its own id if no copy. */
  origin: string;
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
export function readBoardNotes(
  records: Iterable<unknown>,
  boardId?: string,
): { notes: BoardNote[]; frames: BoardFrame[] } {
  const shapes: ShapeRecord[] = [];
  for (const record of records) if (isShape(record)) shapes.push(record);
  const byId = new Map<string, unknown>(shapes.map((s) => [s.id, s]));
  // Notes never contain other notes (locateNote skips them), so only the rest can be a place.
  const containers = shapes.filter((s) => s.type !== 'note');
  const notes: BoardNote[] = [];
  for (const shape of shapes) {
    if (shape.type !== 'note' || isTemplateScaffolding(shape)) continue;
    const text = cleanText(plainTextOf(shape.props)).trim();
    if (text === '') continue;
    const located = locateNote([...containers, shape], shape.id);
    const source = noteSourceSchema.safeParse(talkootOf(shape)?.source);
    const language = languageSchema.safeParse(talkootOf(shape)?.language);
    notes.push({
      id: shape.id,
      text,
      frameId: located?.frameId ?? null,
      origin: noteOrigin((id) => byId.get(id), shape.id, boardId),
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
 * The prioritisation ranking ({@link rankIdeas}, the one the results panel shows): one entry
 * per idea with the votes on all its copies, hidden notes left out. What `seedActionPlan`
 * turns into measures.
 */
export function rankNotes(
  boardId: string,
  notes: readonly BoardNote[],
  results: Readonly<Record<string, number>>,
  redacted: ReadonlySet<string> = new Set(),
): RankedNote[] {
  return rankIdeas(
    notes
      .filter((note) => !redacted.has(note.id))
      .map((note) => ({
        boardId,
        shapeId: note.id,
        text: note.text,
        origin: note.origin,
        ...(note.location ? { location: note.location } : {}),
        ...(note.source ? { source: note.source } : {}),
      })),
    results,
  );
}

export { compareRanked } from '@talkoot/action-plan';
