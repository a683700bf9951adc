/**
 * tldraw's rich text (a TipTap document) as the board stores it, and the one reader that turns
 * it into plain text — for the outline, private notes, the ranking, exports and the server's
 * drawings alike, so a note reads the same everywhere. The input is untrusted JSON: anything
 * that is not a node is skipped, and nesting past {@link MAX_RICH_TEXT_DEPTH} is not read.
 */

/** A rich-text node: `doc`, `paragraph`, `text`, `hardBreak`, lists… (TipTap's JSON). */
export interface RichTextNode {
  type: string;
  text?: string;
  content?: RichTextNode[];
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** The root of a rich text, the same shape as tldraw's `TLRichText`. */
export interface RichTextDoc extends RichTextNode {
  type: 'doc';
}

/** Deeper nesting than any editor produces; a hostile record cannot make the reader recurse further. */
export const MAX_RICH_TEXT_DEPTH = 50;

/** Plain text as rich text, one paragraph per line (the same shape as tldraw's `toRichText`). */
export function toRichText(text: string): RichTextDoc {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) =>
        line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] },
      ),
  };
}

const isInline = (child: unknown) => {
  const type = (child as { type?: unknown } | null)?.type;
  return type === 'text' || type === 'hardBreak';
};

/**
 * Plain text of a rich text: each block (paragraph, heading, list item) on its own line, hard
 * breaks as newlines, empty paragraphs as empty lines, trimmed at both ends.
 */
export function plainTextOf(richText: unknown): string {
  const blocks: string[] = [];
  const inline = (node: unknown, depth: number): string => {
    if (!node || typeof node !== 'object' || depth > MAX_RICH_TEXT_DEPTH) return '';
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (n.type === 'hardBreak') return '\n';
    const own = typeof n.text === 'string' ? n.text : '';
    return own + (Array.isArray(n.content) ? n.content.map((c) => inline(c, depth + 1)).join('') : '');
  };
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > MAX_RICH_TEXT_DEPTH) return;
    const n = node as { type?: unknown; content?: unknown };
    const children: unknown[] = Array.isArray(n.content) ? n.content : [];
    // A block whose children are inline content is one line; containers (doc, lists) recurse.
    if (children.some(isInline)) blocks.push(inline(n, depth));
    else if (n.type === 'paragraph' || n.type === 'heading') blocks.push('');
    else for (const child of children) walk(child, depth + 1);
  };
  walk(richText, 0);
  return blocks.join('\n').trim();
}
