import { TranslatedText } from '../translation/translated-text.tsx';
import { useId, type ReactNode } from 'react';
import { localizeShapeIdText, useTemplateTextReader } from '../template-text/template-text-reader.ts';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor, type TLShapeId } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { rankBoardIdeas, type RankedIdea } from './vote-ideas.ts';
import { RANKING_PANEL_ID, RANKING_TOGGLE_ID } from './voting-bar.tsx';
import { useVoting } from './voting-provider.tsx';

/** Props of {@link RankingPanel}. */
export interface RankingPanelProps {
  editor: Editor | null;
  /**
   * Slot under the ranking for "start the action plan from the top N" (facilitators): given the
   * ranking (see `topRanked` for the top N with ties), it renders its own control.
   */
  renderActionPlanStart?: (ranking: readonly RankedIdea[]) => ReactNode;
}

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Zooms the canvas to a note and selects it, so people see which note the ranking means. */
export function showNoteOnCanvas(editor: Editor, shapeId: string): void {
  const id = shapeId as TLShapeId;
  const bounds = editor.getShapePageBounds(id);
  if (!bounds) return;
  // Following someone would pull the view straight back.
  if (editor.getInstanceState().followingUserId !== null) editor.stopFollowingUser();
  editor.select(id);
  editor.zoomToBounds(bounds, {
    inset: 96,
    targetZoom: Math.min(1, editor.getZoomLevel() < 0.5 ? 1 : editor.getZoomLevel()),
    animation: { duration: prefersReducedMotion() ? 0 : 300 },
  });
}

/**
 * The results of a revealed dot vote beside the canvas, for everyone: ideas with the most dots
 * first (the dots on all copies of a note counted together, the idea listed once), tied ideas
 * sharing a place; choosing one shows it on the canvas. A plain ordered list
 * with headings, so screen readers read it as it looks, in either reading direction.
 */
export function RankingPanel({ editor, renderActionPlanStart }: RankingPanelProps) {
  const { t } = useTranslation();
  const { boardId, state, rankingOpen, setRankingOpen } = useVoting();
  const headingId = useId();
  const hintId = useId();
  const results = state.status === 'revealed' ? state.results : null;
  const reader = useTemplateTextReader();
  const ranking = useValue(
    'talkoot.ranking',
    () => (editor && results ? rankBoardIdeas(editor.getCurrentPageShapes(), results, boardId) : []),
    [editor, results, boardId],
  );
  if (state.status !== 'revealed' || !rankingOpen) return null;
  const total = ranking.reduce((sum, note) => sum + note.votes, 0);

  return (
    <aside id={RANKING_PANEL_ID} className="ranking-panel" aria-labelledby={headingId} data-testid="voting.ranking">
      <div className="ranking-top">
        <h2 id={headingId} className="ranking-heading">
          <Icon name="ranking" />
          {t('voting.ranking.heading')}
        </h2>
        <button
          type="button"
          className="button button-quiet"
          data-testid="voting.ranking-close"
          onClick={() => {
            setRankingOpen(false);
            // The close button goes away with the panel; focus would fall to the top of the page.
            requestAnimationFrame(() => document.getElementById(RANKING_TOGGLE_ID)?.focus());
          }}
        >
          <Icon name="close" />
          {t('voting.ranking.close')}
        </button>
      </div>
      {ranking.length === 0 ? (
        <p className="ranking-empty" data-testid="voting.ranking-empty">
          {t('voting.ranking.empty')}
        </p>
      ) : (
        <>
          <p id={hintId} className="ranking-intro">
            {t('voting.ranking.intro')}
          </p>
          <p className="ranking-total">{t('voting.ranking.total', { count: total })}</p>
          <ol className="ranking-list">
            {ranking.map((note) => (
              <li
                key={note.shapeId}
                className="ranking-item"
                data-testid="voting.ranking-entry"
                data-shape-id={note.shapeId}
                data-rank={note.rank}
                data-votes={note.votes}
              >
                <button
                  type="button"
                  className="ranking-entry"
                  aria-describedby={hintId}
                  disabled={!editor}
                  onClick={() => editor && showNoteOnCanvas(editor, note.shapeId)}
                >
                  <span className="ranking-rank" aria-hidden="true">
                    {note.rank}
                  </span>
                  <span className="visually-hidden">
                    {note.tied
                      ? t('voting.ranking.place-shared', { rank: note.rank })
                      : t('voting.ranking.place', { rank: note.rank })}
                  </span>
                  <span className="ranking-text" dir="auto" data-testid="voting.ranking-text">
                    {(() => {
                      const shown = editor ? localizeShapeIdText(editor, note.shapeId, note.text, reader) : note.text;
                      if (!shown) return t('voting.empty-note');
                      // A template's text is already in the reader's language; others may be translated.
                      return shown !== note.text ? (
                        shown
                      ) : (
                        <TranslatedText shapeId={note.shapeId} text={note.text} toggle={false} />
                      );
                    })()}
                  </span>
                  <span className="ranking-votes">
                    <Icon name="dot" />
                    {t('voting.dots', { count: note.votes })}
                  </span>
                  {note.tied ? (
                    <span className="ranking-tied" aria-hidden="true">
                      {t('voting.ranking.shared')}
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      {renderActionPlanStart ? <div className="ranking-actions">{renderActionPlanStart(ranking)}</div> : null}
    </aside>
  );
}
