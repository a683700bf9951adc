import { describe, expect, it } from 'vitest';
import { stripMetadata } from './strip-metadata.ts';
import { fakeJpeg, makePng, withExif } from './testing.ts';

const has = (data: Uint8Array, s: string) => Buffer.from(data).includes(Buffer.from(s, 'latin1'));

describe('stripMetadata', () => {
  it('drops EXIF and comments from a JPEG and keeps every other byte', () => {
    const original = fakeJpeg();
    const photo = withExif(original, 'GPS 60.1699N 24.9384E');
    expect(has(photo, '60.1699N')).toBe(true);
    const stripped = stripMetadata('image/jpeg', photo)!;
    expect(has(stripped, '60.1699N')).toBe(false);
    expect(has(stripped, 'Exif')).toBe(false);
    expect(Buffer.from(stripped).equals(Buffer.from(original))).toBe(true);
  });

  it('drops text chunks from a PNG and keeps its image', () => {
    const png = makePng(5, 5);
    expect(has(png, 'Camera owner')).toBe(true);
    const stripped = stripMetadata('image/png', png)!;
    expect(has(stripped, 'Camera owner')).toBe(false);
    expect(has(stripped, 'IDAT')).toBe(true);
    expect(has(stripped, 'IEND')).toBe(true);
  });

  it('drops EXIF and XMP chunks from a WebP and clears their flags', () => {
    const chunk = (type: string, body: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32LE(body.length, 4);
      return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x04;
    const body = Buffer.concat([
      Buffer.from('WEBP'),
      chunk('VP8X', vp8x),
      chunk('VP8L', Buffer.alloc(7, 1)),
      chunk('EXIF', Buffer.from('GPS 60.1699N')),
      chunk('XMP ', Buffer.from('<x:xmpmeta>owner</x:xmpmeta>')),
    ]);
    const head = Buffer.alloc(8);
    head.write('RIFF', 0);
    head.writeUInt32LE(body.length, 4);
    const stripped = Buffer.from(stripMetadata('image/webp', Uint8Array.from(Buffer.concat([head, body])))!);
    expect(stripped.includes('60.1699N')).toBe(false);
    expect(stripped.includes('owner')).toBe(false);
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
    expect(stripped[20]! & 0x0c).toBe(0);
    expect(stripped.includes('VP8L')).toBe(true);
  });

  it('refuses a truncated image', () => {
    const photo = withExif(fakeJpeg(), 'x');
    expect(stripMetadata('image/jpeg', photo.subarray(0, 8))).toBeUndefined();
    expect(stripMetadata('image/png', makePng(5, 5).subarray(0, 40))).toBeUndefined();
  });

  it('leaves audio as it is', () => {
    const audio = new Uint8Array([1, 2, 3]);
    expect(stripMetadata('audio/webm', audio)).toBe(audio);
  });
});
