import type { Translate } from '@talkoot/templates';
import { cleanText } from './clean-text.ts';
import type { Report, ReportNote } from './report.ts';
import {
  actionPlanCells,
  actionPlanHeadings,
  formatDate,
  formatNumber,
  noteText,
  noteVotes,
  participationRows,
  reportNotesById,
} from './report-text.ts';

/**
 * Markdown punctuation that can start markup anywhere in a line, plus `&` (entities) and `<`
 * (raw HTML, autolinks): backslash-escaped, which CommonMark allows for any ASCII punctuation.
 */
const INLINE = /[\\`*_[\]<>|~&#!]/g;

/**
 * User text as literal Markdown: no emphasis, links, images, HTML or table breaks can come out
 * of it. Leading spaces are dropped and a line that would start a list, quote, heading or
 * setext underline (`- `, `+`, `1.`, `=`) is escaped. Lines are joined with `joiner`.
 */
export function escapeMarkdown(text: string, joiner = '\\\n'): string {
  return cleanText(text)
    .split('\n')
    .map((line) =>
      line
        .trimStart()
        .replace(INLINE, '\\$&')
        .replace(/^([-+=])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .filter((line, i, lines) => line !== '' || (i > 0 && i < lines.length - 1))
    .join(joiner);
}

const cell = (text: string) => escapeMarkdown(text, ' / ') || ' ';
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;

function table(headings: string[], rows: string[][]): string[] {
  return [row(headings), `|${headings.map(() => ' --- ').join('|')}|`, ...rows.map(row)];
}

function noteItem(note: ReportNote, t: Translate, language: string): string {
  const votes = noteVotes(note, t, language);
  // Continuation lines of a list item are indented to its text.
  return `- ${escapeMarkdown(noteText(note, t, language), '\\\n  ')}${votes ? ` (${escapeMarkdown(votes, ' ')})` : ''}`;
}

/**
 * The strategy document as Markdown (CommonMark with GFM tables): the same sections as the
 * DOCX but the board images. User text is escaped, so nothing in a note can become markup or
 * raw HTML; our own markup is headings, lists, tables and emphasis.
 */
export function renderMarkdown(report: Report, t: Translate): string {
  const lang = report.language;
  const notes = reportNotesById(report);
  const out: string[] = [];
  const heading = (level: number, text: string) =>
    out.push('', `${'#'.repeat(level)} ${escapeMarkdown(text, ' ')}`, '');

  out.push(`# ${escapeMarkdown(report.board.title, ' ')}`, '', `*${escapeMarkdown(t('export.subtitle'), ' ')}*`, '');
  out.push(
    `${escapeMarkdown(t('export.workshop-date', { date: formatDate(report.board.createdAt, lang) }), ' ')}  `,
    escapeMarkdown(t('export.generated', { date: formatDate(report.generatedAt, lang) }), ' '),
  );

  heading(2, t('export.heading.method'));
  for (const template of report.method.templates) out.push(`- ${escapeMarkdown(template.name, ' ')}`);
  if (report.method.agenda.length > 0) {
    out.push('', `**${escapeMarkdown(t('export.method.agenda'), ' ')}**`, '');
    report.method.agenda.forEach((step, i) => {
      const text =
        step.durationMinutes === null
          ? step.title
          : t('export.method.step', { title: step.title, minutes: formatNumber(step.durationMinutes, lang) });
      out.push(`${i + 1}. ${escapeMarkdown(text, ' ')}`);
    });
  }

  heading(2, t('export.heading.participation'));
  out.push(...table([t('export.participation.what'), t('export.participation.count')], participationRows(report, t)));
  out.push('');
  if (report.people) {
    out.push(`**${escapeMarkdown(t('export.participation.people'), ' ')}**`, '');
    for (const person of report.people) {
      out.push(
        `- ${escapeMarkdown(person.displayName, ' ')} (${escapeMarkdown(t(`export.role.${person.role}`), ' ')})`,
      );
    }
  } else {
    out.push(escapeMarkdown(t('export.participation.no-names'), ' '));
  }

  heading(2, t('export.heading.needs'));
  if (report.sections.length === 0) out.push(escapeMarkdown(t('export.needs.empty'), ' '));
  for (const section of report.sections) {
    heading(3, section.title);
    for (const group of section.groups) {
      if (group.label !== section.title) heading(4, group.label);
      for (const note of group.notes) out.push(noteItem(note, t, lang));
    }
  }

  heading(2, t('export.heading.priorities'));
  if (report.participation.voting !== 'revealed') out.push(escapeMarkdown(t('export.priorities.not-revealed'), ' '));
  else if (report.priorities.length === 0) out.push(escapeMarkdown(t('export.priorities.none'), ' '));
  else {
    out.push(
      ...table(
        [
          t('export.priorities.rank'),
          t('export.priorities.votes'),
          t('export.priorities.note'),
          t('export.priorities.place'),
        ],
        report.priorities.map((p) => [
          formatNumber(p.rank, lang),
          formatNumber(p.votes, lang),
          noteText(p.note, t, lang),
          p.note.place,
        ]),
      ),
    );
  }

  heading(2, t('export.heading.action-plan'));
  if (report.actionPlan.length === 0) out.push(escapeMarkdown(t('export.action-plan.empty'), ' '));
  else
    out.push(
      ...table(
        actionPlanHeadings(t),
        report.actionPlan.map((m, i) => actionPlanCells(m, i, t, lang, notes)),
      ),
    );

  heading(2, t('export.heading.dialogue'));
  const { disagreements, openQuestions } = report.dialogue;
  if (disagreements.length === 0 && openQuestions.length === 0)
    out.push(escapeMarkdown(t('export.dialogue.empty'), ' '));
  if (disagreements.length > 0) {
    heading(3, t('export.dialogue.disagreements'));
    for (const note of disagreements) out.push(noteItem(note, t, lang));
  }
  if (openQuestions.length > 0) {
    heading(3, t('export.dialogue.open-questions'));
    for (const note of openQuestions) out.push(noteItem(note, t, lang));
  }

  out.push('', '---', '', `*${escapeMarkdown(t('export.footer'), ' ')}*`);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
