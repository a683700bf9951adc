import { Box, react, type Editor, type TLCamera } from 'tldraw';

/**
 * Following never zooms a follower out further than this: tldraw fits the leader's whole
 * screen into the follower's, so a portrait tablet following a wide laptop that shows the whole
 * board landed at 8 % (notes as dots). Below it, the follower sees the middle of the leader's view.
 */
export const MIN_FOLLOW_ZOOM = 0.3;

const ownViews = new WeakMap<Editor, TLCamera>();

type FollowBounds = () => Box | null;

/**
 * The area a follower is shown: the leader's view fitted to the follower's screen, but never
 * below {@link MIN_FOLLOW_ZOOM}, centred on the leader's view.
 */
export function clampFollowViewport(viewport: Box, screenWidth: number, screenHeight: number): Box {
  const zoom = screenWidth / viewport.w;
  if (zoom >= MIN_FOLLOW_ZOOM) return viewport;
  const w = screenWidth / MIN_FOLLOW_ZOOM;
  const h = screenHeight / MIN_FOLLOW_ZOOM;
  const { x: cx, y: cy } = viewport.center;
  return new Box(cx - w / 2, cy - h / 2, w, h);
}

/**
 * Makes following fit and reversible on this editor: remembers the person's own view while they
 * follow nobody (so {@link stopFollowing} can bring it back) and caps how far following zooms out.
 * tldraw computes the follower's view in a private method (`getViewportPageBoundsForFollowing`,
 * used for chasing and for the locked camera alike); it is wrapped on this editor only. If a
 * tldraw upgrade renames it, following still works, only uncapped, and the tablet e2e test fails.
 * Returns the clean-up.
 */
export function installFollowView(editor: Editor): () => void {
  const target = editor as unknown as { getViewportPageBoundsForFollowing?: FollowBounds };
  const original = target.getViewportPageBoundsForFollowing;
  if (typeof original === 'function') {
    target.getViewportPageBoundsForFollowing = function (this: Editor) {
      const viewport = original.call(this);
      if (!viewport) return viewport;
      const screen = this.getViewportScreenBounds();
      return clampFollowViewport(viewport, screen.w, screen.h);
    };
  } else {
    console.warn('tldraw changed: following is not capped at a readable zoom');
  }
  const stop = react('talkoot.own-view', () => {
    const following = editor.getInstanceState().followingUserId;
    const camera = editor.getCamera();
    if (following === null) ownViews.set(editor, { ...camera });
  });
  return () => {
    stop();
    if (typeof original === 'function') target.getViewportPageBoundsForFollowing = original;
  };
}

/** Stops following and brings back the view this person had before they began to follow. */
export function stopFollowing(editor: Editor, { restore = true } = {}): void {
  if (editor.getInstanceState().followingUserId === null) return;
  const own = ownViews.get(editor);
  editor.stopFollowingUser();
  if (!restore || !own) return;
  const reduced =
    window.matchMedia('(prefers-reduced-motion: reduce)').matches || editor.user.getAnimationSpeed() === 0;
  editor.setCamera(own, reduced ? {} : { animation: { duration: 300 } });
}
