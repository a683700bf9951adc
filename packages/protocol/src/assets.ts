import { z } from 'zod';

/**
 * Media types the asset store keeps, as served: photos and pictures (JPEG, PNG, WebP) and the
 * audio MediaRecorder produces (WebM/Opus in Chromium and Firefox, MP4/AAC in Safari). Anything
 * else is refused, whatever the upload says it is.
 */
export const ASSET_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'audio/webm', 'audio/mp4'] as const;
export type AssetContentType = (typeof ASSET_CONTENT_TYPES)[number];

/** Whether an asset of this type is an image (else audio). */
export const isImageType = (type: AssetContentType): boolean => type.startsWith('image/');

/** Largest image upload, in bytes (10 MiB: a phone photo before the device shrinks it). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Largest audio upload, in bytes (5 MiB: two minutes of Opus are about 0.5 MiB). */
export const MAX_AUDIO_BYTES = 5 * 1024 * 1024;
/** What one board may hold in assets altogether, in bytes (200 MiB). */
export const MAX_BOARD_ASSET_BYTES = 200 * 1024 * 1024;

/** A stored asset's name: the SHA-256 of its bytes, 64 lowercase hex digits. */
export const assetHashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** `POST /api/boards/:boardId/assets` 201 (or 200 when the same bytes were already stored). */
export const uploadAssetResponseSchema = z.object({
  hash: assetHashSchema,
  /** Same-origin path the asset is served at; what tldraw's asset record keeps as `src`. */
  src: z.string(),
  contentType: z.enum(ASSET_CONTENT_TYPES),
  size: z.number().int().nonnegative(),
});
export type UploadAssetResponse = z.infer<typeof uploadAssetResponseSchema>;

/** The path a board's asset is served at: `/api/boards/<boardId>/assets/<hash>`. */
export const assetPath = (boardId: string, hash: string): string => `/api/boards/${boardId}/assets/${hash}`;

/** The hash in a path made by {@link assetPath} for this board, or undefined for anything else. */
export function assetHashOf(boardId: string, src: string): string | undefined {
  const prefix = `/api/boards/${boardId}/assets/`;
  if (!src.startsWith(prefix)) return undefined;
  const hash = src.slice(prefix.length);
  return assetHashSchema.safeParse(hash).success ? hash : undefined;
}
