import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-report.ts';
import { renderDocx } from './render-docx.ts';
import { goldenBoard, REDACTED_TEXT } from './testing.ts';

// The smallest valid PNG: one transparent pixel.
const PIXEL = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

async function docx(language: 'en' | 'ar', images = true) {
  const { input } = goldenBoard(language);
  const bytes = await renderDocx(extractReport(input), input.t, {
    images: images ? [{ title: 'The whole board', png: PIXEL, width: 4000, height: 1000 }] : [],
  });
  const files = unzipSync(bytes);
  return { files, xml: strFromU8(files['word/document.xml']!) };
}

/** The text of every `<w:p>` whose properties hold `<w:bidi/>`. */
const rtlParagraphs = (xml: string) =>
  [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:bidi\/>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((m) =>
    [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );

describe('renderDocx', () => {
  it('writes a valid Word document whose body is well-formed XML with every section', async () => {
    const { files, xml } = await docx('en');
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']),
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    for (const text of [
      'Welcome to Espoo: newcomers # 1 &lt;b&gt;',
      'Needs identified',
      'Journey 1 › Arrival › Barriers',
      'Waiting months for a residence permit',
      'Priorities',
      'Action plan',
      'City of Espoo, adult education',
      'Open questions and disagreements',
      '-1 Who pays for childcare?',
      'Appendix: pictures of the board',
    ]) {
      expect(xml).toContain(text);
    }
  });

  it('keeps injection attempts as plain text and leaves hidden notes and control characters out', async () => {
    const { xml } = await docx('en');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt; Neighbours helped');
    expect(xml).toContain('Lonely in winter ]]&gt; bell &amp;amp; more');
    expect(xml).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)');
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain(REDACTED_TEXT);
  });

  it('writes Arabic and Persian paragraphs right to left, in an English document too', async () => {
    const { xml } = await docx('en');
    const rtl = rtlParagraphs(xml);
    expect(rtl).toContain('لا أفهم الرسائل من مكتب الهجرة (votes: 5)');
    // The participant's English translation follows in a run of its own.
    expect(rtl).toContain(
      'کلاس زبان برای مادران (@mention) (fa) — Language classes for mothers (@mention), translated by a participant',
    );
    expect(xml).toMatch(/<w:t[^>]*> \(fa\) — Language classes for mothers/);
    expect(rtl.some((text) => text.includes('Waiting months'))).toBe(false);
    expect(xml).toMatch(/<w:rtl\/>(?:(?!<\/w:r>).)*<w:t[^>]*>لا أفهم/s);
  });

  it('writes an Arabic document right to left, tables included', async () => {
    const { xml, files } = await docx('ar');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(rtlParagraphs(xml)).toContain('خطة العمل');
    expect(xml).toContain('<w:bidiVisual/>');
    expect(strFromU8(files['word/styles.xml']!)).toContain('w:bidi="ar-SA"');
  });

  it('puts the board images in the appendix, scaled to the page', async () => {
    const { files, xml } = await docx('en');
    expect(Object.keys(files).filter((name) => name.startsWith('word/media/'))).toHaveLength(1);
    // 600 px wide at 9525 EMU per pixel.
    expect(xml).toContain('cx="5715000"');
    const without = await docx('en', false);
    expect(without.xml).toContain('No picture of the board could be made.');
  });
});
