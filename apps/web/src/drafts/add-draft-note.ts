import { createShapeId, toRichText, type Editor } from 'tldraw';
import { NOTE_SIDE } from '../outline/note-placement.ts';

/**
 * Puts a draft's text on the board as a new sticky note in the middle of what the person sees,
 * signed by them as tldraw signs a note typed on the canvas, and selects it. True if the editor
 * took it (a read-only or locked canvas refuses it; the draft is then kept).
 */
export function addDraftNote(editor: Editor, text: string): boolean {
  if (editor.getIsReadonly()) return false;
  const id = createShapeId();
  const center = editor.getViewportPageBounds().center;
  editor.createShape({
    id,
    type: 'note',
    x: center.x - NOTE_SIDE / 2,
    y: center.y - NOTE_SIDE / 2,
    props: { richText: toRichText(text), textLastEditedBy: editor.getAttributionUserId() },
  });
  if (!editor.getShape(id)) return false;
  editor.select(id);
  return true;
}
