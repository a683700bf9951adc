import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, mapIndex, rebaseEdit, setText } from './text-diff.ts';

describe('diffText', () => {
  it('finds one insertion, deletion or replacement between common ends', () => {
    expect(diffText('Vantaa unit', 'Vantaa city unit')).toEqual({ index: 7, remove: 0, insert: 'city ' });
    expect(diffText('Vantaa city unit', 'Vantaa unit')).toEqual({ index: 7, remove: 5, insert: '' });
    expect(diffText('Kela office', 'Kela branch')).toEqual({ index: 5, remove: 6, insert: 'branch' });
    expect(diffText('same', 'same')).toBeNull();
  });

  it('places a keystroke in a run of equal letters at the caret', () => {
    expect(diffText('aaa', 'aaaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
    expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, remove: 1, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    const edit = diffText('a😀b', 'a😃b')!;
    expect(edit.insert).toBe('😃');
    expect(edit.remove).toBe(2);
  });
});

describe('mapIndex', () => {
  it('moves a position along with insertions and deletions before it, not after it', () => {
    expect(mapIndex([{ insert: 'ab' }], 3)).toBe(5);
    expect(mapIndex([{ retain: 5 }, { insert: 'ab' }], 3)).toBe(3);
    expect(mapIndex([{ delete: 2 }], 3)).toBe(1);
    expect(mapIndex([{ retain: 1 }, { delete: 5 }], 3)).toBe(1);
  });

  it('keeps a position where someone else inserts exactly there', () => {
    expect(mapIndex([{ retain: 3 }, { insert: 'xyz' }], 3)).toBe(3);
  });
});

describe('rebaseEdit', () => {
  it('moves an edit made on an older copy past what was inserted before it', () => {
    expect(rebaseEdit({ index: 4, remove: 1, insert: 'x' }, [[{ insert: 'ab' }]])).toEqual({
      index: 6,
      remove: 1,
      insert: 'x',
    });
  });
});

describe('setText', () => {
  it('keeps a concurrent edit of another part of the text', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Vantaa unit');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setText(a.getText('t'), 'Vantaa city unit');
    setText(b.getText('t'), 'Vantaa unit, Kela');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(a.getText('t').toString()).toBe('Vantaa city unit, Kela');
    expect(b.getText('t').toString()).toBe('Vantaa city unit, Kela');
  });
});
