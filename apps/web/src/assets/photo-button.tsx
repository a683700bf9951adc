import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from 'tldraw';
import { noteTargetArea } from '../canvas-ui/add-note-button.tsx';
import { placePhoto, type PageRect } from './place-photo.ts';
import './photo-button.css';

/** Props of {@link PhotoButton}. */
export interface PhotoButtonProps {
  editor: Editor | null;
  /** Hidden while the canvas is read-only (board locked, observers). */
  canWrite: boolean;
}

/** Where this person's things belong now (their table's area in this round), if anywhere. */
function targetArea(editor: Editor): PageRect | null {
  const id = noteTargetArea.get();
  const bounds = id ? editor.getShapePageBounds(id) : undefined;
  return bounds ? { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h } : null;
}

/**
 * "Photo": on a tablet, opens the camera (or a file), and puts the picture on the board, shrunk
 * on the device before it is uploaded (see `preparePhoto`). For paper notes and flipcharts.
 */
export function PhotoButton({ editor, canWrite }: PhotoButtonProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  if (!editor || !canWrite) return null;
  return (
    <>
      <button
        type="button"
        className="button photo-button"
        data-testid="canvas.add-photo"
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="24"
          height="24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M4 8h3l2-3h6l2 3h3v11H4zM12 17a4 4 0 1 0 0-8 4 4 0 0 0 0 8z" />
        </svg>
        {busy ? t('canvas.photo.adding') : t('canvas.photo.add')}
      </button>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="canvas.photo-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (!file) return;
          setBusy(true);
          void placePhoto(editor, file, targetArea(editor)).finally(() => setBusy(false));
        }}
      />
    </>
  );
}
