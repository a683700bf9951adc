// Test helpers for other packages (`@talkoot/sync/testing`); they import vitest, so the
// main entry point does not export them.
export { describeDocStoreContract } from './doc-store-contract.ts';
export type { DocStoreHarness, OpenDocStore } from './doc-store-contract.ts';
export { requireService } from './require-service.ts';
export { fuzzFrames, hostileFrames, sampleFrames, seededRandom } from './fuzz-frames.ts';
export type { FuzzFrame } from './fuzz-frames.ts';
