import { describe, expect, it } from 'vitest';
import { qrCodeDataUrl } from './qr-code.ts';

describe('qrCodeDataUrl', () => {
  it('makes an SVG data URL locally', async () => {
    const url = await qrCodeDataUrl('https://talkoot.example/join/K7M-4QX');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toContain('<svg');
  });
});
