// The web app is an entry point (main.tsx), not a library; these exports let tests and other
// tooling reach its pure parts.
export { App } from './app.tsx';
export { ApiError, createApiClient, errorMessageKey } from './api-client.ts';
export type { ApiClient } from './api-client.ts';
export { pickInitialLanguage, LANGUAGE_QUERY_PARAM, LANGUAGE_STORAGE_KEY } from './i18n.ts';
export { CURSOR_COLORS, cursorColor, loadSession, saveSession, sessionKey } from './local-session.ts';
export type { BoardSession } from './local-session.ts';
export { boardPath, parseRoute } from './navigation.ts';
export type { Route } from './navigation.ts';
export { syncServerUrl } from './board/use-board-connection.ts';
export { rankBoardIdeas, voteScope } from './voting/vote-ideas.ts';
export type { RankedIdea } from './voting/vote-ideas.ts';
