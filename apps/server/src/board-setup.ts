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
  await deps.rooms.withDoc(board.id, (doc) => {
    const records = doc.getMap<unknown>(TL_RECORDS_MAP);
    for (const record of instance.records) if (!records.has(record.id)) records.set(record.id, record);
    const meta = doc.getMap<unknown>(TL_META_MAP);
    if (!meta.has(TL_SCHEMA_KEY)) meta.set(TL_SCHEMA_KEY, instance.schema);
  });
  await deps.sessions.command(board.id, { type: 'agenda.set', agenda: instance.agenda });
  return instance;
}
