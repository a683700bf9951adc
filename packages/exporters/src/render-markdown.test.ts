import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-report.ts';
import { expectGolden } from './golden.ts';
import { escapeMarkdown, renderMarkdown } from './render-markdown.ts';
import { goldenBoard, REDACTED_TEXT } from './testing.ts';

const render = (language: 'en' | 'ar' = 'en') => {
  const { input } = goldenBoard(language);
  return renderMarkdown(extractReport(input), input.t);
};

describe('renderMarkdown', () => {
  it('writes the strategy document as the golden files show it, in English and Arabic', () => {
    expectGolden('board.en.md', render('en'));
    expectGolden('board.ar.md', render('ar'));
  });

  it('lets no user text become HTML, links, images or table cells', () => {
    const md = render();
    // Every < in the document is escaped (we write no HTML ourselves).
    expect(md.match(/(?<!\\)</g)).toBeNull();
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> Neighbours helped');
    expect(md).toContain('Library \\*language café\\* \\| every \\[Tuesday\\](javascript:alert(1))');
    expect(md).toContain('\\]\\]\\> bell \\&amp; more');
    expect(md).not.toContain('\u0007');
    expect(md).not.toContain(REDACTED_TEXT);
  });

  it('escapes what would start a block at the beginning of a line', () => {
    expect(escapeMarkdown('# title\n- item\n+ more\n1. first\n2) second\n===\n    code')).toBe(
      '\\# title\\\n\\- item\\\n\\+ more\\\n1\\. first\\\n2\\) second\\\n\\===\\\ncode',
    );
    expect(escapeMarkdown('a | b\nc', ' / ')).toBe('a \\| b / c');
  });
});
