import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractReport } from './extract-report.ts';
import { renderDocx } from './render-docx.ts';
import { goldenBoard } from './testing.ts';

/** Debian's `libreoffice-writer` (with `poppler-utils` for reading the PDF), installed by `.ci/run`. */
const present = ['soffice', 'pdftotext', 'pdfinfo'].every(
  (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0,
);
if (!present && process.env.CI === 'true') throw new Error('libreoffice-writer and poppler-utils are not installed');

describe.skipIf(!present)('the DOCX as LibreOffice lays it out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talkoot-docx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The document converted to PDF by LibreOffice: its pages' texts. */
  async function pages(language: 'en' | 'ar') {
    const { input } = goldenBoard(language);
    const file = join(dir, `board-${language}.docx`);
    writeFileSync(file, await renderDocx(extractReport(input), input.t));
    // A profile of its own, so a LibreOffice already running for someone else does not take the job.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
      { timeout: 120_000, stdio: 'ignore' },
    );
    const pdf = file.replace(/\.docx$/, '.pdf');
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    const texts: string[] = [];
    for (let page = 1; page <= count; page++) {
      texts.push(
        execFileSync('pdftotext', ['-f', `${page}`, '-l', `${page}`, '-layout', pdf, '-'], { encoding: 'utf8' }),
      );
    }
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    return { texts, fonts };
  }

  it('opens as a cover, contents with page numbers, the parts an official needs and the plan, numbered pages', async () => {
    const { texts, fonts } = await pages('en');
    expect(texts.length).toBeGreaterThanOrEqual(5);
    expect(texts.length).toBeLessThanOrEqual(12);
    const [cover, contents] = texts;
    expect(cover).toContain('Welcome to Espoo');
    expect(cover).toContain('City of Espoo, integration services');
    expect(cover).toContain('Draft · Version 0.3');
    expect(cover).not.toMatch(/Page \d+ of/);
    expect(contents).toContain('Contents');
    // Entries carry the page their heading is on.
    expect(contents).toMatch(/Executive summary\.+\s*2/);
    expect(contents).toMatch(/Methodology\.+\s*\d/);
    const all = texts.join('\n');
    for (const heading of [
      'Executive summary',
      'Top priorities',
      'Methodology',
      'Voting rules',
      'Limits of representativeness',
      'Needs identified',
      'Action plan',
      'Conclusions and next steps',
    ])
      expect(all, heading).toContain(heading);
    // The plan's rows, with their statuses.
    expect(all).toMatch(/Proposed[\s\S]*Agreed/);
    texts.slice(1).forEach((text, i) => {
      expect(text, `page ${i + 2}`).toContain(`Page ${i + 2} of ${texts.length}`);
      expect(text, `page ${i + 2}`).toContain('Welcome to Espoo: newcomers # 1 <b> — Draft · Version 0.3');
    });
    // The embedded fonts, not a fallback, set the text.
    expect(fonts).toContain('NotoSans-Regular');
    expect(fonts).toContain('NotoSans-Bold');
    expect(fonts).toContain('NotoNaskhArabic-Regular');
  });

  it('lays out an Arabic document with its own headings and page numbers', async () => {
    const { texts, fonts } = await pages('ar');
    expect(texts.length).toBeGreaterThanOrEqual(5);
    expect(texts.length).toBeLessThanOrEqual(12);
    // pdftotext spaces Arabic letters by where the glyphs sit and adds direction marks: compare without either.
    const bare = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    const all = bare(texts.join('\n'));
    for (const heading of ['الملخص التنفيذي', 'المنهجية', 'خطة العمل', 'المحتويات'])
      expect(all, heading).toContain(bare(heading));
    expect(bare(texts[1]!)).toContain(bare('الصفحة'));
    expect(fonts).toContain('NotoNaskhArabic-Bold');
  });
});
