import { fitLayoutText } from './fit-layout-text.ts';
import type { AgendaStep } from '@talkoot/protocol';
import type { TLRecord } from '@tldraw/tlschema';
import { templateAgendaSchema, templateLayoutSchema, type TemplateParams } from './template-definition.ts';
import { parseTemplateParams } from './template-params.ts';
import { getTemplate } from './templates.ts';
import {
  baseRecords,
  layoutToRecords,
  TEMPLATE_SCHEMA,
  type TemplatePlacement,
  type Translate,
} from './to-tldraw-records.ts';

/** What a new board gets from its template. */
export interface TemplateInstance {
  templateId: string;
  templateVersion: number;
  /** The language every text was resolved in. */
  language: string;
  /** The parameters used, defaults filled in. */
  params: TemplateParams;
  /** Document, page and shape records, to write into the board doc's `tl_records` by id. */
  records: TLRecord[];
  /** The schema the records are written in, for `tl_meta.schema`. */
  schema: ReturnType<typeof TEMPLATE_SCHEMA.serialize>;
  /** The facilitation plan, ready for the session's `agenda.set`. */
  agenda: AgendaStep[];
}

/**
 * Builds a board from a template (or, with `placement`, one more method on a board that has
 * content: shapes moved to `placement` and ids tagged with its instance), in one language: checks the parameters (throwing
 * `TemplateParamsError`, or `UnknownTemplateError` for an unknown id), lays the template out
 * and turns it into valid tldraw records and agenda steps, with every text resolved by `t`.
 * Pure: the same input gives the same records (ids are derived from the template's parts).
 */
export function instantiateTemplate(
  id: string,
  params: unknown,
  options: { language: string; t: Translate; placement?: TemplatePlacement },
): TemplateInstance {
  const definition = getTemplate(id);
  const resolved = parseTemplateParams(definition, params);
  // Builders are code; parsing their output keeps a broken layout from reaching a board.
  const layout = templateLayoutSchema.parse(definition.layout(resolved));
  const agenda = templateAgendaSchema.parse(definition.agenda(resolved));
  const t = options.t;
  return {
    templateId: definition.id,
    templateVersion: definition.version,
    language: options.language,
    params: resolved,
    records: [...baseRecords(t), ...layoutToRecords(definition, fitLayoutText(layout, t), t, options.placement)],
    schema: TEMPLATE_SCHEMA.serialize(),
    agenda: agenda.map((step) => ({
      id: `${definition.id}${options.placement ? `@${options.placement.instance}` : ''}.${step.slug}`.slice(0, 64),
      title: t(step.title.key, step.title.values).slice(0, 120),
      instructions: t(step.instructions.key, step.instructions.values).slice(0, 2000),
      durationMinutes: step.durationMinutes,
    })),
  };
}
