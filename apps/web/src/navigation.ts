import { useSyncExternalStore } from 'react';

/** A screen of the app, parsed from `location.pathname`. */
export type Route =
  | { screen: 'home' }
  | { screen: 'join'; code: string }
  | { screen: 'board'; boardId: string }
  | { screen: 'projector'; boardId: string }
  | { screen: 'not-found' };

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Maps a path to a screen: `/`, `/join`, `/join/<CODE>`, `/b/<boardId>`, `/b/<boardId>/projector`. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 0) return { screen: 'home' };
  if (parts[0] === 'join' && parts.length <= 2) return { screen: 'join', code: decode(parts[1] ?? '') };
  if (parts[0] === 'b' && parts.length === 2) return { screen: 'board', boardId: decode(parts[1]!) };
  if (parts[0] === 'b' && parts.length === 3 && parts[2] === 'projector') {
    return { screen: 'projector', boardId: decode(parts[1]!) };
  }
  return { screen: 'not-found' };
}

/** Path of a board's page. */
export const boardPath = (boardId: string): string => `/b/${encodeURIComponent(boardId)}`;

/** Path of a board's full-screen projector view. */
export const projectorPath = (boardId: string): string => `${boardPath(boardId)}/projector`;

const NAVIGATE_EVENT = 'talkoot:navigate';

/** Goes to another screen without reloading the page. */
export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
};

/** The current path, re-rendering on navigation and back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

/** Click handler for in-app links: lets modified clicks (new tab) through. */
export function onLinkClick(path: string) {
  return (event: { preventDefault(): void; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button: number }) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  };
}
