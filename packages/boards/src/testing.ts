// Test helpers for other packages (`@talkoot/boards/testing`); they import vitest, so the
// main entry point does not export them.
export { describeBoardDirectoryContract } from './board-directory-contract.ts';
export type { BoardDirectoryHarness } from './board-directory-contract.ts';
