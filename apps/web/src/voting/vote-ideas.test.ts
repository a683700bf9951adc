import { instantiateTemplate } from '@talkoot/templates';
import { toRichText } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { defaultVoteFrame, voteFrameChoices } from './vote-frame.ts';
import { myDotsOnIdea, rankBoardIdeas, retractTarget, voteScope } from './vote-ideas.ts';

const note = (id: string, text: string, extra: { parentId?: string; source?: object; part?: string } = {}) => ({
  typeName: 'shape',
  type: 'note',
  id: `shape:${id}`,
  x: 0,
  y: 0,
  parentId: extra.parentId ?? 'page:page',
  props: { richText: toRichText(text) },
  meta: extra.source || extra.part ? { talkoot: { source: extra.source, part: extra.part } } : {},
});
const frame = (id: string, name: string, y = 0, x = 0) => ({
  typeName: 'shape',
  type: 'frame',
  id: `shape:${id}`,
  x,
  y,
  parentId: 'page:page',
  props: { name },
  meta: {},
});

// A world-café note, its harvest copy and the need sent from the copy: one idea, three notes.
const board = [
  frame('needs', 'Needs'),
  note('table', 'Sauna evenings'),
  note('harvest', 'Sauna evenings', { source: { shapeId: 'shape:table' } }),
  note('need', 'Sauna evenings', {
    parentId: 'shape:needs',
    source: { boardId: 'b1', boardTitle: 'Café', shapeId: 'shape:harvest' },
  }),
  note('tea', 'Tea club', { parentId: 'shape:needs' }),
];

describe('rankBoardIdeas', () => {
  it('counts the dots on every copy of an idea together and lists the idea once', () => {
    const ranking = rankBoardIdeas(
      board,
      { 'shape:table': 1, 'shape:harvest': 2, 'shape:need': 2, 'shape:tea': 4 },
      'b1',
    );
    expect(ranking.map((r) => [r.text, r.votes, r.rank])).toEqual([
      ['Sauna evenings', 5, 1],
      ['Tea club', 4, 2],
    ]);
    expect(ranking[0]!.shapeId).toBe('shape:harvest');
  });

  it('ranks nothing before the results are revealed, and leaves out shapes that are not notes', () => {
    expect(rankBoardIdeas(board, null)).toEqual([]);
    expect(rankBoardIdeas([...board, null, 'x', { typeName: 'page', id: 'page:page' }], { 'shape:needs': 3 })).toEqual(
      [],
    );
  });

  it('reads notes of several paragraphs as lines', () => {
    expect(rankBoardIdeas([note('a', 'Housing\nnear the school')], { 'shape:a': 1 })[0]?.text).toBe(
      'Housing\nnear the school',
    );
  });
});

describe('voteScope', () => {
  it('takes only the notes inside the vote’s frame, one idea per original', () => {
    const scope = voteScope(board, 'shape:needs', 'b1');
    expect(scope.ideaOf('shape:need')).toBe('shape:table');
    expect(scope.ideaOf('shape:tea')).toBe('shape:tea');
    expect(scope.ideaOf('shape:table')).toBeNull();
    expect(scope.ideaOf('shape:needs')).toBeNull();
  });

  it('gathers the copies of an idea in a whole-board vote, and my dots on all of them', () => {
    const scope = voteScope(board, null, 'b1');
    expect(scope.notesOf('shape:table')).toEqual(['shape:table', 'shape:harvest', 'shape:need']);
    const mine = { 'shape:table': 1, 'shape:need': 2 };
    expect(myDotsOnIdea(mine, scope, 'shape:harvest')).toBe(3);
    expect(retractTarget(mine, scope, 'shape:need')).toBe('shape:need');
    expect(retractTarget(mine, scope, 'shape:harvest')).toBe('shape:table');
    expect(retractTarget({}, scope, 'shape:harvest')).toBeNull();
  });

  it('never takes a template’s example note', () => {
    const records = instantiateTemplate('prioritisation', {}, { language: 'en', t: (key) => key }).records;
    const example = records.find((r) => (r.meta as { talkoot?: { part?: string } }).talkoot?.part === 'example')!;
    expect(voteScope(records, null).ideaOf(example.id)).toBeNull();
  });
});

describe('defaultVoteFrame', () => {
  const records = instantiateTemplate('prioritisation', {}, { language: 'en', t: (key) => key }).records;
  const part = (name: string) =>
    records.find(
      (r) => 'type' in r && r.type === 'frame' && (r.meta as { talkoot?: { part?: string } }).talkoot?.part === name,
    )!.id;

  it('is the frame of the current agenda step', () => {
    expect(defaultVoteFrame(records, 'prioritisation.vote', null)).toBe(part('voting'));
    expect(defaultVoteFrame(records, 'prioritisation.collect', null)).toBe(part('ideas'));
  });

  it('is the focus frame for other steps, and the whole board without either', () => {
    expect(defaultVoteFrame(records, 'world-cafe.round-1', part('ideas'))).toBe(part('ideas'));
    expect(defaultVoteFrame(records, null, null)).toBeNull();
    expect(defaultVoteFrame(records, null, 'shape:gone')).toBeNull();
  });

  it('offers the frames on the page, top to bottom in reading order', () => {
    const frames = [frame('b', 'B', 0, 500), frame('a', 'A', 0, 0), frame('c', 'C', 900, 0)];
    expect(voteFrameChoices(frames).map((f) => f.name)).toEqual(['A', 'B', 'C']);
    expect(voteFrameChoices(frames, true).map((f) => f.name)).toEqual(['B', 'A', 'C']);
  });
});
