import { startEditingShapeWithRichText, type Editor, type TLEventInfo, type TLNoteShape } from 'tldraw';
import { addNote, isOwnNote } from './add-note.ts';

/** Further than this (screen px) between finger down and up is a drag, not a tap. */
const TAP_SLOP = 10;

const isSelectIdle = (editor: Editor) => editor.isIn('select.idle');

/**
 * A participant's gestures on notes: a double tap on empty canvas (or an empty template area)
 * makes a note there, not tldraw's loose text; a single tap on one's own note opens it for
 * typing. tldraw handles the event first; these run right after it. Returns the clean-up.
 */
export function installNoteGestures(editor: Editor, rtl: () => boolean): () => void {
  let down: { noteId: string | null; x: number; y: number } | null = null;
  const noteAt = (): TLNoteShape | null => {
    const shape = editor.getShapeAtPoint(editor.inputs.getCurrentPagePoint(), {
      hitInside: true,
      margin: editor.getHitTestMargin(),
      renderingOnly: true,
      filter: (s) => s.type === 'note',
    });
    return shape && editor.isShapeOfType<TLNoteShape>(shape, 'note') ? shape : null;
  };
  const onEvent = (info: TLEventInfo) => {
    if (editor.getIsReadonly() || editor.getCurrentToolId() !== 'select') return;
    if (info.type === 'pointer' && info.name === 'pointer_down') {
      down = { noteId: noteAt()?.id ?? null, x: info.point.x, y: info.point.y };
    } else if (info.type === 'pointer' && info.name === 'pointer_up') {
      const start = down;
      down = null;
      if (!start?.noteId || Math.hypot(info.point.x - start.x, info.point.y - start.y) > TAP_SLOP) return;
      const noteId = start.noteId;
      queueMicrotask(() => {
        const note = editor.getShape<TLNoteShape>(noteId as TLNoteShape['id']);
        if (!note || !isOwnNote(editor, note) || editor.getEditingShapeId() !== null || !isSelectIdle(editor)) return;
        if (editor.getOnlySelectedShapeId() !== note.id) editor.select(note.id);
        startEditingShapeWithRichText(editor, note.id);
      });
    } else if (info.type === 'click' && info.name === 'double_click' && info.phase === 'down') {
      const point = editor.inputs.getCurrentPagePoint().clone();
      const hit = editor.getShapeAtPoint(point, {
        hitInside: true,
        margin: editor.getHitTestMargin(),
        // Frames and locked template areas count as empty: notes belong there.
        filter: (s) => s.type !== 'frame' && !editor.isShapeOrAncestorLocked(s),
      });
      if (hit) return;
      queueMicrotask(() => {
        if (editor.getEditingShapeId() !== null) return;
        const size = 200;
        const area = { x: point.x - size * 1.5, y: point.y - size * 1.5, w: size * 3, h: size * 3 };
        addNote(editor, { area, near: point, rtl: rtl() });
      });
    }
  };
  editor.on('event', onEvent);
  return () => {
    editor.off('event', onEvent);
  };
}
