import { SUPPORTED_LANGUAGES } from '@talkoot/locales';
import {
  isTemplateRendering,
  localizeTemplateText,
  shapeTextSource,
  type TemplateTextReader,
  type Translate,
} from '@talkoot/templates';
import i18next from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TLShapeId } from 'tldraw';

const translators = new Map<string, Translate>();

/** `t` fixed to one language, over the bundled locale files (template keys are not typed keys). */
function translatorFor(language: string): Translate {
  let t = translators.get(language);
  if (!t) {
    const fixed = i18next.getFixedT(language) as unknown as (key: string, options: object) => string;
    t = (key, values) => fixed(key, { ...values });
    translators.set(language, t);
  }
  return t;
}

/**
 * The reader of template texts for a person: texts in `language`, hints when she
 * facilitates. Every place that shows a template's text (canvas, outline, agenda, projector,
 * votes) reads it through one of these.
 */
export function templateTextReader(language: string, showHints: boolean): TemplateTextReader {
  return {
    t: translatorFor(language),
    canonical: SUPPORTED_LANGUAGES.map((candidate) => translatorFor(candidate.code)),
    showHints,
  };
}

/** The reader for this page's interface language. */
export function useTemplateTextReader(showHints = false): TemplateTextReader {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => templateTextReader(language, showHints), [language, showHints]);
}

/** A shape's text (a note's plain text, a frame's name) as this reader sees it. */
export function localizeShapeText(
  shape: { id: string; meta?: unknown },
  stored: string,
  reader: TemplateTextReader,
): string {
  return localizeTemplateText(stored, shapeTextSource(shape as Parameters<typeof shapeTextSource>[0]), reader);
}

export { localizeAgendaStep } from '@talkoot/templates';

/** The text of the shape with this id as this reader sees it; `stored` when it is gone. */
export function localizeShapeIdText(
  editor: { getShape(id: TLShapeId): { id: string; meta?: unknown } | undefined },
  id: string,
  stored: string,
  reader: TemplateTextReader,
): string {
  const shape = editor.getShape(id as TLShapeId);
  return shape ? localizeShapeText(shape, stored, reader) : stored;
}

/**
 * Whether a shape's stored text is still its template's own (in any language): such a text is
 * shown in each reader's language from the locale files, so it is never machine-translated.
 */
export function isTemplateShapeText(shape: { id: string; meta?: unknown }, stored: string): boolean {
  const source = shapeTextSource(shape as Parameters<typeof shapeTextSource>[0]);
  return source !== null && isTemplateRendering(stored, source, templateTextReader('en', false).canonical);
}
