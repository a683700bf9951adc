import { SOURCE_TRANSLATIONS, type TranslationKey } from '@talkoot/locales';
import type { TemplateParamsInput } from '@talkoot/protocol';
import type { TemplateInfo } from './use-templates.ts';

/** A template and the parameters chosen for it. */
export interface TemplateChoice {
  template: TemplateInfo['id'];
  params: Record<string, number>;
}

/** The choice a form starts with: the template's defaults. */
export function defaultChoice(template: TemplateInfo): TemplateChoice {
  return { template: template.id, params: Object.fromEntries(template.parameters.map((p) => [p.name, p.default])) };
}

/**
 * The parameters to send: whole numbers within each parameter's range (a field left empty or
 * typed out of range takes the nearest allowed value rather than failing the request).
 */
export function paramsToSend(template: TemplateInfo, params: Record<string, number>): TemplateParamsInput {
  const out: TemplateParamsInput = {};
  for (const p of template.parameters) {
    const raw = params[p.name];
    const value = raw === undefined || !Number.isFinite(raw) ? p.default : Math.round(raw);
    out[p.name] = Math.min(p.max, Math.max(p.min, value));
  }
  return out;
}

/** A key from the server that the locale files know, or null (an older or newer server). */
export function knownKey(key: string): TranslationKey | null {
  return Object.hasOwn(SOURCE_TRANSLATIONS, key) ? (key as TranslationKey) : null;
}
