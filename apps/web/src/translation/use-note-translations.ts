import type { Language, NoteTranslationResult, Role } from '@talkoot/protocol';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useValue, type Editor } from 'tldraw';
import { plainTextOf } from '../outline/outline-model.ts';
import { isTemplateShapeText } from '../template-text/template-text-reader.ts';
import { noteLanguageOf, stampNoteLanguage } from './note-language.ts';
import { fetchTranslations, saveCorrection } from './translation-api.ts';

/** What a reader sees for one note: the server's answer, or `pending` while it is asked. */
export type NoteTranslationView = NoteTranslationResult | { state: 'pending'; source: string };

/** The translations of the board's notes for this reader. */
export interface NoteTranslations {
  /** The reader's language. */
  language: Language;
  /** The reader's role: observers neither correct nor change a note's language. */
  role: Role;
  /** `off`: the server has no MT server (facilitators are told). */
  machine: 'on' | 'off' | 'unknown';
  /** The view of a note, if it is in another language than the reader's. */
  get(shapeId: string): NoteTranslationView | undefined;
  /** Stores the reader's own translation of a note (it wins for everyone). */
  correct(shapeId: string, text: string): Promise<void>;
}

interface Entry {
  /** The original this answer is for: an edited note is asked again. */
  text: string;
  view: NoteTranslationView;
  at: number;
}

/** How long before a failed translation is asked for again. */
const RETRY_FAILED_MS = 15_000;
/** Notes asked for in one request. */
const BATCH = 200;
/** Typing settles before the server is asked. */
const DEBOUNCE_MS = 400;

/**
 * Asks the server for translations of the current page's notes written in another language
 * than the reader's (`language`): once per note text, batched, after typing settles; failed
 * ones again after a while. Never blocks anything: until an answer comes, the note shows its
 * original.
 */
export function useNoteTranslations(options: {
  editor: Editor | null;
  boardId: string;
  token: string;
  language: Language;
  boardLanguage: Language;
  role: Role;
}): NoteTranslations {
  const { editor, boardId, token, language, boardLanguage, role } = options;
  const [entries, setEntries] = useState<ReadonlyMap<string, Entry>>(new Map());
  const [machine, setMachine] = useState<'on' | 'off' | 'unknown'>('unknown');
  const [tick, setTick] = useState(0);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;

  // A string, so the canvas re-renders this only when a foreign note's text or language changes.
  const foreignKey = useValue(
    'talkoot.foreign-notes',
    () => {
      if (!editor) return '[]';
      const notes: [string, string, string][] = [];
      for (const shape of editor.getCurrentPageShapes()) {
        if (shape.type !== 'note') continue;
        const source = noteLanguageOf(shape, boardLanguage);
        if (source === language) continue;
        const text = plainTextOf((shape.props as { richText?: unknown }).richText).trim();
        // A template's example note is shown in the reader's language already.
        if (text !== '' && !isTemplateShapeText(shape, text)) notes.push([shape.id, text, source]);
      }
      return JSON.stringify(notes);
    },
    [editor, boardLanguage, language],
  );
  const foreign = useMemo(
    () =>
      new Map(
        (JSON.parse(foreignKey) as [string, string, string][]).map(([id, text, source]) => [id, { text, source }]),
      ),
    [foreignKey],
  );

  // Notes written here record the author's language; read at creation, so a switch applies at once.
  const languageRef = useRef(language);
  languageRef.current = language;
  useEffect(() => (editor ? stampNoteLanguage(editor, () => languageRef.current) : undefined), [editor]);

  // A new reader language starts afresh.
  useEffect(() => setEntries(new Map()), [language]);

  // Requests on their way, by `language|id|text`: a note typed on meanwhile is not asked twice,
  // and one whose request never left (the debounce was cut short) is asked again.
  const inFlight = useRef(new Set<string>());
  useEffect(() => {
    const now = Date.now();
    const flightKey = (id: string, text: string) => `${language}|${id}|${text}`;
    const wanted = [...foreign].filter(([id, note]) => {
      if (inFlight.current.has(flightKey(id, note.text))) return false;
      const entry = entriesRef.current.get(id);
      if (!entry || entry.text !== note.text || entry.view.state === 'pending') return true;
      return entry.view.state === 'failed' && now - entry.at > RETRY_FAILED_MS;
    });
    if (wanted.length === 0) return;
    setEntries((current) => {
      const next = new Map(current);
      for (const [id, note] of wanted) {
        const old = current.get(id);
        if (!old || old.text !== note.text)
          next.set(id, { text: note.text, view: { state: 'pending', source: note.source }, at: now });
      }
      return next;
    });
    // An answer counts only for the text it was asked for and the reader's language now.
    const settle = (batch: typeof wanted, viewOf: (id: string, source: string) => NoteTranslationView) => {
      for (const [id, note] of batch) inFlight.current.delete(flightKey(id, note.text));
      if (languageRef.current !== language) return;
      setEntries((current) => {
        const next = new Map(current);
        for (const [id, note] of batch) {
          const entry = current.get(id);
          if (entry && entry.text !== note.text) continue;
          next.set(id, { text: note.text, view: viewOf(id, note.source), at: Date.now() });
        }
        return next;
      });
    };
    const timer = setTimeout(() => {
      for (let i = 0; i < wanted.length; i += BATCH) {
        const batch = wanted.slice(i, i + BATCH);
        for (const [id, note] of batch) inFlight.current.add(flightKey(id, note.text));
        fetchTranslations(
          boardId,
          token,
          language,
          batch.map(([id]) => id),
        ).then(
          (response) => {
            setMachine(response.machine);
            // A note the server leaves out (hidden from exports, gone) is shown as written.
            settle(batch, (id, source) => response.translations[id] ?? { state: 'original', source });
          },
          () => settle(batch, (_id, source) => ({ state: 'failed', source, reason: 'unavailable' })),
        );
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [foreign, boardId, token, language, tick]);

  const hasFailed = [...entries.values()].some((e) => e.view.state === 'failed');
  useEffect(() => {
    if (!hasFailed) return;
    const timer = setInterval(() => setTick((n) => n + 1), RETRY_FAILED_MS);
    return () => clearInterval(timer);
  }, [hasFailed]);

  const get = useCallback(
    (shapeId: string) => {
      const note = foreign.get(shapeId);
      const entry = entries.get(shapeId);
      if (!note) return undefined;
      return entry && entry.text === note.text ? entry.view : { state: 'pending' as const, source: note.source };
    },
    [foreign, entries],
  );
  const correct = useCallback(
    async (shapeId: string, text: string) => {
      const view = await saveCorrection(boardId, token, shapeId, language, text);
      const note = foreign.get(shapeId);
      if (note) setEntries((current) => new Map(current).set(shapeId, { text: note.text, view, at: Date.now() }));
    },
    [boardId, token, language, foreign],
  );
  return useMemo(() => ({ language, role, machine, get, correct }), [language, role, machine, get, correct]);
}

const NoteTranslationsContext = createContext<NoteTranslations | null>(null);

/** Provides {@link useNoteTranslations}' result to the canvas overlay. */
export const NoteTranslationsProvider = NoteTranslationsContext.Provider;

/** The board's note translations, or null outside a {@link NoteTranslationsProvider}. */
export function useNoteTranslationsContext(): NoteTranslations | null {
  return useContext(NoteTranslationsContext);
}
