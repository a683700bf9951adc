import { useSyncExternalStore } from 'react';

/** How this device shows the board; remembered per device, never shared with the board. */
export interface ViewPreferences {
  /** Calm view: no other people's cursors or names, no animations. */
  calm: boolean;
  /** High contrast: Talkoot's dark high-contrast theme and tldraw's dark mode. */
  contrast: boolean;
}

const KEY = 'talkoot.view';
const DEFAULTS: ViewPreferences = { calm: false, contrast: false };
const listeners = new Set<() => void>();
let current: ViewPreferences | null = null;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: the choice lasts for this page only
  }
}

/** Reads the stored preferences; anything malformed counts as the defaults. */
export function parseViewPreferences(raw: string | null): ViewPreferences {
  if (!raw) return DEFAULTS;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof ViewPreferences, unknown>>;
    return { calm: value.calm === true, contrast: value.contrast === true };
  } catch {
    return DEFAULTS;
  }
}

/** This device's view preferences. */
export function getViewPreferences(): ViewPreferences {
  current ??= parseViewPreferences(storage()?.getItem(KEY) ?? null);
  return current;
}

/** Changes and remembers this device's view preferences; the page follows at once. */
export function setViewPreferences(change: Partial<ViewPreferences>): void {
  current = { ...getViewPreferences(), ...change };
  try {
    storage()?.setItem(KEY, JSON.stringify(current));
  } catch {
    // quota or private mode: still applied for this page
  }
  applyToDocument(current);
  for (const listener of listeners) listener();
}

/** Marks `<html>` so the stylesheets can switch themes and animations. */
export function applyToDocument(preferences: ViewPreferences = getViewPreferences()): void {
  const root = document.documentElement;
  root.toggleAttribute('data-calm', preferences.calm);
  root.toggleAttribute('data-contrast', preferences.contrast);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The view preferences, re-rendering when they change. */
export function useViewPreferences(): ViewPreferences {
  return useSyncExternalStore(subscribe, getViewPreferences);
}

/** Whether the system asks for less motion. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
