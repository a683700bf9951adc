import { useId, useState } from 'react';
import { localizeShapeText, useTemplateTextReader } from '../template-text/template-text-reader.ts';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor, type TLShapeId } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { plainTextOf } from '../outline/outline-model.ts';
import { VoteError } from './vote-error.tsx';
import { VoteListDialog } from './vote-list-dialog.tsx';
import { myDotsOnIdea, retractTarget, voteScope } from './vote-ideas.ts';
import { dotsLeft, votableNoteId } from './voting-model.ts';
import { useVoting } from './voting-provider.tsx';

/** Props of {@link VotingBar}. */
export interface VotingBarProps {
  editor: Editor | null;
}

/** The id of the ranking panel, which the strip's "show the results" button controls. */
export const RANKING_PANEL_ID = 'voting-ranking';
/** The id of that button, which gets focus back when the panel closes. */
export const RANKING_TOGGLE_ID = 'voting-ranking-toggle';

/**
 * The dot-voting strip under the session bar. While voting is open: how many dots are left,
 * the chosen note and big "add a dot" / "remove a dot" buttons (tap a note, then a button),
 * and a list of all notes for keyboards and screen readers. Once revealed: a button for the
 * ranking. Nothing while there is no vote. Always a named region, like the session bar above it.
 */
export function VotingBar({ editor }: VotingBarProps) {
  const { t } = useTranslation();
  const { state, mine, rankingOpen, setRankingOpen } = useVoting();

  if (state.status === 'revealed') {
    return (
      <section
        className="voting-bar"
        aria-label={t('voting.bar-label')}
        data-testid="voting.bar"
        data-status="revealed"
      >
        <p className="voting-bar-title">
          <Icon name="ranking" />
          {t('voting.banner.revealed')}
        </p>
        <button
          type="button"
          id={RANKING_TOGGLE_ID}
          className="button"
          data-testid="voting.ranking-toggle"
          aria-expanded={rankingOpen}
          aria-controls={rankingOpen ? RANKING_PANEL_ID : undefined}
          onClick={() => setRankingOpen(!rankingOpen)}
        >
          <Icon name="ranking" />
          {rankingOpen ? t('voting.ranking.hide') : t('voting.ranking.show')}
        </button>
      </section>
    );
  }
  if (state.status === 'closed') {
    // "Closed" is also how a board starts; only people who voted need to hear it ended.
    if (!mine?.votes || mine.votes.used === 0) return null;
    return (
      <section className="voting-bar" aria-label={t('voting.bar-label')} data-testid="voting.bar" data-status="closed">
        <p className="voting-bar-title" role="status">
          <Icon name="dot" />
          {t('voting.banner.closed')}
        </p>
      </section>
    );
  }
  if (!mine) {
    return (
      <section className="voting-bar" aria-label={t('voting.bar-label')} data-testid="voting.bar" data-status="open">
        <p className="voting-bar-title" role="status">
          <Icon name="dot" />
          {t('voting.banner.observer')}
        </p>
      </section>
    );
  }
  return <OpenVotingBar editor={editor} />;
}

function OpenVotingBar({ editor }: VotingBarProps) {
  const { t } = useTranslation();
  const { boardId, state, mine } = useVoting();
  const frameId = state.frameId ?? null;
  const [listOpen, setListOpen] = useState(false);
  const headingId = useId();
  const chosenTextId = useId();
  const reader = useTemplateTextReader();
  const selected = useValue(
    'talkoot.voting-selected-note',
    () => {
      const shape = editor?.getOnlySelectedShape();
      const id = votableNoteId(shape);
      if (!id || !shape || !editor) return null;
      return {
        id,
        text: localizeShapeText(shape, plainTextOf((shape.props as { richText?: unknown }).richText), reader),
        // Which notes this vote takes, and which are copies of one idea (mine count on all of them).
        scope: voteScope(editor.getCurrentPageShapes(), frameId, boardId),
      };
    },
    [editor, reader, frameId, boardId],
  );
  const frameName = useValue(
    'talkoot.voting-frame-name',
    () => {
      const frame = frameId && editor ? editor.getShape(frameId as TLShapeId) : undefined;
      if (!frame) return '';
      return localizeShapeText(frame, String((frame.props as { name?: unknown }).name ?? ''), reader);
    },
    [editor, frameId, reader],
  );
  if (!mine) return null;
  const votes = mine.votes;
  const budget = votes?.budget ?? state.budget;
  const left = votes ? dotsLeft(votes) : budget;
  const inVote = selected !== null && selected.scope.ideaOf(selected.id) !== null;
  const here = selected && inVote ? myDotsOnIdea(votes?.mine ?? null, selected.scope, selected.id) : 0;
  const back = selected && inVote ? retractTarget(votes?.mine ?? null, selected.scope, selected.id) : null;

  return (
    <section className="voting-bar" aria-labelledby={headingId} data-testid="voting.bar" data-status="open">
      <div className="voting-bar-status">
        <h2 id={headingId} className="voting-bar-title">
          <Icon name="dot" />
          {t('voting.banner.open')}
        </h2>
        <p className="voting-left" role="status" data-testid="voting.dots-left" data-left={left}>
          {t('voting.banner.left', { left, budget })}
        </p>
      </div>
      <div className="voting-choice">
        {selected && !inVote ? (
          <p className="voting-chosen" role="status" data-testid="voting.not-in-vote">
            {frameName ? t('voting.chosen.outside-frame', { frame: frameName }) : t('voting.chosen.not-votable')}
          </p>
        ) : selected ? (
          <p className="voting-chosen" data-testid="voting.chosen">
            <span className="voting-chosen-label">{t('voting.chosen.label')}</span>{' '}
            <bdi id={chosenTextId} className="voting-chosen-text" dir="auto">
              {selected.text || t('voting.empty-note')}
            </bdi>{' '}
            <span className="voting-chosen-mine" data-testid="voting.mine-here" data-count={here}>
              {t('voting.chosen.mine', { dots: here })}
            </span>
          </p>
        ) : (
          <p className="voting-hint">
            {frameName ? t('voting.chosen.hint-frame', { frame: frameName }) : t('voting.chosen.hint')}
          </p>
        )}
        <div className="voting-buttons">
          <button
            type="button"
            className="button button-primary voting-big"
            data-testid="voting.add"
            disabled={!selected || !inVote}
            aria-describedby={selected && inVote ? chosenTextId : undefined}
            onClick={() => selected && inVote && mine.change(selected.id as TLShapeId, 1)}
          >
            <Icon name="plus" />
            {t('voting.add')}
          </button>
          <button
            type="button"
            className="button voting-big"
            data-testid="voting.remove"
            disabled={back === null}
            aria-describedby={selected && inVote ? chosenTextId : undefined}
            onClick={() => back !== null && mine.change(back, -1)}
          >
            <Icon name="minus" />
            {t('voting.remove')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="voting.list-open"
            aria-haspopup="dialog"
            onClick={() => setListOpen(true)}
          >
            <Icon name="agenda" />
            {t('voting.list.open')}
          </button>
        </div>
      </div>
      {mine.error && !listOpen ? <VoteError /> : null}
      {editor ? <VoteListDialog open={listOpen} onClose={() => setListOpen(false)} editor={editor} /> : null}
    </section>
  );
}
