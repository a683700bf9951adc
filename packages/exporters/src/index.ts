export { readBoardNotes, rankNotes } from './board-notes.ts';
export type { BoardFrame, BoardNote } from './board-notes.ts';
export { cleanText, textDirection } from './clean-text.ts';
export { extractReport } from './extract-report.ts';
export type { ReportInput } from './extract-report.ts';
export { localizeTemplateRecords } from './localize-records.ts';
export { plainTextOf } from './plain-text.ts';
export { renderCsv, csvField } from './render-csv.ts';
export { renderDocx } from './render-docx.ts';
export type { DocxImage } from './render-docx.ts';
export { renderJson } from './render-json.ts';
export { escapeMarkdown, renderMarkdown } from './render-markdown.ts';
export {
  REPORT_FORMAT,
  REPORT_VERSION,
  reportGroupSchema,
  reportNoteSchema,
  reportPrioritySchema,
  reportSchema,
  reportSectionSchema,
} from './report.ts';
export type { Report, ReportGroup, ReportNote, ReportPriority, ReportSection } from './report.ts';
