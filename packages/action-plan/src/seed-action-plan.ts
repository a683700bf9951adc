import type * as Y from 'yjs';
import { actionPlanMap, addMeasure, readActionPlan } from './action-plan.ts';
import { type Evidence, MEASURE_LIMITS } from './measure.ts';
import { type Ranked, topRanked } from './rank-ideas.ts';

/**
 * An idea of the prioritisation ranking (from {@link rankIdeas}), best first: what a seeded
 * measure is made from.
 */
export type RankedNote = Ranked<{
  boardId: string;
  shapeId: string;
  text: string;
  origin?: string;
  location?: Evidence['location'];
  source?: Evidence['source'];
}>;

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
 * Creates a measure for each idea in the first `count` places of `ranking` that has none yet
 * (ideas tied at the cut included, never dropped: see {@link topRanked}), at the end of the
 * plan in ranking order: title from the note's first line, the note (with the idea's votes,
 * place and provenance) as evidence. A measure's id comes from the idea's origin, so copies of
 * one idea never make two rows. Returns the ids of the measures it added.
 */
export function seedActionPlan(doc: Y.Doc, ranking: readonly RankedNote[], count: number): string[] {
  const map = actionPlanMap(doc);
  const added: string[] = [];
  doc.transact(() => {
    const plan = readActionPlan(doc);
    let order = plan.length === 0 ? 1 : plan[plan.length - 1]!.order + 1;
    for (const note of topRanked(ranking, count)) {
      const id = measureIdForNote(note.origin ?? note.shapeId);
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
