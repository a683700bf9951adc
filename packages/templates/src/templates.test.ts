import { RESOURCES } from '@talkoot/locales';
import { TEMPLATE_IDS } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import {
  templateAgendaSchema,
  templateDefinitionSchema,
  templateLayoutSchema,
  type TemplateDefinition,
} from './template-definition.ts';
import { getTemplate, listTemplates, TEMPLATES, UnknownTemplateError } from './templates.ts';

/** Every translation key a template uses with the given parameters. */
function keysOf(definition: TemplateDefinition, params: Record<string, number>): Set<string> {
  const keys = new Set([
    definition.nameKey,
    definition.descriptionKey,
    ...definition.parameters.map((p) => p.labelKey),
  ]);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'key' && typeof v === 'string') keys.add(v);
        else walk(v);
      }
    }
  };
  walk(definition.layout(params));
  walk(definition.agenda(params));
  return keys;
}

const extremes = (definition: TemplateDefinition) => [
  Object.fromEntries(definition.parameters.map((p) => [p.name, p.min])),
  Object.fromEntries(definition.parameters.map((p) => [p.name, p.default])),
  Object.fromEntries(definition.parameters.map((p) => [p.name, p.max])),
];

describe('TEMPLATES', () => {
  it('holds exactly the template ids of the HTTP contract', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_IDS].sort());
    for (const [id, definition] of Object.entries(TEMPLATES)) expect(definition.id).toBe(id);
  });

  for (const definition of Object.values(TEMPLATES)) {
    describe(definition.id, () => {
      it('is a valid definition', () => {
        const { layout: _layout, agenda: _agenda, ...data } = definition;
        expect(templateDefinitionSchema.safeParse(data).error).toBeUndefined();
      });

      it('lays out a valid board and agenda at its smallest, default and largest parameters', () => {
        for (const params of extremes(definition)) {
          expect(templateLayoutSchema.safeParse(definition.layout(params)).error).toBeUndefined();
          expect(templateAgendaSchema.safeParse(definition.agenda(params)).error).toBeUndefined();
        }
      });

      it('gives every part a unique slug', () => {
        for (const params of extremes(definition)) {
          const slugs = definition
            .layout(params)
            .flatMap((node) => [node.slug, ...(node.kind === 'frame' ? node.children.map((c) => c.slug) : [])]);
          expect(new Set(slugs).size).toBe(slugs.length);
        }
      });

      it('has a text for every key in English, Finnish and Arabic', () => {
        const keys = new Set(extremes(definition).flatMap((params) => [...keysOf(definition, params)]));
        for (const language of ['en', 'fi', 'ar']) {
          const missing = [...keys].filter((key) => !RESOURCES[language]?.[key]);
          expect(missing, language).toEqual([]);
        }
      });
    });
  }
});

describe('getTemplate', () => {
  it('refuses an unknown id, including inherited property names', () => {
    expect(() => getTemplate('mind-map')).toThrow(UnknownTemplateError);
    expect(() => getTemplate('toString')).toThrow(UnknownTemplateError);
  });
});

describe('listTemplates', () => {
  it('lists each template with its parameters and their ranges', () => {
    const cafe = listTemplates().find((t) => t.id === 'world-cafe');
    expect(cafe).toMatchObject({ version: 1, nameKey: 'template.world-cafe.name' });
    expect(cafe?.parameters).toContainEqual({
      name: 'tables',
      type: 'integer',
      labelKey: 'template.param.tables',
      default: 4,
      min: 2,
      max: 12,
    });
    expect(listTemplates().map((t) => t.id)).toHaveLength(TEMPLATE_IDS.length);
  });
});
