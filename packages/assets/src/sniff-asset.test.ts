import { describe, expect, it } from 'vitest';
import { sniffAsset } from './sniff-asset.ts';
import { fakeJpeg, fakePng, fakeWebm, makePng } from './testing.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffAsset', () => {
  it('reads JPEG, PNG and WebM audio from their bytes', async () => {
    expect(await sniffAsset(fakeJpeg())).toBe('image/jpeg');
    expect(await sniffAsset(fakePng())).toBe('image/png');
    expect(await sniffAsset(makePng(3, 3))).toBe('image/png');
    expect(await sniffAsset(fakeWebm())).toBe('audio/webm');
  });

  it('reads WebP and MP4 audio from their bytes', async () => {
    const webp = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([26, 0, 0, 0]),
      Buffer.from('WEBPVP8L'),
      Buffer.alloc(14),
    ]);
    expect(await sniffAsset(Uint8Array.from(webp))).toBe('image/webp');
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypM4A '), Buffer.alloc(12)]);
    expect(await sniffAsset(Uint8Array.from(mp4))).toBe('audio/mp4');
    const iso = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypiso5'), Buffer.alloc(12)]);
    expect(await sniffAsset(Uint8Array.from(iso))).toBe('audio/mp4');
  });

  it('refuses a script, HTML and SVG whatever they are called', async () => {
    expect(await sniffAsset(text('<script>alert(document.cookie)</script>'))).toBeUndefined();
    expect(await sniffAsset(text('<!doctype html><html><body onload="x()">'))).toBeUndefined();
    expect(
      await sniffAsset(text('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')),
    ).toBeUndefined();
    expect(await sniffAsset(new Uint8Array(0))).toBeUndefined();
  });

  it('refuses image types outside the allow-list (GIF, PDF)', async () => {
    expect(await sniffAsset(text('GIF89a\x01\x00\x01\x00\x00\x00\x00'))).toBeUndefined();
    expect(await sniffAsset(text('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'))).toBeUndefined();
  });
});
