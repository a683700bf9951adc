import { describe, expect, it } from 'vitest';
import { rankIdeas, tiedPastCut, topRanked } from './rank-ideas.ts';

const note = (id: string, text: string, origin?: string) => ({
  shapeId: `shape:${id}`,
  text,
  ...(origin ? { origin: `shape:${origin}` } : {}),
});

describe('rankIdeas', () => {
  it('lists the ideas with dots, most dots first, with their text', () => {
    const ranking = rankIdeas([note('a', 'Housing'), note('b', 'Language courses'), note('c', 'Jobs')], {
      'shape:a': 2,
      'shape:b': 5,
      'shape:c': 3,
    });
    expect(ranking.map(({ shapeId, votes, rank, tied }) => [shapeId, votes, rank, tied])).toEqual([
      ['shape:b', 5, 1, false],
      ['shape:c', 3, 2, false],
      ['shape:a', 2, 3, false],
    ]);
  });

  it('gives tied ideas the same rank and skips the ranks they take (1, 1, 3)', () => {
    const ranking = rankIdeas([note('a', 'Sauna'), note('b', 'Tea'), note('c', 'Bikes'), note('d', 'Choir')], {
      'shape:a': 4,
      'shape:b': 4,
      'shape:c': 1,
      'shape:d': 4,
    });
    expect(ranking.map(({ text, rank, tied }) => [text, rank, tied])).toEqual([
      ['Choir', 1, true],
      ['Sauna', 1, true],
      ['Tea', 1, true],
      ['Bikes', 4, false],
    ]);
  });

  it('orders ties by code unit, the same in any input order and any locale', () => {
    const notes = [note('x', 'Kahvi'), note('y', 'كتب'), note('z', 'Äiti'), note('w', 'kahvi')];
    const results = { 'shape:x': 1, 'shape:y': 1, 'shape:z': 1, 'shape:w': 1 };
    const ranking = rankIdeas(notes, results);
    expect(ranking.map((r) => r.text)).toEqual(['Kahvi', 'kahvi', 'Äiti', 'كتب']);
    expect(rankIdeas([...notes].reverse(), results)).toEqual(ranking);
  });

  it('counts the dots on all copies of an idea together and shows it once', () => {
    const ranking = rankIdeas(
      [note('table', 'Sauna'), note('harvest', 'Sauna', 'table'), note('need', 'Sauna', 'table'), note('tea', 'Tea')],
      { 'shape:table': 1, 'shape:harvest': 1, 'shape:need': 2, 'shape:tea': 3 },
    );
    expect(ranking).toHaveLength(2);
    expect(ranking[0]).toMatchObject({ shapeId: 'shape:need', votes: 4, rank: 1, tied: false });
    expect(ranking[0]!.shapeIds).toEqual(['shape:need', 'shape:table', 'shape:harvest']);
    expect(ranking[1]).toMatchObject({ shapeId: 'shape:tea', votes: 3, rank: 2 });
  });

  it('leaves out ideas without dots, bad counts and results for notes that are gone', () => {
    const ranking = rankIdeas([note('a', 'A'), note('b', 'B'), note('c', 'C'), note('a', 'A again')], {
      'shape:a': 1,
      'shape:b': 0,
      'shape:c': Number.NaN,
      'shape:gone': 9,
    });
    expect(ranking.map((r) => [r.shapeId, r.votes])).toEqual([['shape:a', 1]]);
    expect(rankIdeas([note('a', 'A')], null)).toEqual([]);
  });
});

describe('topRanked', () => {
  const ranking = rankIdeas([note('a', 'A'), note('b', 'B'), note('c', 'C'), note('d', 'D')], {
    'shape:a': 5,
    'shape:b': 3,
    'shape:c': 3,
    'shape:d': 1,
  });

  it('takes the ideas in the first places, with every idea tied at the cut', () => {
    expect(topRanked(ranking, 2).map((r) => r.text)).toEqual(['A', 'B', 'C']);
    expect(tiedPastCut(ranking, 2)).toBe(1);
  });

  it('takes exactly N when nobody ties at the cut', () => {
    expect(topRanked(ranking, 3).map((r) => r.text)).toEqual(['A', 'B', 'C']);
    expect(tiedPastCut(ranking, 3)).toBe(0);
    expect(topRanked(ranking, 1).map((r) => r.text)).toEqual(['A']);
  });
});
