import type { LocationTags } from '@talkoot/action-plan';
import { getTemplate, type TemplateDefinition, type Translate } from '@talkoot/templates';

/** Tags that say which template a part belongs to, not where in it. */
const TEMPLATE_KEYS = new Set(['template', 'templateVersion', 'instance']);

/** A note's place reduced to what its template groups by (see `readBack.groupBy`). */
export interface Place {
  /** The grouping tags in order, e.g. `[['journey', 1], ['stage', 'arrival'], ['lane', 'barriers']]`. */
  tags: [string, string | number][];
  /** Stable key of those tags: `journey=1|stage=arrival|lane=barriers`. */
  key: string;
}

const definitionOf = (templateId: unknown): TemplateDefinition | null => {
  if (typeof templateId !== 'string') return null;
  try {
    return getTemplate(templateId);
  } catch {
    return null;
  }
};

const orders = new Map<string, Map<string, number>>();

/**
 * Position of each tag value in the template's own layout (`stage=arrival` comes before
 * `stage=first-weeks`), laid out with every parameter at its maximum so all values occur.
 */
function layoutOrder(definition: TemplateDefinition): Map<string, number> {
  let order = orders.get(definition.id);
  if (!order) {
    order = new Map();
    const params = Object.fromEntries(definition.parameters.map((p) => [p.name, p.max]));
    const seen = order;
    const visit = (tags: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(tags)) if (!seen.has(`${k}=${v}`)) seen.set(`${k}=${v}`, seen.size);
    };
    for (const node of definition.layout(params)) {
      visit(node.tags);
      if (node.kind === 'frame') for (const child of node.children) visit(child.tags);
    }
    orders.set(definition.id, order);
  }
  return order;
}

/**
 * The place a note is grouped under: the template's `groupBy` tags it has, plus its `part`
 * when the part is not already named by one of them (a persona area, the harvest, the ideas
 * frame), so notes of different parts never share a group.
 */
export function placeOf(location: LocationTags): Place {
  const definition = definitionOf(location.template);
  const groupBy = definition?.readBack.groupBy ?? ['part'];
  const tags: [string, string | number][] = [];
  for (const key of groupBy) {
    const value = location[key];
    if (value === undefined || (key === 'part' && location[String(value)] !== undefined)) continue;
    tags.push([key, value]);
  }
  const part = location.part;
  if (!groupBy.includes('part') && part !== undefined && location[String(part)] === undefined) {
    tags.push(['part', part]);
    // A named area inside the part (the harvest's themes, surprises, questions).
    for (const [key, value] of Object.entries(location)) {
      if (!TEMPLATE_KEYS.has(key) && key !== 'part' && !groupBy.includes(key)) tags.push([key, value]);
    }
  }
  return { tags, key: tags.map(([k, v]) => `${k}=${v}`).join('|') };
}

/** Orders places as the template lays them out: numbers by value, names by layout position. */
export function comparePlaces(templateId: string | null, a: Place, b: Place): number {
  const definition = definitionOf(templateId);
  const order = definition ? layoutOrder(definition) : new Map<string, number>();
  const length = Math.max(a.tags.length, b.tags.length);
  for (let i = 0; i < length; i++) {
    const x = a.tags[i];
    const y = b.tags[i];
    if (!x || !y) return x ? 1 : -1;
    if (typeof x[1] === 'number' && typeof y[1] === 'number' && x[0] === y[0]) {
      if (x[1] !== y[1]) return x[1] - y[1];
      continue;
    }
    const ox = order.get(`${x[0]}=${x[1]}`) ?? Number.MAX_SAFE_INTEGER;
    const oy = order.get(`${y[0]}=${y[1]}`) ?? Number.MAX_SAFE_INTEGER;
    if (ox !== oy) return ox - oy;
    const sx = `${x[0]}=${x[1]}`;
    const sy = `${y[0]}=${y[1]}`;
    if (sx !== sy) return sx < sy ? -1 : 1;
  }
  return 0;
}

/** `t`, or null when the locale files have no such key (i18next answers with the key). */
const lookup = (t: Translate, key: string, values?: Record<string, string | number>): string | null => {
  const text = t(key, values);
  return text === key ? null : text;
};

/**
 * Readable name of one tag of a template part in the export's language, from the
 * template's own texts: `template.<id>.<tag>.<value>` ("Arrival"), `template.<id>.<value>`
 * ("Ideas and needs"), `template.<id>.<tag>` with the number ("Table 3"). Instructions that
 * follow a colon in a part's label are left out ("Persona (anonymous): age group…").
 */
function tagLabel(templateId: string, key: string, value: string | number, part: unknown, t: Translate): string {
  const base = `template.${templateId}`;
  const found =
    lookup(t, `${base}.${key}.${value}`) ??
    (typeof part === 'string' && key !== 'part' ? lookup(t, `${base}.${part}.${value}`) : null) ??
    lookup(t, `${base}.${value}`) ??
    (typeof value === 'number' ? lookup(t, `${base}.${key}`, { number: value }) : null);
  if (found === null) return `${key} ${value}`;
  if (key !== 'part') return found;
  const colon = found.search(/[:：]/);
  return colon > 0 ? found.slice(0, colon).trim() : found;
}

/** The name of a place, e.g. "Journey 1 › Arrival › Barriers"; empty for a place without tags. */
export function placeLabel(location: LocationTags, place: Place, t: Translate): string {
  const templateId = typeof location.template === 'string' ? location.template : '';
  return place.tags.map(([key, value]) => tagLabel(templateId, key, value, location.part, t)).join(' › ');
}

/** The translated name of a template, with the copy's number for a method added later. */
export function templateName(templateId: string, instance: string | null, t: Translate): string {
  const definition = definitionOf(templateId);
  const name = definition ? t(definition.nameKey) : templateId;
  return instance === null ? name : `${name} (${instance})`;
}
