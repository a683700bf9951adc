import type * as Y from 'yjs';
import { actionPlanMap, addMeasure, readActionPlan } from './action-plan.ts';
import { type Evidence, MEASURE_LIMITS } from './measure.ts';

/** A note of the prioritisation ranking, best first: what a seeded measure is made from. */
export interface RankedNote {
  boardId: string;
  shapeId: string;
  text: string;
  votes: number;
  location?: Evidence['location'];
  source?: Evidence['source'];
}

/**
 * The id of the measure seeded from a note. Derived from the note, so seeding twice, or by
 * two facilitators at once (two writes of one map key), never makes a second row.
 */
export function measureIdForNote(shapeId: string): string {
  return `note:${shapeId}`.slice(0, 200);
}

/**
 * The title a measure seeded from a note starts with: the note's first non-empty line, trimmed
 * and cut to the title's length. Exports compare titles with it to tell whether a title still
 * carries the text of a note that was hidden since.
 */
export function seededTitle(noteText: string): string {
  return (noteText.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, MEASURE_LIMITS.title);
}

/**
 * Creates a measure for each of the first `count` notes of `ranking` that has none yet, at
 * the end of the plan in ranking order: title from the note's first line, the note (with its
 * votes, place and provenance) as evidence. Returns the ids of the measures it added.
 */
export function seedActionPlan(doc: Y.Doc, ranking: readonly RankedNote[], count: number): string[] {
  const map = actionPlanMap(doc);
  const added: string[] = [];
  doc.transact(() => {
    const plan = readActionPlan(doc);
    let order = plan.length === 0 ? 1 : plan[plan.length - 1]!.order + 1;
    for (const note of ranking.slice(0, Math.max(0, count))) {
      const id = measureIdForNote(note.shapeId);
      if (map.has(id)) continue;
      const evidence: Evidence = {
        boardId: note.boardId,
        shapeId: note.shapeId,
        text: note.text.slice(0, MEASURE_LIMITS.evidenceText),
        votes: note.votes,
        ...(note.location ? { location: note.location } : {}),
        ...(note.source ? { source: note.source } : {}),
      };
      addMeasure(doc, { title: seededTitle(note.text), evidence: [evidence], order: order++ }, id);
      added.push(id);
    }
  });
  return added;
}
