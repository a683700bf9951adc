import type { TLComponents } from 'tldraw';
import { FrameLockBadges } from '../session/frame-locks.tsx';
import { VoteBadges } from '../voting/vote-badges.tsx';

/** What Talkoot draws on the canvas over the shapes: vote dots and the padlocks of locked frames. */
function CanvasOverlays() {
  return (
    <>
      <VoteBadges />
      <FrameLockBadges />
    </>
  );
}

/** tldraw components of the board canvas; module scope, as tldraw wants them stable. */
export const boardCanvasComponents: TLComponents = { OnTheCanvas: CanvasOverlays };
