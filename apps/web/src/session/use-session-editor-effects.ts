import type { Role, SessionState } from '@talkoot/protocol';
import { useEffect, useRef } from 'react';
import { createUserId, react, type Editor, type TLShapeId } from 'tldraw';
import { stopFollowing } from '../canvas-ui/follow-view.ts';

/** Options of {@link useSessionEditorEffects}. */
export interface SessionEditorEffectsOptions {
  editor: Editor | null;
  state: SessionState;
  role: Role;
  /** This person's member id (the projector passes its own, so it follows the facilitator too). */
  memberId: string;
  /** The projector is always read-only. */
  alwaysReadOnly?: boolean;
  /** Told (with the time) when an edit of this person in a locked frame is refused here, to say why. */
  onRefusedEdit?: ((at: number) => void) | undefined;
}

/** Whether this person's canvas is read-only under the session state. */
export function isCanvasReadOnly(role: Role, locked: boolean, alwaysReadOnly = false): boolean {
  return alwaysReadOnly || role === 'observer' || (locked && role === 'participant');
}

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Applies the session to the editor: the board lock (read-only for participants), "bring
 * everyone here" (follow the facilitator's viewport) and the focus frame (zoom to it once).
 * The server enforces the lock; this only keeps the UI honest.
 */
export function useSessionEditorEffects({
  editor,
  state,
  role,
  memberId,
  alwaysReadOnly = false,
  onRefusedEdit,
}: SessionEditorEffectsOptions): void {
  const refused = useRef(onRefusedEdit);
  refused.current = onRefusedEdit;
  const readOnly = isCanvasReadOnly(role, state.locked, alwaysReadOnly);
  useEffect(() => {
    if (!editor) return;
    // Observers are read-only through the store's collaboration mode too; setting the same
    // value here is harmless and covers the lock being lifted.
    if (editor.getInstanceState().isReadonly !== readOnly) editor.updateInstanceState({ isReadonly: readOnly });
  }, [editor, readOnly]);

  // Follow requests: a facilitator's follow.set starts following once their presence is here
  // (they may not have moved yet); stopping yourself sticks until the next request.
  const followTarget = role === 'facilitator' && !alwaysReadOnly ? null : state.followMemberId;
  useEffect(() => {
    if (!editor || followTarget === null || followTarget === memberId) return;
    const userId = createUserId(followTarget);
    let started = false;
    const stop = react('talkoot.session-follow', () => {
      if (started) return;
      const present = editor.getCollaborators().some((presence) => presence.userId === userId);
      if (!present) return;
      started = true;
      // Reactors must not write to the store synchronously.
      queueMicrotask(() => editor.startFollowingUser(userId));
    });
    return () => {
      stop();
      // "Bring everyone here" ended: back to where this person was looking before.
      if (editor.getInstanceState().followingUserId === userId) stopFollowing(editor);
    };
  }, [editor, followTarget, memberId]);

  // Locked frames: a participant's edits inside them are refused here already, so nobody
  // sees their change appear and then get taken back by the server.
  const lockedFrames = role === 'participant' ? state.lockedFrameIds.join(' ') : '';
  useEffect(() => {
    if (!editor || lockedFrames === '') return;
    const locked = new Set(lockedFrames.split(' '));
    const inLockedFrame = (id: TLShapeId, parentId: string): boolean =>
      locked.has(id) || locked.has(parentId) || editor.findShapeAncestor(id, (a) => locked.has(a.id)) !== undefined;
    // A drag fires this on every move; one report per half second is enough to keep the notice up.
    let lastReport = 0;
    const report = () => {
      const now = Date.now();
      if (now - lastReport < 500) return;
      lastReport = now;
      refused.current?.(now);
    };
    const stopChange = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      if (source !== 'user' || !(inLockedFrame(prev.id, prev.parentId) || locked.has(next.parentId))) return next;
      report();
      return prev;
    });
    const stopDelete = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source !== 'user' || !inLockedFrame(shape.id, shape.parentId)) return undefined;
      report();
      return false;
    });
    return () => {
      stopChange();
      stopDelete();
    };
  }, [editor, lockedFrames]);

  const lastFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!editor) return;
    const frameId = state.focusFrameId;
    if (frameId === lastFocus.current) return;
    lastFocus.current = frameId;
    if (frameId === null) return;
    const shapeId = frameId as TLShapeId;
    const pageId = editor.getAncestorPageId(shapeId);
    if (pageId && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId);
    const bounds = editor.getShapePageBounds(shapeId);
    if (!bounds) return;
    if (editor.getInstanceState().followingUserId) editor.stopFollowingUser();
    editor.zoomToBounds(bounds, prefersReducedMotion() ? {} : { animation: { duration: 500 } });
  }, [editor, state.focusFrameId]);
}
