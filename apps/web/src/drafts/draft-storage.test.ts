import { describe, expect, it } from 'vitest';
import {
  clearPendingSnapshot,
  draftsKey,
  draftsOnTheBoard,
  loadDrafts,
  loadPendingSnapshot,
  saveDrafts,
  savePendingSnapshot,
  withDrafts,
  withoutDraft,
  type Draft,
  type DraftStorage,
} from './draft-storage.ts';

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const ids = () => {
  let n = 0;
  return () => `d${++n}`;
};

describe('withDrafts', () => {
  it('appends new texts as drafts with an id and the time they were kept', () => {
    const drafts = withDrafts([], [{ text: 'Idea', type: 'note', source: 'board' }], 1_000, ids());
    expect(drafts).toEqual([{ id: 'd1', text: 'Idea', type: 'note', source: 'board', savedAt: 1_000 }]);
  });

  it('does not keep the same text twice, nor blank text', () => {
    const first = withDrafts([], [{ text: 'Idea', type: 'note', source: 'board' }], 1, ids());
    const second = withDrafts(
      first,
      [
        { text: 'Idea', type: 'note', source: 'board' },
        { text: '  ', type: 'text', source: 'board' },
        { text: 'Other', type: 'geo', source: 'board' },
        { text: 'Other', type: 'geo', source: 'board' },
      ],
      2,
      () => 'x',
    );
    expect(second.map((draft) => draft.text)).toEqual(['Idea', 'Other']);
  });
});

describe('withoutDraft', () => {
  it('drops only the dismissed draft', () => {
    const drafts = withDrafts(
      [],
      [
        { text: 'A', type: 'note', source: 'board' },
        { text: 'B', type: 'note', source: 'private' },
      ],
      1,
      ids(),
    );
    expect(withoutDraft(drafts, 'd1').map((draft) => draft.text)).toEqual(['B']);
  });
});

describe('draft storage', () => {
  const drafts: Draft[] = [{ id: 'd1', text: 'Idea', type: 'note', source: 'board', savedAt: 5 }];

  it('keeps drafts per board and member across a reload', () => {
    const storage = memoryStorage();
    saveDrafts(storage, 'board-1', 'amina', drafts);
    expect(loadDrafts(storage, 'board-1', 'amina')).toEqual(drafts);
    expect(loadDrafts(storage, 'board-1', 'olga')).toEqual([]);
    expect(loadDrafts(storage, 'board-2', 'amina')).toEqual([]);
  });

  it('removes the entry once the last draft is dismissed', () => {
    const storage = memoryStorage();
    saveDrafts(storage, 'board-1', 'amina', drafts);
    saveDrafts(storage, 'board-1', 'amina', []);
    expect(storage.map.has(draftsKey('board-1', 'amina'))).toBe(false);
  });

  it('skips damaged entries and survives garbage', () => {
    const storage = memoryStorage();
    storage.setItem(draftsKey('b', 'm'), JSON.stringify([drafts[0], { id: 'd2', text: 42 }]));
    expect(loadDrafts(storage, 'b', 'm')).toEqual(drafts);
    storage.setItem(draftsKey('b', 'm'), '{not json');
    expect(loadDrafts(storage, 'b', 'm')).toEqual([]);
    expect(loadDrafts(null, 'b', 'm')).toEqual([]);
  });

  it('keeps drafts for this page when storage throws', () => {
    const throwing: DraftStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => saveDrafts(throwing, 'b', 'm', drafts)).not.toThrow();
    expect(loadDrafts(throwing, 'b', 'm')).toEqual([]);
  });
});

describe('pending snapshot', () => {
  it('is kept until cleared, and a second snapshot adds to the first', () => {
    const storage = memoryStorage();
    expect(loadPendingSnapshot(storage, 'b', 'm')).toBeNull();
    savePendingSnapshot(storage, 'b', 'm', [{ shapeId: 'shape:a', type: 'note', text: 'A' }]);
    savePendingSnapshot(storage, 'b', 'm', [
      { shapeId: 'shape:a', type: 'note', text: 'A' },
      { shapeId: 'shape:b', type: 'text', text: 'B' },
    ]);
    expect(loadPendingSnapshot(storage, 'b', 'm')).toEqual([
      { shapeId: 'shape:a', type: 'note', text: 'A' },
      { shapeId: 'shape:b', type: 'text', text: 'B' },
    ]);
    clearPendingSnapshot(storage, 'b', 'm');
    expect(loadPendingSnapshot(storage, 'b', 'm')).toBeNull();
  });
});

describe('draftsOnTheBoard', () => {
  const kept = (id: string, text: string, shapeId?: string): Draft => ({
    id,
    text,
    type: 'note',
    source: 'board',
    savedAt: 1,
    ...(shapeId ? { shapeId } : {}),
  });

  it('finds the drafts whose shape holds exactly their text, and only those', () => {
    const board = new Map([
      ['shape:a', 'Evening classes'],
      ['shape:b', 'Evening'],
    ]);
    const drafts = [
      kept('d1', 'Evening classes', 'shape:a'),
      kept('d2', 'Evening classes near home', 'shape:b'),
      kept('d3', 'Childcare', 'shape:gone'),
      kept('d4', 'Evening classes'),
    ];
    expect(draftsOnTheBoard(drafts, (id) => board.get(id) ?? null).map((draft) => draft.id)).toEqual(['d1']);
  });

  it('keeps the shape id of a lock-kept draft across a reload', () => {
    const storage = memoryStorage();
    const drafts = withDrafts([], [{ text: 'Idea', type: 'note', source: 'board', shapeId: 'shape:a' }], 1, ids());
    saveDrafts(storage, 'b', 'm', drafts);
    expect(loadDrafts(storage, 'b', 'm')[0]?.shapeId).toBe('shape:a');
  });
});
