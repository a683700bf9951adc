import { describe, expect, it } from 'vitest';
import { isRtl, measureText, renderTextLines, wrapParagraphs, type TextBox } from './text-layout.ts';
import { escapeXml } from './xml.ts';

const box: TextBox = {
  x: 0,
  y: 0,
  w: 200,
  h: null,
  fontSize: 20,
  color: '#000',
  align: 'start',
  verticalAlign: 'start',
};

describe('isRtl', () => {
  it('follows the first strong character of a paragraph', () => {
    expect(isRtl('مرحبا hello')).toBe(true);
    expect(isRtl('سلام، خوش آمدید')).toBe(true); // Persian
    expect(isRtl('שלום')).toBe(true);
    expect(isRtl('123 — مرحبا')).toBe(true); // digits and punctuation are weak
    expect(isRtl('hello مرحبا')).toBe(false);
    expect(isRtl('Привет')).toBe(false);
    expect(isRtl('')).toBe(false);
  });
});

describe('wrapParagraphs', () => {
  it('breaks at spaces so no line is wider than the box', () => {
    const lines = wrapParagraphs(['Nobody explained how the residence permit works at all'], 20, 200);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureText(line.text, 20)).toBeLessThanOrEqual(200);
    expect(lines.map((l) => l.text).join(' ')).toBe('Nobody explained how the residence permit works at all');
  });

  it('breaks a word longer than the box inside the word', () => {
    const lines = wrapParagraphs(['Aufenthaltsgenehmigungsverlängerungsantrag'], 20, 100);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => l.text).join('')).toBe('Aufenthaltsgenehmigungsverlängerungsantrag');
  });

  it('keeps newlines and blank lines, and gives each line its paragraph direction', () => {
    expect(wrapParagraphs(['one\ntwo', '', 'ثلاثة'], 20, null)).toEqual([
      { text: 'one', rtl: false },
      { text: 'two', rtl: false },
      { text: '', rtl: false },
      { text: 'ثلاثة', rtl: true },
    ]);
  });
});

describe('renderTextLines', () => {
  it('gives a centred right-to-left line direction="rtl" and a right-to-left embedding', () => {
    const svg = renderTextLines([{ text: 'لم أجد دروس اللغة', rtl: true }], { ...box, align: 'middle' });
    expect(svg).toContain('direction="rtl"');
    expect(svg).toContain('text-anchor="middle"');
    expect(svg).toContain('&#x202B;لم أجد دروس اللغة&#x202C;');
  });

  it('anchors a start-aligned right-to-left line at the right edge, as tldraw does with dir="auto"', () => {
    const svg = renderTextLines([{ text: 'ماذا حدث', rtl: true }], { ...box, x: 10, w: 100 });
    expect(svg).toMatch(/<text x="110" [^>]*text-anchor="end"/);
    expect(renderTextLines([{ text: 'What happened', rtl: false }], { ...box, x: 10, w: 100 })).toMatch(
      /<text x="10" y="[\d.]+">What happened</,
    );
  });

  it('drops lines that do not fit a fixed height and ends the last one with an ellipsis', () => {
    const lines = wrapParagraphs(['a b c d e f g h i j k l m n o p q r s t u v w x y z'.repeat(3)], 20, 60);
    const svg = renderTextLines(lines, { ...box, w: 60, h: 60 });
    expect(svg.match(/<text /g)).toHaveLength(2);
    expect(svg).toContain('\u2026</text>');
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml('<script>&]]>"\'')).toBe('&lt;script&gt;&amp;]]&gt;&quot;&apos;');
    expect(escapeXml('a\u0000b\u0008c\uD800d\uFFFEe\tf😀')).toBe('abcde\tf😀');
  });
});
