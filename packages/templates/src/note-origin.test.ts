import { describe, expect, it } from 'vitest';
import { noteOrigin } from './note-origin.ts';
import { voteRefusal } from './vote-scope.ts';

const shape = (id: string, extra: { parentId?: string; type?: string; talkoot?: object } = {}) => ({
  typeName: 'shape',
  id,
  type: extra.type ?? 'note',
  x: 0,
  y: 0,
  parentId: extra.parentId ?? 'page:page',
  props: {},
  meta: extra.talkoot ? { talkoot: extra.talkoot } : {},
});

const lookupOf = (records: ReturnType<typeof shape>[]) => {
  const map = new Map<string, unknown>(records.map((r) => [r.id, r]));
  return (id: string) => map.get(id);
};

describe('noteOrigin', () => {
  const board = lookupOf([
    shape('shape:table'),
    shape('shape:harvest', { talkoot: { part: 'harvested', source: { shapeId: 'shape:table' } } }),
    shape('shape:need', { talkoot: { part: 'need', source: { boardId: 'b1', shapeId: 'shape:harvest' } } }),
    shape('shape:foreign', { talkoot: { source: { boardId: 'b0', shapeId: 'shape:elsewhere' } } }),
    shape('shape:orphan', { talkoot: { source: { shapeId: 'shape:deleted' } } }),
    shape('shape:loop-a', { talkoot: { source: { shapeId: 'shape:loop-b' } } }),
    shape('shape:loop-b', { talkoot: { source: { shapeId: 'shape:loop-a' } } }),
  ]);

  it('is the note itself for a note that is no copy', () => {
    expect(noteOrigin(board, 'shape:table', 'b1')).toBe('shape:table');
  });

  it('follows a harvest copy and a need sent from it back to the note at the table', () => {
    expect(noteOrigin(board, 'shape:harvest', 'b1')).toBe('shape:table');
    expect(noteOrigin(board, 'shape:need', 'b1')).toBe('shape:table');
    expect(noteOrigin(board, 'shape:need')).toBe('shape:table');
  });

  it('names the original on another board by board and note', () => {
    expect(noteOrigin(board, 'shape:foreign', 'b1')).toBe('b0/shape:elsewhere');
  });

  it('ends at the last note found when the original was deleted or the chain loops', () => {
    expect(noteOrigin(board, 'shape:orphan', 'b1')).toBe('shape:orphan');
    expect(['shape:loop-a', 'shape:loop-b']).toContain(noteOrigin(board, 'shape:loop-a', 'b1'));
    expect(noteOrigin(board, 'shape:missing', 'b1')).toBe('shape:missing');
  });
});

describe('voteRefusal', () => {
  const board = lookupOf([
    shape('shape:voting', { type: 'frame', talkoot: { template: 'prioritisation', part: 'voting' } }),
    shape('shape:ideas', { type: 'frame', talkoot: { template: 'prioritisation', part: 'ideas' } }),
    shape('shape:group', { type: 'group', parentId: 'shape:voting' }),
    shape('shape:in', { parentId: 'shape:voting' }),
    shape('shape:grouped', { parentId: 'shape:group' }),
    shape('shape:out', { parentId: 'shape:ideas' }),
    shape('shape:example', { parentId: 'shape:voting', talkoot: { template: 'prioritisation', part: 'example' } }),
    shape('shape:label', { type: 'text', parentId: 'shape:voting' }),
  ]);

  it('takes notes inside the frame, also inside a group there', () => {
    expect(voteRefusal(board, 'shape:in', 'shape:voting')).toBeNull();
    expect(voteRefusal(board, 'shape:grouped', 'shape:voting')).toBeNull();
  });

  it('refuses notes outside the frame, but takes them when the vote is for the whole board', () => {
    expect(voteRefusal(board, 'shape:out', 'shape:voting')).toBe('outside-frame');
    expect(voteRefusal(board, 'shape:out', null)).toBeNull();
  });

  it('never takes the template example, other shapes or a missing note', () => {
    expect(voteRefusal(board, 'shape:example', 'shape:voting')).toBe('example');
    expect(voteRefusal(board, 'shape:example', null)).toBe('example');
    expect(voteRefusal(board, 'shape:label', null)).toBe('not-a-note');
    expect(voteRefusal(board, 'shape:voting', null)).toBe('not-a-note');
    expect(voteRefusal(board, 'shape:missing', null)).toBe('not-a-note');
  });
});
