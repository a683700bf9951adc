import { roleSchema, type Role } from '@talkoot/protocol';
import { z } from 'zod';

/** What this browser remembers about one board it has joined. */
export interface BoardSession {
  token: string;
  role: Role;
  displayName: string;
}

const boardSessionSchema = z.object({
  token: z.string().min(1),
  role: roleSchema,
  displayName: z.string(),
});

/** The part of `Storage` we use, so tests can pass a Map-backed stand-in. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage, or null where it is unavailable (some private modes throw on access). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** sessionStorage (this tab, until it closes), or null where it is unavailable. */
export function browserTabStorage(): KeyValueStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** localStorage key of a board's session. */
export const sessionKey = (boardId: string): string => `talkoot.session.${boardId}`;
const DISPLAY_NAME_KEY = 'talkoot.display-name';
const COLOR_KEY = 'talkoot.color';

const read = (storage: KeyValueStorage | null, key: string): string | null => {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
};
const write = (storage: KeyValueStorage | null, key: string, value: string): void => {
  try {
    storage?.setItem(key, value);
  } catch {
    // Full or unavailable storage: the value lasts for this page only.
  }
};

/** The remembered session for a board, or null if this browser never joined it (or the entry is garbage). */
export function loadSession(storage: KeyValueStorage | null, boardId: string): BoardSession | null {
  const raw = read(storage, sessionKey(boardId));
  if (raw === null) return null;
  try {
    const parsed = boardSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Every board this browser has a session for (garbage entries skipped), e.g. to send a note to another board. */
export function listSessions(storage: (KeyValueStorage & Pick<Storage, 'length' | 'key'>) | null): {
  boardId: string;
  session: BoardSession;
}[] {
  const found: { boardId: string; session: BoardSession }[] = [];
  const prefix = sessionKey('');
  try {
    for (let i = 0; i < (storage?.length ?? 0); i++) {
      const key = storage?.key(i);
      if (!key?.startsWith(prefix)) continue;
      const boardId = key.slice(prefix.length);
      const session = loadSession(storage, boardId);
      if (session) found.push({ boardId, session });
    }
  } catch {
    // Unavailable storage: no other boards.
  }
  return found;
}

/** Remembers the session for a board, and the display name for the next form. */
export function saveSession(storage: KeyValueStorage | null, boardId: string, session: BoardSession): void {
  write(storage, sessionKey(boardId), JSON.stringify(session));
  saveDisplayName(storage, session.displayName);
}

/** The display name last used in this browser, to prefill forms. */
export function loadDisplayName(storage: KeyValueStorage | null): string {
  return read(storage, DISPLAY_NAME_KEY) ?? '';
}

export function saveDisplayName(storage: KeyValueStorage | null, displayName: string): void {
  write(storage, DISPLAY_NAME_KEY, displayName);
}

/**
 * Cursor colours: saturated enough to tell apart on a projector and dark enough for white
 * text on them (WCAG AA for the name label).
 */
export const CURSOR_COLORS: readonly string[] = [
  '#c92a2a',
  '#a61e4d',
  '#862e9c',
  '#5f3dc4',
  '#364fc7',
  '#1864ab',
  '#0b7285',
  '#087f5b',
  '#2b8a3e',
  '#d9480f',
];

/** This browser's cursor colour: picked at random once, then remembered. */
export function cursorColor(storage: KeyValueStorage | null, random: () => number = Math.random): string {
  const stored = read(storage, COLOR_KEY);
  if (stored && CURSOR_COLORS.includes(stored)) return stored;
  const color = CURSOR_COLORS[Math.floor(random() * CURSOR_COLORS.length)] ?? CURSOR_COLORS[0]!;
  write(storage, COLOR_KEY, color);
  return color;
}
