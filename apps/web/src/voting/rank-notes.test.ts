import { toRichText } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { rankNotes, topRanked } from './rank-notes.ts';

const note = (id: string, text: string) => ({
  typeName: 'shape',
  type: 'note',
  id: `shape:${id}`,
  props: { richText: toRichText(text) },
});

describe('rankNotes', () => {
  it('lists the notes with dots, most dots first, with their text', () => {
    const records = [note('a', 'Housing'), note('b', 'Language courses'), note('c', 'Jobs')];
    expect(rankNotes(records, { 'shape:a': 2, 'shape:b': 5, 'shape:c': 3 })).toEqual([
      { shapeId: 'shape:b', text: 'Language courses', votes: 5, rank: 1, tied: false },
      { shapeId: 'shape:c', text: 'Jobs', votes: 3, rank: 2, tied: false },
      { shapeId: 'shape:a', text: 'Housing', votes: 2, rank: 3, tied: false },
    ]);
  });

  it('gives tied notes the same rank and skips the ranks they take (1, 1, 3)', () => {
    const records = [note('a', 'Sauna'), note('b', 'Tea'), note('c', 'Bikes'), note('d', 'Choir')];
    const ranking = rankNotes(records, { 'shape:a': 4, 'shape:b': 4, 'shape:c': 1, 'shape:d': 4 });
    expect(ranking.map(({ text, rank, tied }) => [text, rank, tied])).toEqual([
      ['Choir', 1, true],
      ['Sauna', 1, true],
      ['Tea', 1, true],
      ['Bikes', 4, false],
    ]);
  });

  it('orders ties the same way whatever order the records come in', () => {
    const records = [note('x', 'Kahvi'), note('y', 'كتب'), note('z', 'Äiti')];
    const results = { 'shape:x': 1, 'shape:y': 1, 'shape:z': 1 };
    expect(rankNotes(records, results)).toEqual(rankNotes([...records].reverse(), results));
  });

  it('leaves out notes without dots, results for deleted notes and shapes that are not notes', () => {
    const records = [
      note('a', 'Housing'),
      note('b', 'Nobody voted'),
      { typeName: 'shape', type: 'frame', id: 'shape:frame', props: { name: 'Ideas' } },
      { typeName: 'page', id: 'page:page' },
      null,
      'nonsense',
    ];
    const ranking = rankNotes(records, { 'shape:a': 1, 'shape:b': 0, 'shape:gone': 7, 'shape:frame': 3 });
    expect(ranking.map((entry) => entry.shapeId)).toEqual(['shape:a']);
  });

  it('ranks nothing before the results are revealed', () => {
    expect(rankNotes([note('a', 'Housing')], null)).toEqual([]);
  });

  it('reads notes of several paragraphs as lines', () => {
    const [entry] = rankNotes([note('a', 'Housing\nnear the school')], { 'shape:a': 1 });
    expect(entry?.text).toBe('Housing\nnear the school');
  });
});

describe('topRanked', () => {
  it('takes the notes in the first places, with every note tied at the last place', () => {
    const records = [note('a', 'A'), note('b', 'B'), note('c', 'C'), note('d', 'D')];
    const ranking = rankNotes(records, { 'shape:a': 5, 'shape:b': 3, 'shape:c': 3, 'shape:d': 1 });
    expect(topRanked(ranking, 1).map((entry) => entry.text)).toEqual(['A']);
    expect(topRanked(ranking, 2).map((entry) => entry.text)).toEqual(['A', 'B', 'C']);
    expect(topRanked(ranking, 10)).toHaveLength(4);
  });
});
