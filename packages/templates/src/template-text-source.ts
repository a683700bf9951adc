import type { TemplateParams, TemplateText } from './template-definition.ts';
import { getTemplate } from './templates.ts';
import { talkootOf, type ShapeRecord } from './shape-record.ts';

/**
 * Where a text a template laid out came from: its translation key, the numbers put into it
 * (`Table {{number}}`), and a hint for facilitators shown after it. Stored in a part's
 * `meta.talkoot.text`; the text itself stays in the board's language.
 */
export interface TextSource {
  key: string;
  values?: Record<string, number>;
  hint?: string;
}

/** Only template strings: a forged source can render a real template text, nothing else. */
const TEMPLATE_KEY = /^template(\.[a-z0-9-]+)+$/;

/** The stored form of a template text. */
export function textSourceOf(text: TemplateText): TextSource {
  const values: Record<string, number> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) if (typeof value === 'number') values[name] = value;
  return {
    key: text.key,
    ...(Object.keys(values).length > 0 ? { values } : {}),
    ...(text.hint === undefined ? {} : { hint: text.hint }),
  };
}

/**
 * Reads a stored text source (untrusted: anyone on the board writes shapes). Keys must be
 * `template.*` keys and values finite numbers, so whatever a participant writes into a shape's
 * meta can only make it show one of the templates' own texts, never text of her choosing.
 */
export function parseTextSource(value: unknown): TextSource | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.key !== 'string' || !TEMPLATE_KEY.test(v.key)) return null;
  if (v.hint !== undefined && (typeof v.hint !== 'string' || !TEMPLATE_KEY.test(v.hint))) return null;
  let values: Record<string, number> | undefined;
  if (v.values !== undefined) {
    if (typeof v.values !== 'object' || v.values === null || Array.isArray(v.values)) return null;
    values = {};
    for (const [name, n] of Object.entries(v.values as Record<string, unknown>)) {
      if (typeof n !== 'number' || !Number.isFinite(n) || !/^[a-zA-Z]+$/.test(name)) return null;
      values[name] = n;
    }
  }
  return {
    key: v.key,
    ...(values && Object.keys(values).length > 0 ? { values } : {}),
    ...(typeof v.hint === 'string' ? { hint: v.hint } : {}),
  };
}

/** The largest parameters of a template: its layout then holds every part any board of it can have. */
export function largestParams(templateId: string): TemplateParams | null {
  try {
    const definition = getTemplate(templateId);
    return Object.fromEntries(definition.parameters.map((p) => [p.name, p.max]));
  } catch {
    return null;
  }
}

/** `<template>[@<instance>].<slug>` (a part's or an agenda step's id, without `shape:`). */
export function splitPartId(id: string): { templateId: string; instance?: string; slug: string } | null {
  const dot = id.indexOf('.');
  if (dot <= 0) return null;
  const head = id.slice(0, dot);
  const at = head.indexOf('@');
  return at === -1
    ? { templateId: head, slug: id.slice(dot + 1) }
    : { templateId: head.slice(0, at), instance: head.slice(at + 1), slug: id.slice(dot + 1) };
}

const layoutSources = new Map<string, ReadonlyMap<string, TextSource>>();

/** Every text of a template's layout by slug (a slug's text does not depend on the parameters). */
function layoutTexts(templateId: string): ReadonlyMap<string, TextSource> {
  const cached = layoutSources.get(templateId);
  if (cached) return cached;
  const texts = new Map<string, TextSource>();
  const params = largestParams(templateId);
  if (params) {
    for (const node of getTemplate(templateId).layout(params)) {
      if (node.kind === 'label') {
        texts.set(node.slug, textSourceOf(node.text));
        continue;
      }
      texts.set(node.slug, textSourceOf(node.label));
      for (const child of node.children) {
        const text = child.kind === 'area' ? child.label : child.text;
        if (text) texts.set(child.slug, textSourceOf(text));
      }
    }
  }
  layoutSources.set(templateId, texts);
  return texts;
}

/**
 * The text source of a template part on a board made before sources were stored, recovered
 * from its id (`shape:world-cafe.table-2.question`) and the template it names: deterministic,
 * as ids are derived from the template's slugs. Null for any other shape.
 */
export function recoverShapeTextSource(shapeId: string): TextSource | null {
  if (!shapeId.startsWith('shape:')) return null;
  const part = splitPartId(shapeId.slice('shape:'.length));
  if (!part) return null;
  return layoutTexts(part.templateId).get(part.slug) ?? null;
}

/**
 * The text source of a shape: what its `meta.talkoot.text` says, or for a template part of an
 * older board, what its id says (only when its meta names the same template).
 */
export function shapeTextSource(shape: Pick<ShapeRecord, 'id' | 'meta'>): TextSource | null {
  const talkoot = talkootOf(shape as ShapeRecord);
  if (talkoot.text !== undefined) return parseTextSource(talkoot.text);
  if (typeof talkoot.template !== 'string') return null;
  const part = splitPartId(shape.id.slice('shape:'.length));
  if (!part || part.templateId !== talkoot.template) return null;
  return recoverShapeTextSource(shape.id);
}

/** Where an agenda step's title and instructions came from. */
export interface StepTextSource {
  title: TextSource;
  instructions: TextSource;
}

/**
 * The text sources of an agenda step a template made, from its id
 * (`world-cafe.round-2`, `world-cafe@2.round-2`); null for a step a facilitator added.
 */
export function agendaStepTextSource(stepId: string): StepTextSource | null {
  const part = splitPartId(stepId);
  if (!part) return null;
  const params = largestParams(part.templateId);
  if (!params) return null;
  const step = getTemplate(part.templateId)
    .agenda(params)
    .find((candidate) => candidate.slug === part.slug);
  return step ? { title: textSourceOf(step.title), instructions: textSourceOf(step.instructions) } : null;
}
