import type { SessionState } from '@talkoot/protocol';
import { useTranslation } from 'react-i18next';
import { atom, useEditor, useValue, type Editor, type TLShapeId } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { findCafeRoundArea, worldCafeStep } from '../world-cafe/world-cafe-frames.ts';
import { addNote } from './add-note.ts';
import type { Rect } from './free-spot.ts';

/** The template area where this person's notes belong right now (e.g. this round at my table). */
export const noteTargetArea = atom<TLShapeId | null>('talkoot.note-target-area', null);

/** The area of the session's current world-café round at this person's table, if seated. */
export function noteAreaFor(editor: Editor, state: SessionState, memberId: string): TLShapeId | null {
  const seating = state.seating;
  if (!seating || seating.stepId !== state.currentStepId) return null;
  const table = seating.seats[memberId];
  if (table === undefined) return null;
  return findCafeRoundArea(editor, worldCafeStep(seating.stepId)?.instance, table, seating.round);
}

const areaRect = (editor: Editor, id: TLShapeId | null): Rect | null => {
  const bounds = id ? editor.getShapePageBounds(id) : undefined;
  return bounds ? { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h } : null;
};

const isRtl = () => document.documentElement.dir === 'rtl';

/** Adds a note where it belongs and opens it for typing; the tap is the gesture that opens the keyboard. */
export function addNoteWhereItBelongs(editor: Editor): void {
  addNote(editor, { area: areaRect(editor, noteTargetArea.get()), rtl: isRtl() });
}

/** Props of {@link AddNoteButton}. */
export interface AddNoteButtonProps {
  editor: Editor | null;
  /** Hidden while the canvas is read-only (board locked, observers). */
  canWrite: boolean;
}

/** One large "Add a note" button over the canvas, at the bottom end corner. */
export function AddNoteButton({ editor, canWrite }: AddNoteButtonProps) {
  const { t } = useTranslation();
  if (!editor || !canWrite) return null;
  return (
    <button
      type="button"
      className="button button-primary add-note-button"
      data-testid="canvas.add-note"
      onClick={() => addNoteWhereItBelongs(editor)}
    >
      <Icon name="plus" />
      {t('canvas.add-note')}
    </button>
  );
}

/** A "+" at the top right corner of the area where my notes belong, moving with the board. */
export function AreaAddButton() {
  const editor = useEditor();
  const { t } = useTranslation();
  const place = useValue(
    'talkoot.area-add-button',
    () => {
      const id = noteTargetArea.get();
      const bounds = id && !editor.getIsReadonly() ? editor.getShapePageBounds(id) : undefined;
      if (!bounds || editor.getCurrentToolId() !== 'select') return null;
      // The top right corner in every direction: tldraw draws the area's label at its top left.
      const corner = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY });
      const screen = editor.getViewportScreenBounds();
      if (corner.x < 0 || corner.y < 0 || corner.x > screen.w || corner.y > screen.h) return null;
      return { x: corner.x, y: corner.y };
    },
    [editor],
  );
  if (!place) return null;
  return (
    <button
      type="button"
      className="area-add-button"
      data-testid="canvas.area-add-note"
      aria-label={t('canvas.add-note-here')}
      title={t('canvas.add-note-here')}
      style={{ top: place.y + 8, left: place.x - 8 - 48 }}
      onPointerDown={(event) => event.stopPropagation()}
      onClick={() => addNoteWhereItBelongs(editor)}
    >
      <Icon name="plus" />
    </button>
  );
}
