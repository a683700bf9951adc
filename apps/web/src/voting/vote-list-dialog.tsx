import { TranslatedText } from '../translation/translated-text.tsx';
import { useId } from 'react';
import { localizeShapeText, useTemplateTextReader } from '../template-text/template-text-reader.ts';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { buildOutline, type OutlineNote } from '../outline/outline-model.ts';
import { VoteError } from './vote-error.tsx';
import { myDotsOnIdea, retractTarget, voteScope, type VoteScope } from './vote-ideas.ts';
import { dotsLeft } from './voting-model.ts';
import { useVoting } from './voting-provider.tsx';

/** Props of {@link VoteListDialog}. */
export interface VoteListDialogProps {
  open: boolean;
  onClose(): void;
  editor: Editor;
}

/**
 * Voting without the canvas: every idea the vote takes (the notes of its frame, if it has one;
 * a note and its copies once), frame by frame in reading order, with buttons to add and remove
 * a dot. For keyboards, screen readers and anyone who finds tapping small notes hard.
 */
export function VoteListDialog({ open, onClose, editor }: VoteListDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      heading={t('voting.list.heading')}
      intro={t('voting.list.intro')}
      testId="voting.list"
      className="dialog-wide vote-list"
    >
      <VoteListBody editor={editor} />
      <div className="dialog-actions">
        <button type="button" className="button button-primary" data-testid="voting.list-close" onClick={onClose}>
          <Icon name="close" />
          {t('voting.list.close')}
        </button>
      </div>
    </ModalDialog>
  );
}

function VoteListBody({ editor }: { editor: Editor }) {
  const { t, i18n } = useTranslation();
  const { boardId, state, mine } = useVoting();
  const rtl = i18n.dir() === 'rtl';
  const frameId = state.frameId ?? null;
  const scope = useValue('talkoot.vote-scope', () => voteScope(editor.getCurrentPageShapes(), frameId, boardId), [
    editor,
    frameId,
    boardId,
  ]);
  const reader = useTemplateTextReader();
  const outline = useValue(
    'talkoot.vote-list',
    () =>
      buildOutline(editor.getCurrentPageShapes(), {
        rtl,
        boundsOf: (shape) => editor.getShapePageBounds(shape),
        localize: (shape, stored) => localizeShapeText(shape, stored, reader),
      }),
    [editor, rtl, reader],
  );
  // Each idea once, where it comes first in reading order.
  const listed = new Set<string>();
  const votable = (notes: readonly OutlineNote[]) =>
    notes.filter((note) => {
      const idea = note.kind === 'note' ? scope.ideaOf(note.id) : null;
      if (idea === null || listed.has(idea)) return false;
      listed.add(idea);
      return true;
    });
  const sections = [
    ...outline.frames.map((frame, index) => ({
      key: frame.id as string,
      title: frame.name || t('outline.frame-untitled', { number: index + 1 }),
      notes: votable(frame.notes),
    })),
    { key: 'loose', title: t('outline.loose-heading'), notes: votable(outline.loose) },
  ].filter((section) => section.notes.length > 0);
  const votes = mine?.votes ?? null;
  const budget = votes?.budget ?? state.budget;

  return (
    <>
      <p className="voting-left" role="status" data-testid="voting.list-dots-left">
        {t('voting.banner.left', { left: votes ? dotsLeft(votes) : budget, budget })}
      </p>
      <VoteError />
      {sections.length === 0 ? (
        <p className="outline-empty">{frameId ? t('voting.list.empty-frame') : t('voting.list.empty')}</p>
      ) : null}
      {sections.map((section) => (
        <section key={section.key} className="vote-list-section">
          <h3 className="vote-list-heading" dir="auto">
            {section.title}
          </h3>
          <ul className="vote-list-notes">
            {section.notes.map((note) => (
              <VoteListItem key={note.id} note={note} scope={scope} mineNow={votes?.mine ?? null} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

interface VoteListItemProps {
  note: OutlineNote;
  scope: VoteScope;
  mineNow: Readonly<Record<string, number>> | null;
}

function VoteListItem({ note, scope, mineNow }: VoteListItemProps) {
  const { t } = useTranslation();
  const { mine } = useVoting();
  const textId = useId();
  const dots = myDotsOnIdea(mineNow, scope, note.id);
  const back = retractTarget(mineNow, scope, note.id);
  return (
    <li className="vote-list-note" data-testid="voting.list-note" data-shape-id={note.id}>
      <p id={textId} className="vote-list-text" dir="auto">
        {!(note.shown ?? note.text) ? (
          t('voting.empty-note')
        ) : note.shown !== undefined && note.shown !== note.text ? (
          note.shown
        ) : (
          <TranslatedText shapeId={note.id} text={note.text} />
        )}
      </p>
      <p className="vote-list-mine" data-count={dots}>
        {t('voting.chosen.mine', { dots })}
      </p>
      <div className="vote-list-buttons">
        <button
          type="button"
          className="button"
          data-testid="voting.list-remove"
          disabled={back === null}
          aria-describedby={textId}
          onClick={() => back !== null && mine?.change(back, -1)}
        >
          <Icon name="minus" />
          {t('voting.remove')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="voting.list-add"
          aria-describedby={textId}
          onClick={() => mine?.change(note.id, 1)}
        >
          <Icon name="plus" />
          {t('voting.add')}
        </button>
      </div>
    </li>
  );
}
