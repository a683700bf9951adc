export { PostgresBoardDirectory } from './postgres-board-directory.ts';
export { PostgresDocStore } from './postgres-doc-store.ts';
export type { PostgresDocStoreOptions } from './postgres-doc-store.ts';
export { openPostgresStorage } from './postgres-storage.ts';
export type { PostgresStorage, PostgresStorageOptions } from './postgres-storage.ts';
export { PostgresTranslationStore } from './postgres-translation-store.ts';
export { PostgresAssetStore } from './postgres-asset-store.ts';
