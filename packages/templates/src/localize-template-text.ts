import { agendaStepTextSource, type TextSource } from './template-text-source.ts';
import type { Translate } from './to-tldraw-records.ts';

/** Who reads a board's template texts, and in which language. */
export interface TemplateTextReader {
  /** Resolves keys in the reader's language (or an export's document language). */
  t: Translate;
  /**
   * Resolves keys in each language a board can be written in: a stored text equal to one of
   * these renderings is still the template's (a board's language may be any of them).
   */
  canonical: readonly Translate[];
  /** Facilitators see the template's hints ("The facilitator can change this question."). */
  showHints: boolean;
}

const render = (t: Translate, source: TextSource): string | null => {
  const text = t(source.key, source.values);
  // i18next answers a missing key with the key itself.
  return text === source.key ? null : text;
};

/**
 * Whether `stored` is still the template's own text in some language, i.e. nobody rewrote it.
 * Boards made before hints were split off stored the text followed by its hint; that counts too.
 */
export function isTemplateRendering(stored: string, source: TextSource, canonical: readonly Translate[]): boolean {
  const text = stored.trim();
  for (const t of canonical) {
    const rendering = render(t, source);
    if (rendering === null) continue;
    if (text === rendering.trim()) return true;
    if (source.hint !== undefined && text === `${rendering} ${t(source.hint)}`.trim()) return true;
  }
  return false;
}

/**
 * The one rule for showing a text a template laid out: while the stored text is still the
 * template's (in whatever language the board was written), the reader sees the template's
 * text in her own language, followed by its hint for facilitators; once someone rewrote it,
 * it is their content and shown as written. Without a source, the stored text as is.
 */
export function localizeTemplateText(stored: string, source: TextSource | null, reader: TemplateTextReader): string {
  if (source === null || !isTemplateRendering(stored, source, reader.canonical)) return stored;
  const text = render(reader.t, source);
  if (text === null) return stored;
  if (!reader.showHints || source.hint === undefined) return text;
  const hint = reader.t(source.hint);
  return hint === source.hint ? text : `${text} ${hint}`;
}

/** An agenda step with its title and instructions as this reader sees them (see {@link localizeTemplateText}). */
export function localizeAgendaStep<S extends { id: string; title: string; instructions: string }>(
  step: S,
  reader: TemplateTextReader,
): S {
  const source = agendaStepTextSource(step.id);
  if (!source) return step;
  const title = localizeTemplateText(step.title, source.title, reader);
  const instructions = localizeTemplateText(step.instructions, source.instructions, reader);
  return title === step.title && instructions === step.instructions ? step : { ...step, title, instructions };
}
