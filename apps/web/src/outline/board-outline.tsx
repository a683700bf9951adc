import { TranslatedText } from '../translation/translated-text.tsx';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { localizeShapeText, useTemplateTextReader } from '../template-text/template-text-reader.ts';
import { useTranslation } from 'react-i18next';
import { createShapeId, toRichText, useValue, type Editor, type TLShapeId } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { useVoting } from '../voting/voting-provider.tsx';
import { NOTE_SIDE, freeSpotInFrame } from './note-placement.ts';
import { buildOutline, type OutlineFrame, type OutlineNote } from './outline-model.ts';
import './outline.css';

/** Props of {@link BoardOutline}. */
export interface BoardOutlineProps {
  editor: Editor;
}

/** Ctrl/Cmd+Enter saves; plain Enter keeps making new lines. */
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

/**
 * The header button and the panel it opens: every frame and note of the board as headings and
 * lists, where notes can be read, edited and added without the canvas — for screen readers,
 * keyboards and anyone who wants to read everything. A modal `<dialog>`, so focus stays inside,
 * Escape closes it and the browser returns focus to the button.
 */
export function BoardOutline({ editor }: BoardOutlineProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setAnnouncement('');
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="board.outline-open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <Icon name="agenda" />
        {t('outline.open')}
      </button>
      <dialog
        ref={dialog}
        className="dialog outline-panel"
        aria-labelledby={headingId}
        data-testid="outline.panel"
        onClose={() => setOpen(false)}
      >
        <div className="outline-top">
          <h2 id={headingId} className="dialog-heading">
            {t('outline.heading')}
          </h2>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            <Icon name="close" />
            {t('outline.close')}
          </button>
        </div>
        <p className="dialog-intro">{t('outline.intro')}</p>
        {open ? <OutlineBody editor={editor} onAnnounce={setAnnouncement} /> : null}
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </dialog>
    </>
  );
}

function OutlineBody({ editor, onAnnounce }: { editor: Editor; onAnnounce(text: string): void }) {
  const { t, i18n } = useTranslation();
  const rtl = i18n.dir() === 'rtl';
  const voting = useVoting().state;
  const reader = useTemplateTextReader();
  const votes = voting.status === 'revealed' ? voting.results : null;
  const outline = useValue(
    'talkoot.outline',
    () =>
      buildOutline(editor.getCurrentPageShapes(), {
        rtl,
        boundsOf: (shape) => editor.getShapePageBounds(shape),
        votes,
        nameOf: (userId) => editor.getAttributionDisplayName(userId),
        localize: (shape, stored) => localizeShapeText(shape, stored, reader),
      }),
    [editor, rtl, votes, reader],
  );
  const readOnly = useValue('talkoot.outline-readonly', () => editor.getIsReadonly(), [editor]);
  const actions: NoteActions = {
    readOnly,
    save(note, text) {
      const props = { richText: toRichText(text) };
      if (note.kind === 'note') editor.updateShape({ id: note.id, type: 'note', props });
      else editor.updateShape({ id: note.id, type: 'text', props });
      onAnnounce(t('outline.saved'));
    },
    add(frameId, text) {
      addNote(editor, frameId, text, rtl);
      onAnnounce(t('outline.added'));
    },
  };

  return (
    <>
      {readOnly ? <p className="outline-read-only">{t('outline.read-only')}</p> : null}
      {outline.frames.length === 0 && outline.loose.length === 0 ? (
        <p className="outline-empty">{t('outline.board-empty')}</p>
      ) : null}
      <ul className="outline-frames">
        {outline.frames.map((frame, index) => (
          <FrameSection
            key={frame.id}
            frame={frame}
            title={frame.name || t('outline.frame-untitled', { number: index + 1 })}
            actions={actions}
          />
        ))}
        {outline.loose.length > 0 || !readOnly ? (
          <FrameSection
            frame={{ id: null, notes: outline.loose }}
            title={t('outline.loose-heading')}
            actions={actions}
          />
        ) : null}
      </ul>
    </>
  );
}

interface NoteActions {
  readOnly: boolean;
  save(note: OutlineNote, text: string): void;
  /** Adds a note to a frame, or outside every frame for null. */
  add(frameId: TLShapeId | null, text: string): void;
}

/**
 * Creates a sticky note in a free spot of the frame (growing it if full), or near the viewport's
 * centre, signed by its writer as tldraw signs a note typed on the canvas.
 */
function addNote(editor: Editor, frameId: TLShapeId | null, text: string, rtl: boolean) {
  const id = createShapeId();
  const props = { richText: toRichText(text), textLastEditedBy: editor.getAttributionUserId() };
  const frame = frameId ? editor.getShape(frameId) : undefined;
  if (frame && frame.type === 'frame') {
    const occupied = editor.getSortedChildIdsForParent(frame.id).flatMap((childId) => {
      const child = editor.getShape(childId);
      const bounds = child && editor.getShapeGeometry(child).bounds;
      return child && bounds ? [{ x: child.x + bounds.x, y: child.y + bounds.y, w: bounds.w, h: bounds.h }] : [];
    });
    const spot = freeSpotInFrame(frame.props, occupied, rtl);
    editor.run(() => {
      if (spot.frameHeight > frame.props.h) {
        editor.updateShape({ id: frame.id, type: 'frame', props: { h: spot.frameHeight } });
      }
      editor.createShape({
        id,
        type: 'note',
        parentId: frame.id,
        x: spot.x,
        y: spot.y,
        props,
      });
    });
    return;
  }
  const center = editor.getViewportPageBounds().center;
  editor.createShape({
    id,
    type: 'note',
    x: center.x - NOTE_SIDE / 2,
    y: center.y - NOTE_SIDE / 2,
    props,
  });
}

function FrameSection({
  frame,
  title,
  actions,
}: {
  frame: Pick<OutlineFrame, 'notes'> & { id: TLShapeId | null };
  title: string;
  actions: NoteActions;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft === null || draft.trim() === '') return;
    actions.add(frame.id, draft.trim());
    setDraft(null);
    requestAnimationFrame(() => addButton.current?.focus());
  };

  return (
    <li className="outline-frame" data-testid="outline.frame" data-frame-id={frame.id ?? undefined}>
      <h3 id={headingId} className="outline-frame-heading" dir="auto">
        {title}
      </h3>
      {frame.notes.length === 0 ? (
        <p className="outline-empty">{t('outline.frame-empty')}</p>
      ) : (
        <ul className="outline-notes">
          {frame.notes.map((note) => (
            <NoteItem key={note.id} note={note} actions={actions} />
          ))}
        </ul>
      )}
      {actions.readOnly ? null : draft === null ? (
        <button
          ref={addButton}
          type="button"
          className="button"
          data-testid="outline.add-note"
          aria-describedby={headingId}
          onClick={() => setDraft('')}
        >
          <Icon name="plus" />
          {t('outline.add-note')}
        </button>
      ) : (
        <NoteForm
          label={t('outline.new-label')}
          value={draft}
          onChange={setDraft}
          onSubmit={submit}
          onCancel={() => {
            setDraft(null);
            requestAnimationFrame(() => addButton.current?.focus());
          }}
        />
      )}
    </li>
  );
}

function NoteItem({ note, actions }: { note: OutlineNote; actions: NoteActions }) {
  const { t } = useTranslation();
  const textId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const backToButton = () => requestAnimationFrame(() => editButton.current?.focus());

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (editing === null) return;
    actions.save(note, editing);
    setEditing(null);
    backToButton();
  };

  return (
    <li className={`outline-note outline-kind-${note.kind}`} data-testid="outline.note" data-shape-id={note.id}>
      {actions.readOnly || editing === null ? (
        <>
          <p id={textId} className="outline-note-text" dir="auto">
            {(note.shown ?? note.text) === '' ? (
              <em>{t('outline.note-empty')}</em>
            ) : note.shown !== undefined && note.shown !== note.text ? (
              note.shown
            ) : (
              <TranslatedText shapeId={note.id} text={note.text} />
            )}
          </p>
          {note.author ? (
            <p className="outline-note-author" data-testid="outline.note-author" dir="auto">
              {t('outline.author', { name: note.author })}
            </p>
          ) : null}
          {note.votes !== undefined ? (
            <p className="outline-note-votes" data-testid="outline.note-votes" data-votes={note.votes}>
              {t('voting.dots', { count: note.votes })}
            </p>
          ) : null}
          {actions.readOnly ? null : (
            <button
              ref={editButton}
              type="button"
              className="button"
              data-testid="outline.note-edit"
              aria-describedby={textId}
              onClick={() => setEditing(note.text)}
            >
              <Icon name="edit" />
              {t('outline.edit')}
            </button>
          )}
        </>
      ) : (
        <NoteForm
          label={t('outline.edit-label')}
          value={editing}
          onChange={setEditing}
          onSubmit={save}
          onCancel={() => {
            setEditing(null);
            backToButton();
          }}
        />
      )}
    </li>
  );
}

function NoteForm({
  label,
  value,
  onChange,
  onSubmit,
  onCancel,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  onSubmit(event: FormEvent): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  return (
    <form className="outline-form" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <textarea
        id={inputId}
        className="field-input outline-input"
        data-testid="outline.note-input"
        rows={3}
        maxLength={2000}
        dir="auto"
        value={value}
        autoFocus
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // Escape leaves the form, not the whole panel.
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
            return;
          }
          submitOnModEnter(event);
        }}
      />
      <div className="outline-form-actions">
        <button type="submit" className="button button-primary" data-testid="outline.note-save">
          <Icon name="check" />
          {t('outline.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('outline.cancel')}
        </button>
      </div>
    </form>
  );
}
