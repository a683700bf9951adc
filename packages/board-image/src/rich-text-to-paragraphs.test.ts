import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, richTextToParagraphs } from './rich-text-to-paragraphs.ts';

const text = (value: string) => ({ type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const item = (...content: unknown[]) => ({ type: 'listItem', content });

describe('richTextToParagraphs', () => {
  it('gives one string per paragraph, with marks dropped and empty paragraphs kept', () => {
    const bold = { type: 'text', text: 'bold', marks: [{ type: 'bold' }] };
    expect(
      richTextToParagraphs(doc(paragraph(text('Plain '), bold), { type: 'paragraph' }, paragraph(text('x')))),
    ).toEqual(['Plain bold', '', 'x']);
  });

  it('turns a hard break into a newline inside its paragraph', () => {
    expect(richTextToParagraphs(doc(paragraph(text('one'), { type: 'hardBreak' }, text('two'))))).toEqual(['one\ntwo']);
  });

  it('prefixes bullet and numbered list items and indents nested lists', () => {
    const nested = { type: 'bulletList', content: [item(paragraph(text('inner')))] };
    const richText = doc(
      { type: 'bulletList', content: [item(paragraph(text('first')), nested), item(paragraph(text('second')))] },
      { type: 'orderedList', attrs: { start: 3 }, content: [item(paragraph(text('third')))] },
    );
    expect(richTextToParagraphs(richText)).toEqual(['• first', '\u00A0\u00A0• inner', '• second', '3. third']);
  });

  it('reads a plain string as lines, as tldraw 2 stored text', () => {
    expect(richTextToParagraphs('a\nb')).toEqual(['a', 'b']);
  });

  it('skips what is not a node and survives hostile input', () => {
    const deep = Array.from({ length: 200 }).reduce<unknown>(
      (inner) => ({ type: 'blockquote', content: [inner] }),
      paragraph(text('deep')),
    );
    expect(richTextToParagraphs(null)).toEqual([]);
    expect(richTextToParagraphs(42)).toEqual([]);
    expect(richTextToParagraphs(doc(null, 'x', { type: 'text', text: 5 }, paragraph(text('ok'))))).toEqual(['ok']);
    expect(richTextToParagraphs(deep)).toEqual([]);
    const long = richTextToParagraphs(doc(...Array.from({ length: 50 }, () => paragraph(text('x'.repeat(1000))))));
    expect(long.join('').length).toBe(MAX_TEXT_LENGTH);
  });
});
