import { fileTypeFromBuffer } from 'file-type';
import type { AssetContentType } from '@talkoot/protocol';

/** What the bytes of an upload really are, by their signature: the type it is then served as. */
const SERVED_AS: Readonly<Record<string, AssetContentType>> = {
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/webp': 'image/webp',
  // MediaRecorder's WebM has no video track, but the container's signature is the same.
  'audio/webm': 'audio/webm',
  'video/webm': 'audio/webm',
  // Safari records MP4 (brand `iso5`/`mp42`, read as video/mp4) or M4A.
  'audio/mp4': 'audio/mp4',
  'audio/x-m4a': 'audio/mp4',
  'video/mp4': 'audio/mp4',
};

/**
 * The type an upload is stored and served as, read from its bytes with `file-type` (never from
 * what the client declared), or undefined when it is none of {@link ASSET_CONTENT_TYPES}: a
 * script, an SVG or HTML named `.png` is refused.
 */
export async function sniffAsset(data: Uint8Array): Promise<AssetContentType | undefined> {
  const found = await fileTypeFromBuffer(data);
  return found ? SERVED_AS[found.mime] : undefined;
}
