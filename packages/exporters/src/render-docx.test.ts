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
    expect(without.xml).not.toContain('Appendix: pictures of the board');
  });

  it('opens with a cover of the facilitator’s fields, then contents filled in with page numbers', async () => {
    const { xml } = await docx('en');
    const cover = xml.slice(0, xml.indexOf('w:type="page"'));
    for (const text of [
      'City of Espoo, integration services',
      'February 16, 2027',
      'Sello library, Espoo',
      'Draft · Version 0.3',
    ])
      expect(cover).toContain(text);
    expect(xml).not.toContain('Board created on');
    expect(xml).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    // Entries link to their headings and carry a page number.
    expect(xml).toMatch(
      /<w:hyperlink[^>]*w:anchor="_Toc\d+"[^>]*>(?:(?!<\/w:hyperlink>).)*Executive summary(?:(?!<\/w:hyperlink>).)*<w:t[^>]*>2<\/w:t>/s,
    );
  });

  it('has a running header and page numbers on every page but the cover', async () => {
    const { files } = await docx('en');
    const headers = Object.keys(files)
      .filter((name) => /^word\/header\d+\.xml$/.test(name))
      .map((name) => strFromU8(files[name]!));
    const footers = Object.keys(files)
      .filter((name) => /^word\/footer\d+\.xml$/.test(name))
      .map((name) => strFromU8(files[name]!));
    expect(headers.some((h) => h.includes('Welcome to Espoo: newcomers # 1 &lt;b&gt; — Draft · Version 0.3'))).toBe(
      true,
    );
    expect(footers.some((f) => f.includes('PAGE') && f.includes('NUMPAGES') && f.includes('Page '))).toBe(true);
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toMatch(/<w:headerReference w:type="first"/);
  });

  it('sets Noto Sans and Noto Naskh Arabic at 11 pt, embedded, with headings kept with the next paragraph', async () => {
    const { files } = await docx('en');
    const styles = strFromU8(files['word/styles.xml']!);
    expect(styles).toMatch(
      /<w:rFonts w:ascii="Noto Sans" w:cs="Noto Naskh Arabic" w:eastAsia="Noto Sans" w:hAnsi="Noto Sans"\/>/,
    );
    expect(styles).toContain('<w:sz w:val="22"/>');
    expect(styles).toMatch(/<w:spacing w:after="120" w:line="276" w:lineRule="auto"\/>/);
    for (const style of ['Heading1', 'Heading2', 'Heading3']) {
      expect(styles).toMatch(new RegExp(`w:styleId="${style}"(?:(?!</w:style>).)*<w:keepNext/>`, 's'));
    }
    const fontTable = strFromU8(files['word/fontTable.xml']!);
    expect(fontTable).toMatch(/w:name="Noto Sans"(?:(?!<\/w:font>).)*<w:embedRegular(?:(?!<\/w:font>).)*<w:embedBold/s);
    expect(fontTable).toMatch(/w:name="Noto Naskh Arabic"(?:(?!<\/w:font>).)*<w:embedRegular/s);
    expect(Object.keys(files).filter((name) => name.startsWith('word/fonts/')).length).toBe(4);
  });

  it('holds an executive summary and a methodology with the voting rules, and conclusions', async () => {
    const { xml: whole } = await docx('en');
    // After the contents, which list the headings too.
    const xml = whole.slice(whole.indexOf('</w:sdt>'));
    const order = [
      'Executive summary',
      'Newcomers named waiting',
      'Top priorities',
      'Who took part',
      'Key disagreements',
      'Methodology',
      'Total time: 90 min',
      'Votes per person: 5.',
      'The ballot was anonymous',
      'English (notes: 14)',
      'Limits of representativeness',
      'they were not chosen to represent all residents',
      'Needs identified',
      'Conclusions and next steps',
      'present the plan to the council in April',
    ].map((text) => xml.indexOf(text));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('leaves out what has nothing to say: no plan page, dialogue or conclusions on a board without them', async () => {
    const { input } = goldenBoard('en');
    const bare = {
      ...input,
      actionPlan: [],
      records: [...input.records].filter((r) => !JSON.stringify(r).includes('dialogue-record')),
      session: { ...input.session, document: { ...input.session.document!, conclusions: '' } },
    };
    const xml = strFromU8(unzipSync(await renderDocx(extractReport(bare), bare.t))['word/document.xml']!);
    expect(xml).not.toContain('w:orient="landscape"');
    expect(xml).not.toContain('Action plan');
    expect(xml).not.toContain('Open questions and disagreements');
    expect(xml).not.toContain('The dialogue records have no open questions');
    expect(xml).not.toContain('Key disagreements');
    expect(xml).not.toContain('Conclusions and next steps');
    expect(xml).toContain('Needs identified');
  });
});
