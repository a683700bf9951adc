export type { AssetStore, NewAsset, StoredAsset } from './asset-store.ts';
export { sniffAsset } from './sniff-asset.ts';
export { stripMetadata } from './strip-metadata.ts';
