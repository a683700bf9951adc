import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/icon.tsx';
import type { PrivateNote } from './private-note-record.ts';
import type { PrivateNotes } from './use-private-notes.ts';
import './private.css';

/** Props of {@link PrivatePanel}. */
export interface PrivatePanelProps {
  privateNotes: PrivateNotes;
}

/** Ctrl/Cmd+Enter submits a textarea's form; plain Enter keeps making new lines. */
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

/**
 * While private writing is on: where a participant writes notes only they and the facilitators
 * see, until the facilitator reveals them onto the board.
 */
export function PrivatePanel({ privateNotes }: PrivatePanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const inputId = useId();
  const [draft, setDraft] = useState('');
  const { notes, ready, add } = privateNotes;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (add(draft)) setDraft('');
  };

  return (
    <aside className="private-panel" aria-labelledby={headingId} data-testid="private.panel">
      <h2 id={headingId} className="private-heading">
        <Icon name="lock" />
        {t('private.heading')}
      </h2>
      <p className="private-intro">{t('private.intro')}</p>
      <form className="private-form" onSubmit={submit}>
        <label htmlFor={inputId} className="field-label">
          {t('private.input-label')}
        </label>
        <textarea
          id={inputId}
          className="field-input private-input"
          data-testid="private.input"
          rows={4}
          maxLength={2000}
          dir="auto"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={submitOnModEnter}
        />
        <button
          type="submit"
          className="button button-primary"
          data-testid="private.add"
          disabled={!ready || draft.trim() === ''}
        >
          <Icon name="plus" />
          {t('private.add')}
        </button>
        {ready ? null : (
          <p className="private-status" role="status">
            {t('private.connecting')}
          </p>
        )}
      </form>
      <h3 className="private-list-heading">{t('private.list-heading')}</h3>
      {notes.length === 0 ? (
        <p className="private-empty">{t('private.empty')}</p>
      ) : (
        <ul className="private-list">
          {notes.map((note) => (
            <PrivateNoteItem key={note.id} note={note} privateNotes={privateNotes} />
          ))}
        </ul>
      )}
    </aside>
  );
}

function PrivateNoteItem({ note, privateNotes }: { note: PrivateNote; privateNotes: PrivateNotes }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (editing === null || editing.trim() === '') return;
    privateNotes.update(note.id, editing);
    setEditing(null);
  };

  if (editing !== null) {
    return (
      <li className="private-note" data-testid="private.note">
        <form className="private-form" onSubmit={save}>
          <textarea
            className="field-input private-input"
            aria-label={t('private.edit-label')}
            data-testid="private.edit-input"
            rows={3}
            maxLength={2000}
            dir="auto"
            value={editing}
            autoFocus
            onChange={(event) => setEditing(event.target.value)}
            onKeyDown={submitOnModEnter}
          />
          <div className="private-note-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="private.save"
              disabled={editing.trim() === ''}
            >
              <Icon name="check" />
              {t('private.save')}
            </button>
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t('private.cancel')}
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="private-note" data-testid="private.note">
      <p className="private-note-text" dir="auto">
        {note.text}
      </p>
      <div className="private-note-actions">
        <button type="button" className="button" data-testid="private.edit" onClick={() => setEditing(note.text)}>
          <Icon name="edit" />
          {t('private.edit')}
        </button>
        <button
          type="button"
          className="button button-danger"
          data-testid="private.delete"
          onClick={() => privateNotes.remove(note.id)}
        >
          <Icon name="remove" />
          {t('private.delete')}
        </button>
      </div>
    </li>
  );
}
