import { useCallback, useEffect, useState } from 'react';
import { getIndexAbove, type Editor, type NoteShapeUtil, type IndexKey, type TLNoteShape } from 'tldraw';
import {
  createPrivateNoteRecord,
  nextPrivateNotePosition,
  privateNotesOrigin,
  withNoteText,
  type PagePoint,
  type PrivateNote,
} from './private-note-record.ts';
import { keepDrafts, reportRefusal } from '../drafts/use-drafts.ts';
import i18next from 'i18next';
import { languageFor } from '../i18n.ts';
import type { ShapeText } from '../drafts/text-snapshot.ts';
import { usePrivateDoc } from './use-private-doc.ts';

/** Options of {@link usePrivateNotes}. */
export interface PrivateNotesOptions {
  boardId: string;
  token: string;
  memberId: string;
  /** Private mode is on. */
  enabled: boolean;
  /** The board's editor: new notes are built from its schema and placed on its current page. */
  editor: Editor | null;
}

/** This member's private notes and how to change them. */
export interface PrivateNotes {
  notes: PrivateNote[];
  /** False until connected and synced (and whenever no editor is mounted). */
  ready: boolean;
  /** Adds a note; false when not ready or the text is blank. */
  add(text: string): boolean;
  update(id: string, text: string): void;
  remove(id: string): void;
}

const isNote = (value: unknown): value is TLNoteShape =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'note';

/**
 * The member's own private notes. Connected while private mode is on, and after it ends until
 * the server has emptied the doc (the reveal), so nothing written is left behind unseen.
 */
export function usePrivateNotes({ boardId, token, memberId, enabled, editor }: PrivateNotesOptions): PrivateNotes {
  const [stayOpen, setStayOpen] = useState(false);
  // Private texts the server refused become drafts that can be copied, never put on the board.
  const onUnsaved = useCallback(
    (code: number, texts: ShapeText[]) => {
      keepDrafts(
        boardId,
        memberId,
        texts.map(({ text, type }) => ({ text, type, source: 'private' as const })),
      );
      reportRefusal(boardId, memberId, code);
    },
    [boardId, memberId],
  );
  const { records, notes, synced } = usePrivateDoc({
    boardId,
    token,
    ownerId: memberId,
    enabled: enabled || stayOpen,
    onUnsaved,
  });
  useEffect(() => setStayOpen(notes.length > 0), [notes.length]);

  const add = useCallback(
    (text: string) => {
      if (!records || !synced || !editor || text.trim() === '') return false;
      const mine = [...records.values()].filter(isNote);
      const pageId = editor.getCurrentPageId();
      // Above everything on the page and every earlier private note, so notes keep writing order.
      let top: IndexKey = editor.getHighestIndexForParent(pageId);
      for (const note of mine) if (note.index > top) top = note.index;
      const existing: PagePoint[] = mine.map((note) => ({ x: note.x, y: note.y }));
      const record = createPrivateNoteRecord({
        schema: editor.store.schema,
        defaultProps: editor.getShapeUtil<NoteShapeUtil>('note').getDefaultProps(),
        text: text.trim(),
        memberId,
        pageId,
        index: getIndexAbove(top),
        position: nextPrivateNotePosition(privateNotesOrigin(editor.getCurrentPageBounds()), memberId, existing),
        // The language the author writes in: her interface language, as for notes on the board.
        language: languageFor(i18next.resolvedLanguage ?? i18next.language).code,
      });
      records.set(record.id, record);
      return true;
    },
    [records, synced, editor, memberId],
  );

  const update = useCallback(
    (id: string, text: string) => {
      const current = records?.get(id);
      if (isNote(current) && text.trim() !== '') records?.set(id, withNoteText(current, text.trim()));
    },
    [records],
  );

  const remove = useCallback((id: string) => records?.delete(id), [records]);

  return { notes, ready: records !== null && synced && editor !== null, add, update, remove };
}
