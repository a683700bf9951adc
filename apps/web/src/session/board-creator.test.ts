import { describe, expect, it } from 'vitest';
import { boardCreatorId } from './board-creator.ts';

describe('boardCreatorId', () => {
  it('is the first facilitator of the list, which the server sends oldest first', () => {
    expect(
      boardCreatorId([
        { memberId: 'p1', role: 'participant' },
        { memberId: 'f1', role: 'facilitator' },
        { memberId: 'f2', role: 'facilitator' },
      ]),
    ).toBe('f1');
  });

  it('is null when nobody in the list is a facilitator', () => {
    expect(boardCreatorId([{ memberId: 'o1', role: 'observer' }])).toBeNull();
    expect(boardCreatorId([])).toBeNull();
  });
});
