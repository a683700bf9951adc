import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMeasure, readActionPlan } from './action-plan.ts';
import { rankIdeas } from './rank-ideas.ts';
import { measureIdForNote, type RankedNote, seedActionPlan, seededTitle } from './seed-action-plan.ts';

const ranking: RankedNote[] = rankIdeas(
  [
    { boardId: 'b1', shapeId: 'shape:housing', text: 'Affordable housing\nfor large families' },
    {
      boardId: 'b1',
      shapeId: 'shape:language',
      text: 'Evening language courses',
      location: { part: 'quadrant', quadrant: 'quick-wins' },
      source: { boardId: 'b0', shapeId: 'shape:orig', boardTitle: 'Journey map' },
    },
    { boardId: 'b1', shapeId: 'shape:jobs', text: 'Job shadowing' },
  ],
  { 'shape:housing': 7, 'shape:language': 5, 'shape:jobs': 2 },
);

describe('seedActionPlan', () => {
  it('creates one measure per top note, in ranking order, with the note as evidence', () => {
    const doc = new Y.Doc();
    addMeasure(doc, { title: 'Already planned' });
    const added = seedActionPlan(doc, ranking, 2);
    expect(added).toEqual([measureIdForNote('shape:housing'), measureIdForNote('shape:language')]);
    const plan = readActionPlan(doc);
    expect(plan.map((m) => m.title)).toEqual(['Already planned', 'Affordable housing', 'Evening language courses']);
    expect(plan[2]!.evidence).toEqual([
      {
        boardId: 'b1',
        shapeId: 'shape:language',
        text: 'Evening language courses',
        votes: 5,
        location: { part: 'quadrant', quadrant: 'quick-wins' },
        source: { boardId: 'b0', shapeId: 'shape:orig', boardTitle: 'Journey map' },
      },
    ]);
  });

  it('is idempotent: seeding again, or more, never duplicates a note', () => {
    const doc = new Y.Doc();
    seedActionPlan(doc, ranking, 2);
    expect(seedActionPlan(doc, ranking, 2)).toEqual([]);
    expect(seedActionPlan(doc, ranking, 10)).toEqual([measureIdForNote('shape:jobs')]);
    expect(readActionPlan(doc)).toHaveLength(3);
  });

  it('converges on one row per note when two people seed at the same time', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    seedActionPlan(a, ranking, 3);
    seedActionPlan(b, ranking, 3);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readActionPlan(a).map((m) => m.id)).toEqual(readActionPlan(b).map((m) => m.id));
    expect(readActionPlan(a)).toHaveLength(3);
  });

  it('includes every idea tied at the cut instead of dropping one', () => {
    const doc = new Y.Doc();
    const tied = rankIdeas(
      [
        { boardId: 'b1', shapeId: 'shape:a', text: 'Sauna' },
        { boardId: 'b1', shapeId: 'shape:b', text: 'Tea' },
        { boardId: 'b1', shapeId: 'shape:c', text: 'Bikes' },
        { boardId: 'b1', shapeId: 'shape:d', text: 'Choir' },
      ],
      { 'shape:a': 5, 'shape:b': 3, 'shape:c': 3, 'shape:d': 1 },
    );
    expect(seedActionPlan(doc, tied, 2)).toEqual(['shape:a', 'shape:c', 'shape:b'].map(measureIdForNote));
  });

  it('makes one measure for an idea and its copies, named after the original', () => {
    const doc = new Y.Doc();
    const copies = rankIdeas(
      [
        { boardId: 'b1', shapeId: 'shape:table', text: 'Sauna' },
        { boardId: 'b1', shapeId: 'shape:harvest', text: 'Sauna', origin: 'shape:table' },
        { boardId: 'b1', shapeId: 'shape:need', text: 'Sauna', origin: 'shape:table' },
      ],
      { 'shape:harvest': 1, 'shape:need': 3 },
    );
    expect(seedActionPlan(doc, copies, 3)).toEqual([measureIdForNote('shape:table')]);
    expect(readActionPlan(doc)[0]!.evidence[0]).toMatchObject({ shapeId: 'shape:need', votes: 4 });
  });

  it('keeps a facilitator edit when the same note is seeded again', () => {
    const doc = new Y.Doc();
    seedActionPlan(doc, ranking, 1);
    const id = measureIdForNote('shape:housing');
    doc.getMap<Y.Map<unknown>>('action_plan').get(id)!.set('title', 'Edited');
    seedActionPlan(doc, ranking, 1);
    expect(readActionPlan(doc)[0]!.title).toBe('Edited');
  });
});

describe('seededTitle', () => {
  it('is the first line with text, trimmed and cut to the length of a title', () => {
    expect(seededTitle('\n  \n  Affordable housing  \nfor large families')).toBe('Affordable housing');
    expect(seededTitle('   ')).toBe('');
    expect(seededTitle('x'.repeat(400))).toHaveLength(300);
  });
});
