import { RESOURCES, SOURCE_LANGUAGE } from '@talkoot/locales';
import { TL_META_MAP, TL_RECORDS_MAP, TL_SCHEMA_KEY } from '@talkoot/protocol';
import type { RoomManager } from '@talkoot/sync';
import {
  getTemplate,
  instantiateTemplate,
  parseTemplateParams,
  TemplateParamsError,
  type TemplateInstance,
  type Translate,
} from '@talkoot/templates';
import i18next, { type i18n } from 'i18next';
import { ApiError } from './api-error.ts';
import type { SessionService } from './session-service.ts';

const translators = new Map<string, Translate>();

/** i18next over the locale files, one instance per language, falling back to English. */
export function templateTranslator(language: string): Translate {
  let t = translators.get(language);
  if (!t) {
    const instance: i18n = i18next.createInstance();
    void instance.init({
      resources: Object.fromEntries(Object.entries(RESOURCES).map(([lng, strings]) => [lng, { translation: strings }])),
      lng: language,
      fallbackLng: SOURCE_LANGUAGE,
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    // Keys come from template definitions (checked by their tests), not the web app's typed keys.
    const fixed = instance.getFixedT(language) as unknown as (key: string, options: object) => string;
    t = (key, values) => fixed(key, { ...values });
    translators.set(language, t);
  }
  return t;
}

/**
 * Checks a board's template parameters before the board is stored, so a bad request creates
 * nothing (400 `invalid-body` listing each bad parameter).
 */
export function checkTemplateParams(templateId: string, params: unknown): void {
  try {
    parseTemplateParams(getTemplate(templateId), params);
  } catch (error) {
    if (error instanceof TemplateParamsError) {
      throw new ApiError(400, 'invalid-body', `Invalid request body: ${error.message}`, [...error.issues]);
    }
    throw error;
  }
}

/**
 * Lays a new board out from its template, once, on the server: writes the template's tldraw
 * records (and the schema they are written in, as the client binding does) into the board
 * doc and its facilitation plan into the session agenda. Records already present are left
 * alone, so running it again cannot duplicate or overwrite anything.
 */
export async function setUpBoard(
  deps: { rooms: RoomManager; sessions: SessionService },
  board: { id: string; template: string; language: string },
  params: unknown,
): Promise<TemplateInstance> {
  const instance = instantiateTemplate(board.template, params, {
    language: board.language,
    t: templateTranslator(board.language),
  });
  await deps.rooms.changeDoc(board.id, (doc) => {
    const records = doc.getMap<unknown>(TL_RECORDS_MAP);
    for (const record of instance.records) if (!records.has(record.id)) records.set(record.id, record);
    const meta = doc.getMap<unknown>(TL_META_MAP);
    if (!meta.has(TL_SCHEMA_KEY)) meta.set(TL_SCHEMA_KEY, instance.schema);
  });
  await deps.sessions.command(board.id, { type: 'agenda.set', agenda: instance.agenda });
  return instance;
}

/** A rectangle on the canvas, in page coordinates. */
export interface Bounds {
  x: number;
  y: number;
  w: number;
  h: number;
}

const num = (value: unknown, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/**
 * The rectangle around the shapes placed directly on a page (children move with them).
 * Sizes are read from props where shapes have them; others count as a 200-unit square,
 * the size of a note. Null when the page is empty.
 */
export function pageContentBounds(records: Iterable<unknown>): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const value of records) {
    if (typeof value !== 'object' || value === null) continue;
    const r = value as { typeName?: unknown; parentId?: unknown; x?: unknown; y?: unknown; props?: unknown };
    if (r.typeName !== 'shape' || typeof r.parentId !== 'string' || !r.parentId.startsWith('page:')) continue;
    const props = (typeof r.props === 'object' && r.props !== null ? r.props : {}) as Record<string, unknown>;
    const scale = num(props.scale, 1);
    const x = num(r.x);
    const y = num(r.y);
    const w = num(props.w, 200) * (props.w === undefined ? scale : 1);
    const h = num(props.h, 200) * (props.h === undefined ? scale : 1) + num(props.growY);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + w);
    maxY = Math.max(maxY, y + h);
  }
  return minX === Infinity ? null : { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** Space left between what is on a board and a method inserted beside it. */
const INSERT_GAP = 400;

/**
 * Adds one more method to a board that is in use: lays the template out to the right of
 * everything on the page, with ids of its own (so it never collides with a template already
 * there, even the same one), and appends its steps to the agenda. Runs once per request, on
 * the server; an agenda that would grow past 50 steps refuses the insertion before anything
 * is written.
 */
export async function insertTemplate(
  deps: { rooms: RoomManager; sessions: SessionService },
  board: { id: string; language: string },
  templateId: string,
  params: unknown,
): Promise<{ instance: string; bounds: Bounds; agendaSteps: number }> {
  checkTemplateParams(templateId, params);
  const state = await deps.sessions.state(board.id);
  const t = templateTranslator(board.language);
  // The step count needs only the agenda, not the whole layout (that is built once, below).
  const definition = getTemplate(templateId);
  const steps = definition.agenda(parseTemplateParams(definition, params)).length;
  if (state.agenda.length + steps > 50) {
    throw new ApiError(409, 'agenda-full', 'The agenda would have more than 50 steps; remove some first.');
  }
  const placed = await deps.rooms.changeDoc(board.id, (doc) => {
    const records = doc.getMap<unknown>(TL_RECORDS_MAP);
    const used = new Set<string>();
    for (const value of records.values()) {
      const instance = (value as { meta?: { talkoot?: { instance?: unknown } } } | null)?.meta?.talkoot?.instance;
      if (typeof instance === 'string') used.add(instance);
    }
    let n = 2;
    while (used.has(String(n))) n++;
    const content = pageContentBounds(records.values());
    const placement = {
      instance: String(n),
      x: content ? Math.round(content.x + content.w + INSERT_GAP) : 0,
      y: content ? Math.round(content.y) : 0,
    };
    const instance = instantiateTemplate(templateId, params, { language: board.language, t, placement });
    for (const record of instance.records) if (!records.has(record.id)) records.set(record.id, record);
    const meta = doc.getMap<unknown>(TL_META_MAP);
    if (!meta.has(TL_SCHEMA_KEY)) meta.set(TL_SCHEMA_KEY, instance.schema);
    return { id: placement.instance, instance, bounds: pageContentBounds(instance.records) };
  });
  if (placed.instance.agenda.length > 0) await deps.sessions.appendAgenda(board.id, placed.instance.agenda);
  return {
    instance: placed.id,
    bounds: placed.bounds ?? { x: 0, y: 0, w: 0, h: 0 },
    agendaSteps: placed.instance.agenda.length,
  };
}
