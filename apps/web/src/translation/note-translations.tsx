import { LANGUAGES, type Language } from '@talkoot/protocol';
import { type FormEvent, type PointerEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TLComponents, type TLShape, type TLShapeId, useEditor, useValue } from 'tldraw';
import { noteLanguageOf, withNoteLanguage } from './note-language.ts';
import { type NoteTranslationView, useNoteTranslationsContext } from './use-note-translations.ts';
import './translation.css';

/** A language's name in the reader's language (the browser's own list, every language). */
export function languageName(code: string, reader: string): string {
  try {
    return new Intl.DisplayNames([reader], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// Taps on the overlay's buttons are not canvas gestures (selecting, dragging the note).
const keepFromCanvas = (event: PointerEvent) => event.stopPropagation();

interface Placed {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  view: NoteTranslationView;
}

/** One note's translation, drawn over the note (or a calm line under it while there is none). */
function NoteTranslationCard({ placed }: { placed: Placed }) {
  const { t } = useTranslation();
  const translations = useNoteTranslationsContext()!;
  const [showOriginal, setShowOriginal] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [saveFailed, setSaveFailed] = useState(false);
  const { view } = placed;
  const reader = translations.language;
  const from = languageName(view.source, reader);
  const box = { transform: `translate(${placed.x}px, ${placed.y}px)`, width: placed.w, height: placed.h };
  const below = { transform: `translate(${placed.x}px, ${placed.y + placed.h + 4}px)`, width: placed.w };

  if (view.state === 'original') return null;
  // Without an MT server there is nothing to wait for: the note simply shows what was written.
  if (view.state === 'failed' && translations.machine === 'off') return null;
  if (view.state !== 'translated') {
    const text =
      view.state === 'pending'
        ? t('translation.pending')
        : view.state === 'unavailable'
          ? t('translation.unavailable', { source: from, target: languageName(reader, reader) })
          : t('translation.failed');
    return (
      <div
        className="note-translation-line"
        style={below}
        data-testid="translation.state"
        data-state={view.state}
        data-shape-id={placed.id}
      >
        {text}
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaveFailed(false);
    translations.correct(placed.id, draft).then(
      () => setEditing(false),
      () => setSaveFailed(true),
    );
  };
  const canCorrect = translations.role !== 'observer';
  const label =
    view.by === 'participant'
      ? t('translation.by-participant', { language: from })
      : t('translation.by-machine', { language: from });

  if (showOriginal) {
    return (
      <div className="note-translation-line" style={below} data-shape-id={placed.id} onPointerDown={keepFromCanvas}>
        <span>{t('translation.original', { language: from })}</span>{' '}
        <button
          type="button"
          className="note-translation-link"
          data-testid="translation.show-translation"
          onClick={() => setShowOriginal(false)}
        >
          {t('translation.show-translation')}
        </button>
      </div>
    );
  }
  return (
    <div
      className="note-translation"
      style={box}
      data-testid="translation.note"
      data-shape-id={placed.id}
      lang={reader}
    >
      {editing ? (
        <form className="note-translation-form" onSubmit={submit} onPointerDown={keepFromCanvas}>
          <textarea
            aria-label={t('translation.correct-label', { language: languageName(reader, reader) })}
            data-testid="translation.correct-text"
            value={draft}
            maxLength={4000}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.stopPropagation()}
          />
          {saveFailed ? <p role="alert">{t('translation.correct-failed')}</p> : null}
          <div className="note-translation-actions">
            <button
              type="submit"
              className="note-translation-link"
              data-testid="translation.correct-save"
              disabled={draft.trim() === ''}
            >
              {t('translation.correct-save')}
            </button>
            <button type="button" className="note-translation-link" onClick={() => setEditing(false)}>
              {t('translation.correct-cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="note-translation-text" data-testid="translation.text" dir="auto">
            {view.text}
          </p>
          <div className="note-translation-footer" onPointerDown={keepFromCanvas}>
            <span data-testid="translation.label" data-by={view.by}>
              {label}
            </span>
            <button
              type="button"
              className="note-translation-link"
              data-testid="translation.show-original"
              onClick={() => setShowOriginal(true)}
            >
              {t('translation.show-original')}
            </button>
            {canCorrect ? (
              <button
                type="button"
                className="note-translation-link"
                data-testid="translation.correct"
                onClick={() => {
                  setDraft(view.text);
                  setEditing(true);
                }}
              >
                {t('translation.correct')}
              </button>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}

/** Translations drawn on the canvas over the notes of the current page (none while a note is edited). */
export function NoteTranslationsLayer() {
  const editor = useEditor();
  const translations = useNoteTranslationsContext();
  const placed = useValue(
    'talkoot.note-translations',
    () => {
      if (!translations) return [];
      const editing = editor.getEditingShapeId();
      const out: Placed[] = [];
      for (const shape of editor.getCurrentPageShapes()) {
        if (shape.type !== 'note' || shape.id === editing) continue;
        const view = translations.get(shape.id);
        const bounds = view ? editor.getShapePageBounds(shape) : undefined;
        if (view && bounds) out.push({ id: shape.id, x: bounds.minX, y: bounds.minY, w: bounds.w, h: bounds.h, view });
      }
      return out;
    },
    [editor, translations],
  );
  if (placed.length === 0) return null;
  return (
    <div className="note-translations">
      {placed.map((p) => (
        <NoteTranslationCard key={p.id} placed={p} />
      ))}
    </div>
  );
}

/** The language of the one selected note, changeable (not for observers), and the "translation is off" notice. */
export function NoteLanguageControl() {
  const { t } = useTranslation();
  const editor = useEditor();
  const translations = useNoteTranslationsContext();
  const selected = useValue(
    'talkoot.note-language-target',
    () => {
      const shapes = editor.getSelectedShapes();
      const only: TLShape | undefined = shapes.length === 1 ? shapes[0] : undefined;
      if (!only || only.type !== 'note' || editor.getEditingShapeId() === only.id) return null;
      const bounds = editor.getShapePageBounds(only);
      if (!bounds) return null;
      const corner = editor.pageToViewport({ x: bounds.minX, y: bounds.minY });
      return { id: only.id, x: corner.x, y: corner.y };
    },
    [editor],
  );
  const language = useValue(
    'talkoot.note-language',
    () => {
      const shape = selected ? editor.getShape(selected.id as TLShapeId) : undefined;
      return shape ? noteLanguageOf(shape, translations?.language ?? 'en') : null;
    },
    [editor, selected?.id, translations?.language],
  );
  if (!translations) return null;
  const offNotice =
    translations.machine === 'off' && translations.role === 'facilitator' ? (
      <p className="note-translation-off" role="status" data-testid="translation.off">
        {t('translation.off')}
      </p>
    ) : null;
  if (!selected || !language || translations.role === 'observer') return offNotice;
  const change = (next: Language) => {
    const shape = editor.getShape(selected.id as TLShapeId);
    if (shape) editor.updateShape({ id: shape.id, type: shape.type, meta: withNoteLanguage(shape.meta, next) });
  };
  return (
    <>
      {offNotice}
      <label
        className="note-language-control"
        style={{ transform: `translate(${selected.x}px, ${selected.y}px) translateY(-110%)` }}
        onPointerDown={keepFromCanvas}
      >
        <span>{t('translation.note-language')}</span>
        <select
          data-testid="translation.note-language"
          value={language}
          onChange={(e) => change(e.target.value as Language)}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(code, code)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/**
 * `components` with the translations layer on the canvas and the note-language control in
 * front of it, keeping what `components` already draws there. Call at module scope: tldraw
 * wants components that keep their identity.
 */
export function withNoteTranslations(components: TLComponents): TLComponents {
  const { OnTheCanvas: Before, InFrontOfTheCanvas: InFront } = components;
  return {
    ...components,
    OnTheCanvas: () => (
      <>
        {Before ? <Before /> : null}
        <NoteTranslationsLayer />
      </>
    ),
    InFrontOfTheCanvas: () => (
      <>
        {InFront ? <InFront /> : null}
        <NoteLanguageControl />
      </>
    ),
  };
}
