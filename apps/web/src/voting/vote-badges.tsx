import { useEditor, useValue, type TLComponents, type TLShapeId } from 'tldraw';
import { rankBoardIdeas, voteScope } from './vote-ideas.ts';
import { useVoting } from './voting-provider.tsx';
import './voting.css';

interface PlacedBadge {
  shapeId: string;
  count: number;
  /** The note's top right corner, in page space. */
  x: number;
  y: number;
}

/** Below this zoom badges stop shrinking with the board, so they stay readable on a projector. */
const READABLE_ZOOM = 0.6;
/** Dots drawn one by one up to this many; more show as one dot and a number. */
const MAX_DRAWN_DOTS = 5;

/**
 * Dots on the canvas, at each note's top corner and moving with it: while voting, my own dots
 * (nobody else's: votes are secret); once revealed, each idea's total (its copies' dots added
 * up) on every note of it the vote took. Read from the session
 * and my ballot, never written into the shapes. Hidden from screen readers, which get the
 * same numbers from the ranking and the outline.
 */
export function VoteBadges() {
  const editor = useEditor();
  const { boardId, state, mine } = useVoting();
  const revealed = state.status === 'revealed';
  const results = revealed ? state.results : null;
  const frameId = state.frameId ?? null;
  const myCounts = revealed ? null : (mine?.votes?.mine ?? null);
  const badges = useValue(
    'talkoot.vote-badges',
    () => {
      let counts = myCounts;
      if (results) {
        const shapes = editor.getCurrentPageShapes();
        const scope = voteScope(shapes, frameId, boardId);
        counts = {};
        for (const idea of rankBoardIdeas(shapes, results, boardId)) {
          const notes = scope.notesOf(idea.origin);
          for (const id of notes.length > 0 ? notes : [idea.shapeId]) counts[id] = idea.votes;
        }
      }
      if (!counts) return [];
      const pageId = editor.getCurrentPageId();
      const placed: PlacedBadge[] = [];
      for (const [shapeId, count] of Object.entries(counts)) {
        if (count <= 0) continue;
        const shape = editor.getShape(shapeId as TLShapeId);
        if (!shape || shape.type !== 'note' || editor.getAncestorPageId(shape) !== pageId) continue;
        const bounds = editor.getShapePageBounds(shape);
        if (bounds) placed.push({ shapeId, count, x: bounds.maxX, y: bounds.minY });
      }
      return placed;
    },
    [editor, myCounts, results, frameId, boardId],
  );
  const scale = useValue('talkoot.vote-badge-scale', () => Math.max(1, READABLE_ZOOM / editor.getZoomLevel()), [
    editor,
  ]);
  if (badges.length === 0) return null;

  return (
    <div className="vote-badges" aria-hidden="true">
      {badges.map((badge) => {
        const style = { transform: `translate(${badge.x}px, ${badge.y}px) scale(${scale}) translate(-70%, -30%)` };
        return revealed ? (
          <div
            key={badge.shapeId}
            className="vote-badge vote-badge-total"
            data-testid="voting.badge"
            data-shape-id={badge.shapeId}
            style={style}
          >
            {badge.count}
          </div>
        ) : (
          <div
            key={badge.shapeId}
            className="vote-badge vote-badge-mine"
            data-testid="voting.my-dots"
            data-shape-id={badge.shapeId}
            data-count={badge.count}
            style={style}
          >
            {Array.from({ length: badge.count > MAX_DRAWN_DOTS ? 1 : badge.count }, (_, i) => (
              <span key={i} className="vote-dot" />
            ))}
            {badge.count > MAX_DRAWN_DOTS ? <span className="vote-dot-count">{badge.count}</span> : null}
          </div>
        );
      })}
    </div>
  );
}

/** tldraw components that draw the vote on the canvas; module scope, as tldraw wants them stable. */
export const votingCanvasComponents: TLComponents = { OnTheCanvas: VoteBadges };
