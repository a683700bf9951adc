import { stripInvalidXmlChars } from './xml.ts';

const MAX_DEPTH = 32;
/** Longest text taken from one shape; notes are short, so this only bounds hostile records. */
export const MAX_TEXT_LENGTH = 10_000;

const BLOCKS = new Set(['paragraph', 'heading', 'codeBlock', 'blockquote', 'listItem', 'taskItem']);

/**
 * The paragraphs of a tldraw rich text (TipTap document JSON), as plain text: a `hardBreak`
 * becomes `\n` inside its paragraph, list items get a `• ` or `1. ` prefix (nested ones are
 * indented), marks are dropped, characters XML cannot hold (control characters, lone
 * surrogates) are removed. A plain string (tldraw 2's `text` prop) is split at newlines.
 * Untrusted input is fine: anything that is not a node is skipped, depth and length are capped.
 */
export function richTextToParagraphs(richText: unknown): string[] {
  if (typeof richText === 'string') return stripInvalidXmlChars(richText.slice(0, MAX_TEXT_LENGTH)).split('\n');
  const paragraphs: string[] = [];
  let current: string | null = null;
  let pendingPrefix = '';
  let length = 0;

  const flush = () => {
    if (current !== null) paragraphs.push(current);
    current = null;
  };
  const append = (text: string) => {
    if (length >= MAX_TEXT_LENGTH) return;
    const piece = stripInvalidXmlChars(text.slice(0, MAX_TEXT_LENGTH - length));
    length += piece.length;
    current = (current ?? pendingPrefix) + piece;
    pendingPrefix = '';
  };

  const walk = (node: unknown, depth: number, listDepth: number): void => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null || length >= MAX_TEXT_LENGTH) return;
    const { type, text, content, attrs } = node as {
      type?: unknown;
      text?: unknown;
      content?: unknown;
      attrs?: unknown;
    };
    if (type === 'text') {
      if (typeof text === 'string') append(text);
      return;
    }
    if (type === 'hardBreak') {
      append('\n');
      return;
    }
    const children = Array.isArray(content) ? content : [];
    if (type === 'bulletList' || type === 'orderedList' || type === 'taskList') {
      flush();
      const start = (attrs as { start?: unknown } | undefined)?.start;
      let n = typeof start === 'number' && Number.isInteger(start) ? start : 1;
      const indent = '\u00A0\u00A0'.repeat(listDepth);
      for (const item of children) {
        pendingPrefix = indent + (type === 'orderedList' ? `${n++}. ` : '• ');
        walk(item, depth + 1, listDepth + 1);
        flush();
      }
      pendingPrefix = '';
      return;
    }
    const isBlock = typeof type === 'string' && BLOCKS.has(type) && type !== 'listItem' && type !== 'taskItem';
    if (isBlock) flush();
    for (const child of children) walk(child, depth + 1, listDepth);
    if (isBlock) {
      // An empty paragraph is an empty line, as in the editor.
      if (current === null && type === 'paragraph') append('');
      flush();
    }
  };

  walk(richText, 0, 0);
  flush();
  return paragraphs;
}
