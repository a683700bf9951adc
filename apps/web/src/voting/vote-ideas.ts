import { rankIdeas, type Ranked } from '@talkoot/action-plan';
import { plainTextOf } from '@talkoot/protocol';
import { isTemplateScaffolding, noteOrigin, voteRefusal } from '@talkoot/templates';

/** One idea of a revealed vote's ranking, shown by one of its notes (see `rankIdeas`). */
export type RankedIdea = Ranked<{ shapeId: string; text: string; origin: string }>;

interface NoteLike {
  typeName: 'shape';
  type: 'note';
  id: string;
  props: { richText?: unknown };
  meta?: { talkoot?: unknown };
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

const indexById = (records: Iterable<unknown>): Map<string, unknown> => {
  const byId = new Map<string, unknown>();
  for (const record of records) {
    if (typeof record === 'object' && record !== null && typeof (record as { id?: unknown }).id === 'string') {
      byId.set((record as { id: string }).id, record);
    }
  }
  return byId;
};

/**
 * The ranking of a revealed vote on the canvas: every note of the board (not a template's
 * example) as a candidate, grouped into ideas by {@link noteOrigin}, ranked by the one ranking
 * function the server seeds the action plan with. `records` are tldraw records (anything that
 * is not a note is skipped); `results` the session's `voting.results`.
 */
export function rankBoardIdeas(
  records: Iterable<unknown>,
  results: Readonly<Record<string, number>> | null | undefined,
  boardId?: string,
): RankedIdea[] {
  if (!results) return [];
  const byId = indexById(records);
  const candidates: { shapeId: string; text: string; origin: string }[] = [];
  for (const record of byId.values()) {
    if (!isNote(record) || isTemplateScaffolding(record)) continue;
    candidates.push({
      shapeId: record.id,
      text: plainTextOf(record.props.richText),
      origin: noteOrigin((id) => byId.get(id), record.id, boardId),
    });
  }
  return rankIdeas(candidates, results);
}

/** What a vote takes: the notes the server accepts dots on, and the idea each one is. */
export interface VoteScope {
  /** The idea (origin) of a note that can get dots in this vote; null for any other shape. */
  ideaOf(shapeId: string): string | null;
  /** The notes of an idea that can get dots here, in the order the records came. */
  notesOf(idea: string): readonly string[];
}

/**
 * The notes a vote takes (see `voteRefusal`: notes only, never a template's example, only
 * inside the vote's frame when it has one) and which of them are copies of one idea, so the
 * vote list shows an idea once and "my dots" count all of its copies.
 */
export function voteScope(records: Iterable<unknown>, frameId: string | null, boardId?: string): VoteScope {
  const byId = indexById(records);
  const lookup = (id: string) => byId.get(id);
  const ideas = new Map<string, string>();
  const notes = new Map<string, string[]>();
  for (const record of byId.values()) {
    if (!isNote(record) || voteRefusal(lookup, record.id, frameId) !== null) continue;
    const idea = noteOrigin(lookup, record.id, boardId);
    ideas.set(record.id, idea);
    notes.set(idea, [...(notes.get(idea) ?? []), record.id]);
  }
  return {
    ideaOf: (shapeId) => ideas.get(shapeId) ?? null,
    notesOf: (idea) => notes.get(idea) ?? [],
  };
}

/** My dots on the idea a note is (on all of its copies in the vote); 0 for a note outside it. */
export function myDotsOnIdea(mine: Readonly<Record<string, number>> | null, scope: VoteScope, shapeId: string): number {
  const idea = scope.ideaOf(shapeId);
  if (!mine || idea === null) return 0;
  return scope.notesOf(idea).reduce((sum, id) => sum + (mine[id] ?? 0), 0);
}

/**
 * The note to take one of my dots on an idea back from: the note itself if it has one, else
 * the first copy that has; null when I gave the idea none.
 */
export function retractTarget(
  mine: Readonly<Record<string, number>> | null,
  scope: VoteScope,
  shapeId: string,
): string | null {
  if (!mine) return null;
  if ((mine[shapeId] ?? 0) > 0) return shapeId;
  const idea = scope.ideaOf(shapeId);
  return idea === null ? null : (scope.notesOf(idea).find((id) => (mine[id] ?? 0) > 0) ?? null);
}
