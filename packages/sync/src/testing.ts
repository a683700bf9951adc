// Test helpers for other packages (`@talkoot/sync/testing`); they import vitest, so the
// main entry point does not export them.
export { describeDocStoreContract } from './doc-store-contract.ts';
export type { DocStoreHarness, OpenDocStore } from './doc-store-contract.ts';
export { requireService } from './require-service.ts';
export { TestSocket } from './test-socket.ts';
export { awarenessEntries, awarenessFrame, deleteSetUpdate, nestedChainUpdate } from './fuzz-encoding.ts';
export {
  assertFuzzRuns,
  describeFuzzSettings,
  fuzzRun,
  fuzzSettings,
  FuzzStep,
  fuzzStep,
  hostileFrames,
  hostileRuns,
  hostileShapes,
  sampleFrames,
  UNKNOWN_TARGET,
} from './fuzz-frames.ts';
export type {
  ClientClock,
  FuzzFrame,
  FuzzSend,
  FuzzSender,
  FuzzSettings,
  FuzzTarget,
  HostileShape,
} from './fuzz-frames.ts';
