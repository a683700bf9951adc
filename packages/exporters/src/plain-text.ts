/**
 * Plain text of tldraw's rich text (a TipTap document): blocks on their own lines, hard
 * breaks as newlines. The web app has the same reader; this one runs on the server, which
 * has no tldraw editor. Older records with a string `text` prop are read as they are.
 */
export function plainTextOf(props: { richText?: unknown; text?: unknown } | undefined): string {
  if (!props) return '';
  if (props.richText === undefined) return typeof props.text === 'string' ? props.text.trim() : '';
  const blocks: string[] = [];
  const inline = (node: unknown, depth: number): string => {
    if (!node || typeof node !== 'object' || depth > 50) return '';
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (n.type === 'hardBreak') return '\n';
    const own = typeof n.text === 'string' ? n.text : '';
    return own + (Array.isArray(n.content) ? n.content.map((c) => inline(c, depth + 1)).join('') : '');
  };
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 50) return;
    const n = node as { type?: unknown; content?: unknown };
    const children: unknown[] = Array.isArray(n.content) ? n.content : [];
    const isInline = (child: unknown) => {
      const type = (child as { type?: unknown } | null)?.type;
      return type === 'text' || type === 'hardBreak';
    };
    // A block whose children are inline content is one line; containers (doc, lists) recurse.
    if (children.some(isInline)) blocks.push(inline(n, depth));
    else if (n.type === 'paragraph' || n.type === 'heading') blocks.push('');
    else for (const child of children) walk(child, depth + 1);
  };
  walk(props.richText, 0);
  return blocks.join('\n').trim();
}
