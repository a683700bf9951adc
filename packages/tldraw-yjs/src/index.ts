export { META_MAP_NAME, RECORDS_MAP_NAME, SCHEMA_KEY, bindTldrawStoreToYjs } from './bind-tldraw-store-to-yjs.ts';
export type { BindTldrawStoreOptions, BindingStatus, TldrawYjsBinding } from './bind-tldraw-store-to-yjs.ts';
export {
  DEFAULT_PRESENCE_THROTTLE_MS,
  bindPresenceToAwareness,
  presenceIdForClient,
} from './bind-presence-to-awareness.ts';
export type {
  AwarenessPresenceState,
  BindPresenceOptions,
  PresenceBinding,
  PresenceUser,
} from './bind-presence-to-awareness.ts';
export { checkSchemaCompatibility } from './schema-compatibility.ts';
export type { IncompatibleReason, SchemaCompatibility } from './schema-compatibility.ts';
export { throttle } from './throttle.ts';
export type { Throttled } from './throttle.ts';
export { waitForSync } from './wait-for-sync.ts';
export type { SyncingProvider } from './wait-for-sync.ts';
