import type { TemplateId, TemplateListResponse } from '@talkoot/protocol';
import { blank } from './definitions/blank.ts';
import { dialogueRecord } from './definitions/dialogue-record.ts';
import { journeyMap } from './definitions/journey-map.ts';
import { prioritisation } from './definitions/prioritisation.ts';
import { stakeholderMap } from './definitions/stakeholder-map.ts';
import { worldCafe } from './definitions/world-cafe.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** Every template, by id, in the order a picker lists them. */
export const TEMPLATES: Readonly<Record<TemplateId, TemplateDefinition>> = {
  blank,
  'world-cafe': worldCafe,
  'journey-map': journeyMap,
  prioritisation,
  'stakeholder-map': stakeholderMap,
  'dialogue-record': dialogueRecord,
};

/** Thrown for a template id that is not in {@link TEMPLATES}. */
export class UnknownTemplateError extends Error {
  readonly reason = 'unknown-template';
  constructor(id: string) {
    super(`unknown template: ${id}`);
    this.name = 'UnknownTemplateError';
  }
}

/** The template with this id; throws {@link UnknownTemplateError} for any other string. */
export function getTemplate(id: string): TemplateDefinition {
  if (!Object.hasOwn(TEMPLATES, id)) throw new UnknownTemplateError(id);
  return TEMPLATES[id as TemplateId];
}

/** The templates as `GET /api/templates` lists them: ids, versions, keys and parameters. */
export function listTemplates(): TemplateListResponse['templates'] {
  return Object.values(TEMPLATES).map((t) => ({
    id: t.id,
    version: t.version,
    nameKey: t.nameKey,
    descriptionKey: t.descriptionKey,
    parameters: t.parameters.map((p) => ({ ...p })),
  }));
}
