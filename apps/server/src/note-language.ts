import { type Language, languageSchema } from '@talkoot/protocol';

/**
 * The language a note is written in: `meta.talkoot.language` (set by the client to its
 * author's interface language, changeable on the note), else the board's language.
 */
export function noteLanguage(record: unknown, boardLanguage: Language): Language {
  const meta = (record as { meta?: { talkoot?: { language?: unknown } } } | null)?.meta;
  const parsed = languageSchema.safeParse(meta?.talkoot?.language);
  return parsed.success ? parsed.data : boardLanguage;
}
