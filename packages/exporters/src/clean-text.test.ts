import { describe, expect, it } from 'vitest';
import { cleanText, textDirection } from './clean-text.ts';
import { plainTextOf } from './plain-text.ts';

describe('cleanText', () => {
  it('removes characters XML forbids and keeps every script, emoji and bidi mark', () => {
    expect(cleanText('a\u0000b\u0007c\u000Bd\uFFFEe\uD800f')).toBe('abcdef');
    expect(cleanText('مرحبا \u200F👋🏽 Привет\tok\r\nnext\rline')).toBe('مرحبا \u200F👋🏽 Привет\tok\nnext\nline');
  });
});

describe('textDirection', () => {
  it('follows the first letter, as dir="auto" does', () => {
    expect(textDirection('لا أفهم')).toBe('rtl');
    expect(textDirection('123 کلاس')).toBe('rtl');
    expect(textDirection('@mention کلاس')).toBe('ltr');
    expect(textDirection('Hello مرحبا')).toBe('ltr');
    expect(textDirection('12 + 3', 'rtl')).toBe('rtl');
  });
});

describe('plainTextOf', () => {
  it('reads paragraphs, hard breaks and lists of tldraw rich text', () => {
    const richText = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'One' }, { type: 'hardBreak' }, { type: 'text', text: 'two' }],
        },
        { type: 'paragraph' },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }] }],
        },
      ],
    };
    expect(plainTextOf({ richText })).toBe('One\ntwo\n\nthree');
    expect(plainTextOf({ text: ' legacy ' })).toBe('legacy');
    expect(plainTextOf({ richText: { content: 'nonsense' } })).toBe('');
  });
});
