import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '../local-session.ts';
import { dismissLeftOutNotice, leftOutDismissalKey, showsLeftOutNotice } from './left-out-dismissal.ts';

const memoryStorage = (): KeyValueStorage => {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
};

describe('showsLeftOutNotice', () => {
  it('shows the notice only when changes were left out', () => {
    const storage = memoryStorage();
    expect(showsLeftOutNotice(storage, 'board1234', 0)).toBe(false);
    expect(showsLeftOutNotice(storage, 'board1234', 3)).toBe(true);
  });

  it('stays hidden after it was dismissed for the same count on the same board', () => {
    const storage = memoryStorage();
    dismissLeftOutNotice(storage, 'board1234', 3);
    expect(storage.getItem(leftOutDismissalKey('board1234'))).toBe('3');
    expect(showsLeftOutNotice(storage, 'board1234', 3)).toBe(false);
    expect(showsLeftOutNotice(storage, 'other-board', 3)).toBe(true);
  });

  it('shows again when the board loads with a different count', () => {
    const storage = memoryStorage();
    dismissLeftOutNotice(storage, 'board1234', 3);
    expect(showsLeftOutNotice(storage, 'board1234', 5)).toBe(true);
  });

  it('shows the notice when there is no storage or it throws', () => {
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(showsLeftOutNotice(null, 'board1234', 2)).toBe(true);
    expect(() => dismissLeftOutNotice(throwing, 'board1234', 2)).not.toThrow();
    expect(showsLeftOutNotice(throwing, 'board1234', 2)).toBe(true);
  });
});
