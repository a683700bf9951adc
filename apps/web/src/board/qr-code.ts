import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code for `text` as an SVG `data:` URL, made in the browser (nothing is sent anywhere).
 * Black on white with a quiet zone, so phones read it off a projector too.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** {@link qrCodeDataUrl} as a hook: null until it is ready (or if `text` is null). */
export function useQrCode(text: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    setUrl(null);
    if (text === null) return;
    qrCodeDataUrl(text).then(
      (made) => active && setUrl(made),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [text]);
  return url;
}
