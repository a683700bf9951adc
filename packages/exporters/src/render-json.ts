import { type Report, reportSchema } from './report.ts';

/**
 * The complete export as JSON (see {@link reportSchema}; documented in the README): checked
 * against the schema first, so a reader can rely on it, pretty-printed, UTF-8.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(reportSchema.parse(report), null, 2)}\n`;
}
