import { SUPPORTED_LANGUAGES } from '@talkoot/locales';
import { EXPORT_FORMATS, type ExportFormat, languageSchema } from '@talkoot/protocol';
import { hiddenWithCopies } from '@talkoot/templates';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor } from 'tldraw';
import { actionErrorKey } from '../api-client.ts';
import type { Session } from '../board/use-session.ts';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { plainTextOf } from '../outline/outline-model.ts';
import { DocumentFields } from './document-fields.tsx';
import { downloadExport, saveFile } from './download-export.ts';
import './export.css';
import { Icon } from '../components/icon.tsx';

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  boardId: string;
  /** A facilitator's token. */
  token: string;
  editor: Editor | null;
  session: Session;
  open: boolean;
  onClose(): void;
}

/**
 * For facilitators: take the workshop away as a strategy document (Word), Markdown, a
 * spreadsheet of the action plan, JSON, or an image of the board. The server builds the file
 * from the stored board, the same as the API gives automation. Before exporting, notes can be
 * left out (they stay on the board) and names are left out unless chosen.
 */
export function ExportDialog({ boardId, token, editor, session, open, onClose }: ExportDialogProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = languageSchema.safeParse(i18n.resolvedLanguage);
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [language, setLanguage] = useState(current.success ? current.data : 'en');
  const [names, setNames] = useState(false);
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const redacted = new Set(session.state.redactedShapeIds);
  const shapes = useValue('talkoot.export-shapes', () => (open && editor ? editor.getCurrentPageShapes() : []), [
    editor,
    open,
  ]);
  const notes = shapes
    .filter((shape) => shape.type === 'note')
    .map((shape) => ({ id: shape.id, text: plainTextOf((shape.props as { richText?: unknown }).richText) }));
  // A copy of a left-out note (a harvest copy, a need sent on) is left out with it, as the server does.
  const hidden = hiddenWithCopies(shapes, { boardId, redactedShapeIds: session.state.redactedShapeIds });
  const busy = progress !== undefined;

  const close = () => {
    abort.current?.abort();
    setProgress(undefined);
    setError(null);
    setDone(null);
    onClose();
  };

  const run = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setDone(null);
    try {
      const file = await downloadExport(boardId, token, { format, language, names }, setProgress, controller.signal);
      saveFile(file.blob, file.fileName);
      setDone(file.fileName);
    } catch (caught) {
      if (!controller.signal.aborted) setError(actionErrorKey(caught));
    }
    setProgress(undefined);
  };

  return (
    <ModalDialog
      open={open}
      onClose={close}
      heading={t('export-dialog.heading')}
      intro={t('export-dialog.intro')}
      testId="export.dialog"
      className="export-dialog"
    >
      <fieldset className="template-options">
        <legend className="field-label">{t('export-dialog.format-label')}</legend>
        {EXPORT_FORMATS.map((f) => (
          <div key={f} className="template-option">
            <input
              type="radio"
              id={`${id}-${f}`}
              name={`${id}-format`}
              checked={format === f}
              onChange={() => setFormat(f)}
              data-testid={`export.format.${f}`}
            />
            <label htmlFor={`${id}-${f}`} className="template-option-label">
              <span className="template-option-name">{t(`export-dialog.format.${f}`)}</span>
              <span className="template-option-description">{t(`export-dialog.format.${f}.description`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-language`} className="field-label">
          {t('export-dialog.language-label')}
        </label>
        <select
          id={`${id}-language`}
          className="field-input"
          value={language}
          onChange={(event) => {
            const chosen = languageSchema.safeParse(event.target.value);
            if (chosen.success) setLanguage(chosen.data);
          }}
          data-testid="export.language"
        >
          {SUPPORTED_LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code} dir={l.dir}>
              {i18n.getFixedT(l.code)('language.name')}
            </option>
          ))}
        </select>
      </div>
      <div className="export-check">
        <input
          type="checkbox"
          id={`${id}-names`}
          checked={names}
          onChange={(event) => setNames(event.target.checked)}
          data-testid="export.names"
        />
        <label htmlFor={`${id}-names`}>{t('export-dialog.names')}</label>
      </div>
      <DocumentFields session={session} />
      {notes.length > 0 ? (
        <details className="export-redact">
          <summary>
            {t('export-dialog.redact.heading', { hidden: notes.filter((n) => hidden.has(n.id)).length })}
          </summary>
          <p className="field-hint">{t('export-dialog.redact.hint')}</p>
          <ul>
            {notes.map((note) => (
              <li key={note.id} className="export-check">
                <input
                  type="checkbox"
                  id={`${id}-${note.id}`}
                  checked={hidden.has(note.id)}
                  disabled={hidden.has(note.id) && !redacted.has(note.id)}
                  onChange={(event) =>
                    void session.sendCommand({
                      type: 'export.redact',
                      shapeIds: [note.id],
                      redacted: event.target.checked,
                    })
                  }
                  data-testid="export.redact.note"
                />
                <label htmlFor={`${id}-${note.id}`} dir="auto">
                  {note.text || t('export-dialog.redact.empty-note')}
                  {hidden.has(note.id) && !redacted.has(note.id) ? (
                    <span className="field-hint"> ({t('export-dialog.redact.copy')})</span>
                  ) : null}
                </label>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div role="status" className="export-progress" data-testid="export.status">
        {busy ? (
          <>
            <span>{progress === null ? t('export-dialog.preparing') : t('export-dialog.downloading')}</span>
            <progress
              max={1}
              {...(progress === null ? {} : { value: progress })}
              aria-label={t('export-dialog.progress')}
            />
          </>
        ) : done ? (
          t('export-dialog.done', { file: done })
        ) : (
          ''
        )}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close}>
          <Icon name="close" />
          {t('export-dialog.close')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void run()}
          data-testid="export.download"
        >
          <Icon name="download" />
          {t('export-dialog.download')}
        </button>
      </div>
    </ModalDialog>
  );
}
