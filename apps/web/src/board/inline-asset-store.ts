import { FileHelpers, type TLAssetStore } from 'tldraw';

/**
 * Largest data URL an image may become. Images live inside the board's Y.Doc as data URLs
 * (there is no upload endpoint yet), and the sync server closes any frame over 1 MiB (code
 * 1009) — a client whose pending update is that big would reconnect and resend it forever.
 */
export const MAX_INLINE_ASSET_BYTES = 600 * 1024;
/** Longest side of a stored image, in pixels; plenty for a projector. */
export const MAX_INLINE_IMAGE_DIMENSION = 1600;

const REENCODABLE = /^image\/(png|jpeg|webp|gif|bmp|avif)$/;

/**
 * An asset store that keeps images inline, shrunk and re-encoded as JPEG until they fit
 * {@link MAX_INLINE_ASSET_BYTES}. Anything that cannot be made small enough is refused, and
 * tldraw shows its "upload failed" message.
 */
export const inlineAssetStore: TLAssetStore = {
  async upload(_asset, file) {
    if (file.size <= MAX_INLINE_ASSET_BYTES * 0.7) {
      // Base64 grows by a third; small files go in as they are (keeps PNG transparency, GIF frames).
      return { src: await FileHelpers.blobToDataUrl(file) };
    }
    if (!REENCODABLE.test(file.type)) throw new Error(`${file.type} file too large to share`);
    return { src: await shrinkImage(file) };
  },
};

async function shrinkImage(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    for (let dimension = MAX_INLINE_IMAGE_DIMENSION; dimension >= 400; dimension = Math.round(dimension * 0.75)) {
      const scale = Math.min(1, dimension / Math.max(bitmap.width, bitmap.height));
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      // JPEG has no alpha: paint transparent areas white rather than black.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of [0.85, 0.7, 0.55]) {
        const url = canvas.toDataURL('image/jpeg', quality);
        if (url.length <= MAX_INLINE_ASSET_BYTES) return url;
      }
    }
    throw new Error('image too large to share even when shrunk');
  } finally {
    bitmap.close();
  }
}
