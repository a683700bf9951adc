import type { Translate } from '@talkoot/templates';
import { cleanText } from './clean-text.ts';
import type { Report } from './report.ts';
import { evidenceText, measureVotes, reportNotesById } from './report-text.ts';

/** Byte order mark: without it Excel reads UTF-8 as the system's legacy code page. */
const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): always quoted, quotes doubled. A field a spreadsheet would run as
 * a formula (`=`, `+`, `-`, `@`, tab or carriage return first) gets a leading `'`, so a note
 * like `=HYPERLINK(…)` stays text (OWASP's advice on CSV injection).
 */
export function csvField(value: string): string {
  const text = cleanText(value);
  // Checked before and after cleaning: cleaning turns a leading CR into a newline.
  const safe = /^[=+\-@\t\r]/.test(value) || /^[=+\-@\t\n]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The action plan for spreadsheets: a header row, then one row per measure with the
 * status in the document's language and the evidence one entry a line. UTF-8 with a BOM,
 * comma-separated, CRLF line ends.
 */
export function renderCsv(report: Report, t: Translate): string {
  const lang = report.language;
  const notes = reportNotesById(report);
  const header = [
    t('export.measure.number'),
    t('export.measure.title'),
    t('export.measure.need'),
    t('export.measure.responsible'),
    t('export.measure.partners'),
    t('export.measure.resources'),
    t('export.measure.start'),
    t('export.measure.end'),
    t('export.measure.indicators'),
    t('export.measure.status'),
    t('export.measure.votes'),
    t('export.measure.evidence'),
  ];
  const rows = report.actionPlan.map((m, i) => [
    String(i + 1),
    m.title,
    m.need,
    m.responsible,
    m.partners,
    m.resources,
    m.start,
    m.end,
    m.indicators,
    t(`export.status.${m.status}`),
    String(measureVotes(m) ?? ''),
    m.evidence.map((e) => evidenceText(e, t, lang, notes)).join('\n'),
  ]);
  return BOM + [header, ...rows].map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
