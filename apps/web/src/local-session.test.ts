import { describe, expect, it } from 'vitest';
import {
  CURSOR_COLORS,
  cursorColor,
  loadDisplayName,
  listSessions,
  loadSession,
  saveSession,
  sessionKey,
  type KeyValueStorage,
} from './local-session.ts';

const memoryStorage = (): KeyValueStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
};

describe('board sessions', () => {
  it('are stored under talkoot.session.<boardId> and read back', () => {
    const storage = memoryStorage();
    saveSession(storage, 'board1234', { token: 't0k3n', role: 'facilitator', displayName: 'Maia' });
    expect(JSON.parse(storage.data.get('talkoot.session.board1234')!)).toEqual({
      token: 't0k3n',
      role: 'facilitator',
      displayName: 'Maia',
    });
    expect(loadSession(storage, 'board1234')).toEqual({ token: 't0k3n', role: 'facilitator', displayName: 'Maia' });
    expect(loadDisplayName(storage)).toBe('Maia');
  });

  it('are null when missing or garbage', () => {
    const storage = memoryStorage();
    expect(loadSession(storage, 'nope')).toBeNull();
    storage.setItem(sessionKey('bad'), '{not json');
    expect(loadSession(storage, 'bad')).toBeNull();
    storage.setItem(sessionKey('worse'), JSON.stringify({ token: 'x', role: 'king', displayName: 'A' }));
    expect(loadSession(storage, 'worse')).toBeNull();
    expect(loadSession(null, 'anything')).toBeNull();
  });
});

describe('listSessions', () => {
  it('lists every board with a valid session, skipping garbage and other keys', () => {
    const storage = memoryStorage();
    saveSession(storage, 'boardA', { token: 'a', role: 'facilitator', displayName: 'Maia' });
    saveSession(storage, 'boardB', { token: 'b', role: 'participant', displayName: 'Maia' });
    storage.setItem(sessionKey('bad'), '{not json');
    const listable = Object.assign(storage, {
      get length() {
        return storage.data.size;
      },
      key: (i: number) => [...storage.data.keys()][i] ?? null,
    });
    expect(
      listSessions(listable)
        .map((s) => s.boardId)
        .sort(),
    ).toEqual(['boardA', 'boardB']);
    expect(listSessions(null)).toEqual([]);
  });
});

describe('cursorColor', () => {
  it('picks a palette colour once and then remembers it', () => {
    const storage = memoryStorage();
    const first = cursorColor(storage, () => 0.99);
    expect(first).toBe(CURSOR_COLORS[CURSOR_COLORS.length - 1]);
    expect(cursorColor(storage, () => 0)).toBe(first);
  });

  it('replaces a remembered value that is not in the palette', () => {
    const storage = memoryStorage();
    storage.setItem('talkoot.color', 'url(javascript:alert(1))');
    expect(CURSOR_COLORS).toContain(cursorColor(storage, () => 0));
  });
});
