import { MAX_IMAGE_BYTES } from '@talkoot/protocol';

/** Longest side of a photo as it is uploaded, in pixels: sharp on a projector, small on the wire. */
export const MAX_PHOTO_DIMENSION = 2048;

/** Types the server keeps as they are (when small enough); anything else is drawn anew. */
const KEPT_AS_IS = new Set(['image/png', 'image/webp']);

/**
 * A picture as it is uploaded: PNG and WebP within {@link MAX_PHOTO_DIMENSION} and the size limit
 * go as they are (transparency kept); everything else, and every JPEG (a camera's photo, whose
 * EXIF orientation the canvas applies and whose metadata it drops), is drawn onto a canvas at
 * most {@link MAX_PHOTO_DIMENSION} pixels on its longest side and encoded as JPEG.
 */
export async function preparePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, MAX_PHOTO_DIMENSION / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && KEPT_AS_IS.has(file.type) && file.size <= MAX_IMAGE_BYTES) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    // JPEG has no alpha: transparent areas become white rather than black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.85, 0.7, 0.5]) {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= MAX_IMAGE_BYTES) return blob;
    }
    throw new Error('photo too large even when shrunk');
  } finally {
    bitmap.close();
  }
}
