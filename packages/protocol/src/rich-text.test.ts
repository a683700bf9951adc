import { describe, expect, it } from 'vitest';
import { MAX_RICH_TEXT_DEPTH, plainTextOf, toRichText } from './rich-text.ts';

const text = (value: string) => ({ type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });

describe('plainTextOf', () => {
  it('reads each paragraph on its own line and hard breaks as newlines', () => {
    const doc = {
      type: 'doc',
      content: [paragraph(text('one'), { type: 'hardBreak' }, text('two')), paragraph(text('three'))],
    };
    expect(plainTextOf(doc)).toBe('one\ntwo\nthree');
  });

  it('reads list items as lines and keeps empty paragraphs as empty lines inside the text', () => {
    const list = { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('a'))] }] };
    expect(plainTextOf({ type: 'doc', content: [paragraph(text('x')), { type: 'paragraph' }, list] })).toBe('x\n\na');
  });

  it('is the inverse of toRichText for plain text', () => {
    for (const value of ['', 'one line', 'two\nlines', 'gap\n\nbetween'])
      expect(plainTextOf(toRichText(value))).toBe(value);
  });

  it('skips what is not a node and does not read past the depth limit', () => {
    expect(plainTextOf(null)).toBe('');
    expect(plainTextOf({ type: 'doc', content: [null, 7, paragraph(text('ok'), { type: 'text', text: 5 })] })).toBe(
      'ok',
    );
    let deep: unknown = paragraph(text('hidden'));
    for (let i = 0; i < MAX_RICH_TEXT_DEPTH + 5; i++) deep = { type: 'blockquote', content: [deep] };
    expect(plainTextOf({ type: 'doc', content: [deep] })).toBe('');
  });
});
