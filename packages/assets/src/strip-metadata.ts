import type { AssetContentType } from '@talkoot/protocol';

/**
 * A photo without the metadata a camera writes into it: EXIF (GPS position, time, device),
 * XMP and comments. JPEG keeps JFIF, ICC colour profile and Adobe segments, PNG and WebP their
 * image and colour chunks. Audio is returned as it is. Undefined when the image's structure is
 * broken (a truncated segment or chunk), which the upload then refuses.
 *
 * EXIF also carries a photo's orientation: the web client draws every photo onto a canvas
 * before uploading (which applies it), so what arrives here is already upright.
 */
export function stripMetadata(type: AssetContentType, data: Uint8Array): Uint8Array | undefined {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(data);
    case 'image/png':
      return stripPng(data);
    case 'image/webp':
      return stripWebp(data);
    default:
      return data;
  }
}

/** JPEG markers dropped: APP1 (EXIF, XMP), APP3–APP13 and APP15 (vendor data), COM. APP14 (Adobe) stays. */
function droppedJpegMarker(marker: number): boolean {
  return marker === 0xe1 || (marker >= 0xe3 && marker <= 0xef && marker !== 0xee) || marker === 0xfe;
}

function stripJpeg(data: Uint8Array): Uint8Array | undefined {
  if (data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  const kept: Uint8Array[] = [data.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) return undefined;
    const marker = data[at + 1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Start of scan: the entropy-coded data and everything after it are kept as they are.
    if (marker === 0xda || marker === 0xd9) {
      kept.push(data.subarray(at));
      return concat(kept);
    }
    const length = (data[at + 2]! << 8) | data[at + 3]!;
    if (length < 2 || at + 2 + length > data.length) return undefined;
    if (!droppedJpegMarker(marker)) kept.push(data.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return undefined;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** PNG chunks dropped: EXIF, text (tEXt, zTXt, iTXt: authors, software, comments) and time. */
const DROPPED_PNG_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(data: Uint8Array): Uint8Array | undefined {
  if (!PNG_SIGNATURE.every((byte, i) => data[i] === byte)) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const kept: Uint8Array[] = [data.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= data.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > data.length) return undefined;
    const type = String.fromCharCode(...data.subarray(at + 4, at + 8));
    if (!DROPPED_PNG_CHUNKS.has(type)) kept.push(data.subarray(at, end));
    at = end;
    if (type === 'IEND') return concat(kept);
  }
  return undefined;
}

/** WebP's extended-format flags for EXIF and XMP, in the first byte of its VP8X chunk. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(data: Uint8Array): Uint8Array | undefined {
  const ascii = (from: number) => String.fromCharCode(...data.subarray(from, from + 4));
  if (data.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WEBP') return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const end = Math.min(data.length, 8 + view.getUint32(4, true));
  const kept: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= end) {
    const type = ascii(at);
    const size = view.getUint32(at + 4, true);
    const next = at + 8 + size + (size % 2);
    if (at + 8 + size > end) return undefined;
    if (type === 'VP8X') {
      const chunk = data.slice(at, Math.min(next, end));
      chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP);
      kept.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      kept.push(data.subarray(at, Math.min(next, end)));
    }
    at = next;
  }
  const body = concat(kept);
  const out = new Uint8Array(12 + body.length);
  out.set(data.subarray(0, 12));
  new DataView(out.buffer).setUint32(4, 4 + body.length, true);
  out.set(body, 12);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
