import type { TLRichText } from '@tldraw/tlschema';

/**
 * Plain text as tldraw rich text (one paragraph per line), the same shape as tldraw's
 * `toRichText`, which lives in the editor package and so is not available on the server.
 */
export function toRichText(text: string): TLRichText {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) =>
        line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] },
      ),
  };
}
