import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useValue, type TLShapeId } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import './session.css';

const LockedFramesContext = createContext<readonly string[]>([]);

/** Gives the canvas the frames the facilitator locked (from the session), for their padlocks. */
export function LockedFramesProvider({
  lockedFrameIds,
  children,
}: {
  lockedFrameIds: readonly string[];
  children: ReactNode;
}) {
  return <LockedFramesContext.Provider value={lockedFrameIds}>{children}</LockedFramesContext.Provider>;
}

/** Below this zoom padlocks stop shrinking with the board, so they stay visible. */
const READABLE_ZOOM = 0.6;

/**
 * A padlock at the top corner of every locked frame on the current page, for everyone (the
 * facilitator too, who may write there): nobody has to find out by being refused.
 */
export function FrameLockBadges() {
  const editor = useEditor();
  const { t } = useTranslation();
  const lockedFrameIds = useContext(LockedFramesContext);
  const placed = useValue(
    'talkoot.frame-lock-badges',
    () => {
      const pageId = editor.getCurrentPageId();
      return lockedFrameIds.flatMap((frameId) => {
        const shape = editor.getShape(frameId as TLShapeId);
        if (!shape || editor.getAncestorPageId(shape) !== pageId) return [];
        const bounds = editor.getShapePageBounds(shape);
        return bounds ? [{ frameId, x: bounds.maxX, y: bounds.minY }] : [];
      });
    },
    [editor, lockedFrameIds],
  );
  const scale = useValue('talkoot.frame-lock-scale', () => Math.max(1, READABLE_ZOOM / editor.getZoomLevel()), [
    editor,
  ]);
  if (placed.length === 0) return null;
  return (
    <div className="frame-locks">
      {placed.map((badge) => (
        <div
          key={badge.frameId}
          className="frame-lock-badge"
          data-testid="board.frame-lock"
          data-frame-id={badge.frameId}
          role="img"
          aria-label={t('board.frame-locked.badge')}
          title={t('board.frame-locked.badge')}
          style={{ transform: `translate(${badge.x}px, ${badge.y}px) scale(${scale}) translate(-110%, 10%)` }}
        >
          <Icon name="lock" />
        </div>
      ))}
    </div>
  );
}

/** How long the "this area is locked" notice stays after the last refused edit. */
const NOTICE_MS = 5000;

/**
 * Says why an edit in a locked frame did not happen; shown for a few seconds after the last one.
 * `refusedAt` changes with every refused edit (a timestamp).
 */
export function FrameLockedNotice({ refusedAt }: { refusedAt: number | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (refusedAt === null) return;
    setVisible(true);
    const timer = window.setTimeout(() => setVisible(false), NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [refusedAt]);
  return (
    <div className="frame-locked-notice" role="status" aria-live="polite" data-testid="board.frame-locked-notice">
      {visible ? (
        <p className="notice notice-warning">
          <Icon name="lock" />
          <span>{t('board.frame-locked.refused')}</span>
        </p>
      ) : null}
    </div>
  );
}
