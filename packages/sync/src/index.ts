export { MemoryDocStore } from './doc-store.ts';
export type { DocAppend, DocStore, DocTail } from './doc-store.ts';
export { MemoryFanOutHub } from './fan-out.ts';
export type { FanOut, FanOutHandlers } from './fan-out.ts';
export {
  MalformedMessageError,
  MAX_NESTING_DEPTH,
  MessageType,
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './messages.ts';
export type { ClientMessage } from './messages.ts';
export { DEFAULT_RATE_LIMITS, RateLimiter } from './rate-limiter.ts';
export type { RateLimits } from './rate-limiter.ts';
export { applyStoredUpdates } from './stored-updates.ts';
export { isStorageFull } from './storage-health.ts';
export type { QuarantinedUpdate } from './stored-updates.ts';
export { DEFAULT_WRITE_LIMITS, LOAD_LIMITS, inspectUpdate } from './write-gate.ts';
export type {
  EntryChange,
  GateVerdict,
  ItemChange,
  ItemContent,
  Refusal,
  TextChange,
  UpdateChanges,
  WriteLimits,
} from './write-gate.ts';
export type { ConnectionOptions, RoomConnection } from './connection.ts';
export { RoomManager, SERVER_ORIGIN } from './room-manager.ts';
export type { RoomManagerOptions } from './room-manager-options.ts';
export { OutgoingFrames } from './sync-socket.ts';
export type { SyncSocket } from './sync-socket.ts';
