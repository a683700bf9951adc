import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractReport, type ReportInput } from './extract-report.ts';
import { renderCsv } from './render-csv.ts';
import { renderDocx } from './render-docx.ts';
import { renderJson } from './render-json.ts';
import { renderMarkdown } from './render-markdown.ts';
import { FAR_REDACTED_TEXT, goldenBoard, REDACTED_TEXT } from './testing.ts';

/** Pieces of the hidden texts a leak would show even if cut or re-wrapped. */
const SECRETS = [REDACTED_TEXT, '040 123 4567', FAR_REDACTED_TEXT, 'Kivikatu'];

/** Every format as text: the DOCX unzipped, part by part. */
async function everyFormat(input: ReportInput): Promise<Record<string, string>> {
  const report = extractReport(input);
  const parts = unzipSync(await renderDocx(report, input.t));
  return {
    md: renderMarkdown(report, input.t),
    csv: renderCsv(report, input.t),
    json: renderJson(report),
    ...Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [`docx:${name}`, strFromU8(bytes)])),
  };
}

describe('hiding a note', () => {
  it('hides its harvest copy and a need copied from a note hidden on another board, in every format', async () => {
    for (const language of ['en', 'ar'] as const) {
      const formats = await everyFormat(goldenBoard(language).input);
      expect(Object.keys(formats).filter((name) => name.startsWith('docx:')).length).toBeGreaterThan(5);
      for (const [format, text] of Object.entries(formats)) {
        for (const secret of SECRETS) expect(text, `${language} ${format}`).not.toContain(secret);
      }
    }
  });

  it('shows the copies when nothing is hidden, so the check above can fail', async () => {
    const { input } = goldenBoard('en');
    const formats = await everyFormat({
      ...input,
      session: { ...input.session, redactedShapeIds: [] },
      hiddenElsewhere: new Map(),
    });
    for (const format of ['md', 'csv', 'json', 'docx:word/document.xml']) {
      expect(formats[format], format).toContain(REDACTED_TEXT);
      expect(formats[format], format).toContain(FAR_REDACTED_TEXT);
    }
  });

  it('counts the copies among the hidden notes and leaves their votes out of the ranking and the plan', () => {
    const { input } = goldenBoard('en');
    const report = extractReport(input);
    expect(report.participation).toMatchObject({ redactedNotes: 3, redactedCopies: 2 });
    const ids = report.priorities.map((p) => p.note.id);
    expect(ids).not.toContain('shape:secret-copy');
    expect(ids).not.toContain('shape:far-copy');
    const evidence = report.actionPlan.flatMap((m) => m.evidence.map((e) => e.shapeId));
    expect(evidence).not.toContain('shape:secret-copy');
    expect(evidence).not.toContain('shape:far');
    expect(renderMarkdown(report, input.t)).toContain('Of these, copies of hidden notes');
  });
});
