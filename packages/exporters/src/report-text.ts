import type { Measure } from '@talkoot/action-plan';
import type { Translate } from '@talkoot/templates';
import type { Report, ReportNote } from './report.ts';

/** A date of the report in the document's language (UTC, so every server writes the same). */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A number in the document's language (Persian digits in a Persian document). */
export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}

/** The votes a measure's evidence carries, summed; null without any. */
export function measureVotes(measure: Measure): number | null {
  const counted = measure.evidence.filter((e) => e.votes !== undefined);
  return counted.length === 0 ? null : counted.reduce((sum, e) => sum + (e.votes ?? 0), 0);
}

/** Start and end as one cell: "2027-Q1 – 2027-Q4", or whichever is set. */
export function period(measure: Measure): string {
  return [measure.start, measure.end].filter((p) => p !== '').join(' – ');
}

/** The rows of the participation table: label and count (counts only, never names). */
export function participationRows(report: Report, t: Translate): [string, string][] {
  const p = report.participation;
  const n = (value: number) => formatNumber(value, report.language);
  const rows: [string, string][] = [
    [t('export.participation.facilitators'), n(p.facilitators)],
    [t('export.participation.participants'), n(p.participants)],
    [t('export.participation.observers'), n(p.observers)],
    [t('export.participation.notes'), n(p.notes - p.redactedNotes)],
  ];
  if (p.votes !== null) rows.push([t('export.participation.votes'), n(p.votes)]);
  if (p.redactedNotes > 0) rows.push([t('export.participation.redacted'), n(p.redactedNotes)]);
  if (p.redactedCopies > 0) rows.push([t('export.participation.redacted-copies'), n(p.redactedCopies)]);
  return rows;
}

/** The column headings of the action plan, in table order. */
export function actionPlanHeadings(t: Translate): string[] {
  return [
    t('export.measure.number'),
    t('export.measure.title'),
    t('export.measure.need'),
    t('export.measure.responsible'),
    t('export.measure.partners'),
    t('export.measure.resources'),
    t('export.measure.period'),
    t('export.measure.indicators'),
    t('export.measure.status'),
    t('export.measure.evidence'),
  ];
}

/** One evidence entry as text: the note, its votes and, for a promoted note, its board. */
export function evidenceText(
  evidence: Measure['evidence'][number],
  t: Translate,
  language: string,
  notes?: ReadonlyMap<string, ReportNote>,
): string {
  // The note's language and translations, while the evidence still quotes it as it is.
  const note = notes?.get(evidence.shapeId);
  const parts = [note && note.text === evidence.text ? noteText(note, t, language) : evidence.text];
  if (evidence.votes !== undefined)
    parts.push(`(${t('export.note.votes', { count: formatNumber(evidence.votes, language) })})`);
  if (evidence.source?.boardTitle) parts.push(`(${t('export.note.source', { board: evidence.source.boardTitle })})`);
  return parts.join(' ');
}

/** The cells of one action-plan row, matching {@link actionPlanHeadings}; evidence one entry a line. */
export function actionPlanCells(
  measure: Measure,
  index: number,
  t: Translate,
  language: string,
  notes?: ReadonlyMap<string, ReportNote>,
): string[] {
  return [
    formatNumber(index + 1, language),
    measure.title,
    measure.need,
    measure.responsible,
    measure.partners,
    measure.resources,
    period(measure),
    measure.indicators,
    t(`export.status.${measure.status}`),
    measure.evidence.map((e) => evidenceText(e, t, language, notes)).join('\n'),
  ];
}

/**
 * A note's text in the document: as written when it is in the document's language; else the
 * original with its language, then the translation and who made it ("Kielikurssit iltaisin
 * (fi) — Language courses in the evenings, machine translation"), or just the original.
 */
export function noteText(
  note: Pick<ReportNote, 'text' | 'language' | 'translations'>,
  t: Translate,
  language: string,
): string {
  return note.text + noteTranslationSuffix(note, t, language);
}

/** What {@link noteText} adds after the original: its language and the translation, or nothing. */
export function noteTranslationSuffix(
  note: Pick<ReportNote, 'language' | 'translations'>,
  t: Translate,
  language: string,
): string {
  if (!note.language || note.language === language) return '';
  const translation = note.translations?.[language];
  if (!translation) return ` (${note.language})`;
  return ` (${note.language}) — ${translation.text}, ${t(`export.translation.${translation.by}`)}`;
}

/** Every note of the report by id (for the action plan's evidence). */
export function reportNotesById(report: Report): Map<string, ReportNote> {
  return new Map(report.sections.flatMap((s) => s.groups.flatMap((g) => g.notes)).map((n) => [n.id, n]));
}

/** The suffix a listed note gets: its votes, once revealed and not zero. */
export function noteVotes(note: ReportNote, t: Translate, language: string): string {
  return note.votes ? t('export.note.votes', { count: formatNumber(note.votes, language) }) : '';
}
