import { useEffect, useRef } from 'react';
import { react, type Editor, type TLShapeId } from 'tldraw';
import { draftsOnTheBoard } from './draft-storage.ts';
import { shapeTextOf } from './text-snapshot.ts';
import { currentDrafts, forgetDrafts, keepDrafts, reportRefusal } from './use-drafts.ts';

/** Options of {@link useKeepTypingOnLock}. */
export interface KeepTypingOnLockOptions {
  editor: Editor | null;
  boardId: string;
  memberId: string;
  /** Whether the board lock makes this person's canvas read-only now. */
  lockedForMe: boolean;
}

/**
 * When the facilitator locks the board while this person is typing in a shape, keeps the text she
 * typed as a draft and says why (the server may refuse the last keystrokes, and tldraw ends the
 * editing at once). She can add it as a note when the lock ends; if by then the note holds exactly
 * that text (every keystroke reached the server), the draft is forgotten rather than doubled.
 */
export function useKeepTypingOnLock({ editor, boardId, memberId, lockedForMe }: KeepTypingOnLockOptions): void {
  // Tracked all along rather than read when the lock arrives: the read-only effect may have ended
  // the editing already, whichever effect runs first.
  const editing = useRef<TLShapeId | null>(null);
  useEffect(() => {
    if (!editor) return;
    return react('talkoot.track-editing', () => {
      const id = editor.getEditingShapeId();
      if (id !== null) editing.current = id;
      else if (!editor.getIsReadonly()) editing.current = null;
    });
  }, [editor]);

  const wasLocked = useRef(lockedForMe);
  useEffect(() => {
    const lockedNow = lockedForMe && !wasLocked.current;
    const unlockedNow = !lockedForMe && wasLocked.current;
    wasLocked.current = lockedForMe;
    if (!editor) return;
    if (unlockedNow) {
      const textOf = (shapeId: string) => shapeTextOf(editor.getShape(shapeId as TLShapeId))?.text ?? null;
      const onBoard = draftsOnTheBoard(currentDrafts(boardId, memberId), textOf);
      forgetDrafts(
        boardId,
        memberId,
        onBoard.map((draft) => draft.id),
      );
      return;
    }
    if (!lockedNow) return;
    const id = editing.current ?? editor.getEditingShapeId();
    editing.current = null;
    if (id === null) return;
    const text = shapeTextOf(editor.getShape(id));
    if (!text) return;
    keepDrafts(boardId, memberId, [{ text: text.text, type: text.type, source: 'board', shapeId: id }]);
    reportRefusal(boardId, memberId, 'locked');
  }, [editor, boardId, memberId, lockedForMe]);
}
