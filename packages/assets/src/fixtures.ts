/**
 * Small files with the right signatures, for tests of sniffing and stripping. They need no image
 * library: the bytes are written out here.
 */

/** The smallest baseline JPEG (1 × 1), as cameras and canvases start theirs: SOI, JFIF APP0, tables, scan. */
export const fakeJpeg = (): Uint8Array =>
  Uint8Array.from(
    Buffer.from(
      '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
      'base64',
    ),
  );

/** `jpeg` with an EXIF APP1 segment (carrying `secret`, e.g. a GPS position) and a comment after its SOI. */
export function withExif(jpeg: Uint8Array, secret: string): Uint8Array {
  const exif = Buffer.concat([Buffer.from('Exif\0\0MM\0*', 'latin1'), Buffer.from(secret, 'latin1')]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  const text = Buffer.from(`taken at ${secret}`, 'latin1');
  const com = Buffer.concat([Buffer.from([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]), text]);
  return Uint8Array.from(Buffer.concat([jpeg.subarray(0, 2), app1, com, jpeg.subarray(2)]));
}

/** A PNG signature and IHDR only: enough to be sniffed, not to be drawn. */
export const fakePng = (): Uint8Array =>
  Uint8Array.from(Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));

/** The start of a WebM file as MediaRecorder writes it: an EBML header with DocType `webm`, then `body`. */
export function fakeWebm(body: Uint8Array = new Uint8Array(64)): Uint8Array {
  const header = Buffer.from(
    '1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581 02'.replace(/ /g, ''),
    'hex',
  );
  return Uint8Array.from(
    Buffer.concat([
      header,
      Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      body,
    ]),
  );
}
