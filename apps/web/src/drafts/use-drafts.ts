import { useCallback, useMemo, useSyncExternalStore } from 'react';
import {
  draftsKey,
  loadDrafts,
  saveDrafts,
  withDrafts,
  withoutDraft,
  type Draft,
  type NewDraft,
} from './draft-storage.ts';

/** Why texts were kept: the close code of a refusal, or `'locked'` when the board was locked mid-typing. */
export type DraftsReason = number | 'locked';

/** One member's drafts on one board, and why the board was last reloaded under them. */
interface DraftsState {
  drafts: readonly Draft[];
  /** Why text was last kept: a refusal's close code or the board lock (not kept across a reload), or null. */
  reason: DraftsReason | null;
}

/** What {@link useDrafts} gives the board screen. */
export interface Drafts extends DraftsState {
  dismiss(id: string): void;
  /** Hides the reason; the drafts stay. */
  dismissReason(): void;
}

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

// Every hook and callback of the page reads and writes through here, so the panel hears of drafts
// kept by the board connection and by private writing alike; other tabs through `storage` events.
const states = new Map<string, DraftsState>();
const listeners = new Map<string, Set<() => void>>();

function stateOf(boardId: string, memberId: string): DraftsState {
  const key = draftsKey(boardId, memberId);
  let state = states.get(key);
  if (!state) {
    state = { drafts: loadDrafts(storage(), boardId, memberId), reason: null };
    states.set(key, state);
  }
  return state;
}

function update(boardId: string, memberId: string, change: (state: DraftsState) => DraftsState): void {
  const key = draftsKey(boardId, memberId);
  const before = stateOf(boardId, memberId);
  const after = change(before);
  if (after === before) return;
  if (after.drafts !== before.drafts) saveDrafts(storage(), boardId, memberId, after.drafts);
  states.set(key, after);
  for (const listener of listeners.get(key) ?? []) listener();
}

/** Keeps texts the server never accepted as drafts of the member (duplicates of kept texts are skipped). */
export function keepDrafts(boardId: string, memberId: string, added: readonly NewDraft[]): void {
  if (added.length === 0) return;
  update(boardId, memberId, (state) => ({ ...state, drafts: withDrafts(state.drafts, added, Date.now()) }));
}

/** The member's drafts on the board as this page holds them now. */
export function currentDrafts(boardId: string, memberId: string): readonly Draft[] {
  return stateOf(boardId, memberId).drafts;
}

/** Forgets the drafts with `ids` (their text is on the board); the reason goes with the last of them. */
export function forgetDrafts(boardId: string, memberId: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  update(boardId, memberId, (state) => {
    const drafts = ids.reduce<readonly Draft[]>((list, id) => withoutDraft(list, id), state.drafts);
    return { drafts, reason: drafts.length === 0 ? null : state.reason };
  });
}

/** Records why texts were just kept (a close code, or the board lock), for the panel to say. */
export function reportRefusal(boardId: string, memberId: string, code: DraftsReason): void {
  update(boardId, memberId, (state) => (state.reason === code ? state : { ...state, reason: code }));
}

/** The member's drafts on the board, kept in localStorage until dismissed. */
export function useDrafts(boardId: string, memberId: string): Drafts {
  const key = draftsKey(boardId, memberId);
  const subscribe = useCallback(
    (listener: () => void) => {
      const set = listeners.get(key) ?? new Set();
      listeners.set(key, set);
      set.add(listener);
      const onStorage = (event: StorageEvent) => {
        if (event.key !== key) return;
        const reason = stateOf(boardId, memberId).reason;
        states.set(key, { drafts: loadDrafts(storage(), boardId, memberId), reason });
        listener();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        set.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
    [key, boardId, memberId],
  );
  const state = useSyncExternalStore(subscribe, () => stateOf(boardId, memberId));
  return useMemo(
    () => ({
      ...state,
      dismiss: (id: string) =>
        update(boardId, memberId, (current) => ({ ...current, drafts: withoutDraft(current.drafts, id) })),
      dismissReason: () => update(boardId, memberId, (current) => ({ ...current, reason: null })),
    }),
    [state, boardId, memberId],
  );
}
