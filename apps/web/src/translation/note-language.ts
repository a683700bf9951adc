import { type Language, languageSchema } from '@talkoot/protocol';
import type { Editor, TLShape } from 'tldraw';

/** The language a note records (`meta.talkoot.language`), or the board's when it records none. */
export function noteLanguageOf(shape: TLShape, boardLanguage: Language): Language {
  const talkoot = (shape.meta as { talkoot?: { language?: unknown } } | undefined)?.talkoot;
  const parsed = languageSchema.safeParse(talkoot?.language);
  return parsed.success ? parsed.data : boardLanguage;
}

/** `meta` of a note with its language set, keeping the rest of `meta.talkoot`. */
export function withNoteLanguage(meta: TLShape['meta'], language: Language): TLShape['meta'] {
  const talkoot = (meta as { talkoot?: unknown }).talkoot;
  const own = typeof talkoot === 'object' && talkoot !== null ? talkoot : {};
  return { ...meta, talkoot: { ...own, language } };
}

/**
 * Notes written on this device record their author's interface language (`language()`, read at
 * creation); a note that already records one (pasted, duplicated) keeps it. Returns the cleanup.
 */
export function stampNoteLanguage(editor: Editor, language: () => Language): () => void {
  return editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type !== 'note') return shape;
    const talkoot = (shape.meta as { talkoot?: { language?: unknown } }).talkoot;
    if (languageSchema.safeParse(talkoot?.language).success) return shape;
    return { ...shape, meta: withNoteLanguage(shape.meta, language()) };
  });
}
