import type { TLRichText } from '@tldraw/tlschema';
import { toRichText as toRichTextDoc } from '@talkoot/protocol';

/**
 * Plain text as tldraw rich text (one paragraph per line), typed as tldraw's record field;
 * tldraw's own `toRichText` lives in the editor package, not available on the server.
 */
export function toRichText(text: string): TLRichText {
  return toRichTextDoc(text) as TLRichText;
}
