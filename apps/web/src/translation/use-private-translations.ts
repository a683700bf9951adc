import type { Language, NoteTranslationResult } from '@talkoot/protocol';
import { useEffect, useState } from 'react';
import { fetchTranslations } from './translation-api.ts';

/**
 * Translations of one member's private-writing notes for a facilitator reading them (the server
 * translates private notes only for their author and facilitators). Asked again, after typing
 * settles, whenever a text changes; until then, and on failure, the notes show as written.
 */
export function usePrivateTranslations(options: {
  boardId: string;
  token: string;
  ownerId: string;
  notes: readonly { id: string; text: string }[];
  language: Language;
}): ReadonlyMap<string, NoteTranslationResult> {
  const { boardId, token, ownerId, notes, language } = options;
  const [results, setResults] = useState<ReadonlyMap<string, NoteTranslationResult>>(new Map());
  const key = JSON.stringify(notes.filter((n) => n.text.trim() !== '').map((n) => [n.id, n.text]));
  useEffect(() => {
    const ids = (JSON.parse(key) as [string, string][]).map(([id]) => id);
    if (ids.length === 0) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      fetchTranslations(boardId, token, language, ids.slice(0, 500), { privateOf: ownerId }).then(
        (response) => {
          if (!cancelled) setResults(new Map(Object.entries(response.translations)));
        },
        () => undefined,
      );
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [boardId, token, ownerId, key, language]);
  return results;
}
