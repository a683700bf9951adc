import { describe, expect, it } from 'vitest';
import { evidencePlace, evidenceVotes } from './evidence-label.ts';

describe('evidence labels', () => {
  it('name the source board and the template place of a promoted note', () => {
    expect(
      evidencePlace({
        boardId: 'B',
        shapeId: 'shape:x',
        text: 'No interpreter',
        source: {
          boardId: 'A',
          shapeId: 'shape:y',
          boardTitle: 'Journeys',
          tags: { stage: 'arrival', lane: 'barriers' },
        },
      }),
    ).toBe('Journeys · arrival · barriers');
    expect(
      evidencePlace({ boardId: 'B', shapeId: 's', text: '', location: { part: 'quadrant', quadrant: 'quick-wins' } }),
    ).toBe('quick-wins');
    expect(evidencePlace({ boardId: 'B', shapeId: 's', text: '' })).toBe('');
  });

  it('add up the dots', () => {
    expect(evidenceVotes([])).toBe(0);
    expect(
      evidenceVotes([
        { boardId: 'B', shapeId: 'a', text: '', votes: 3 },
        { boardId: 'B', shapeId: 'b', text: '' },
      ]),
    ).toBe(3);
  });
});
