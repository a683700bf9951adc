import type { DocumentInfo } from '@talkoot/protocol';
import { DOCUMENT_INFO_LIMITS } from '@talkoot/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../board/use-session.ts';

type LineField = 'title' | 'organiser' | 'place' | 'version';
type TextField = 'summary' | 'representativeness' | 'conclusions';

/**
 * The strategy document's own fields, for the facilitator before exporting: the cover (title,
 * organiser, date and place, status, version) and the executive summary, limits of
 * representativeness and conclusions. Saved on the board with `document.set`; the server checks
 * them. Edited locally until saved, so typing sends nothing.
 */
export function DocumentFields({ session }: { session: Session }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<DocumentInfo>(session.state.document);
  const set = (patch: Partial<DocumentInfo>) => setDraft((d) => ({ ...d, ...patch }));
  const labels: Record<LineField | TextField, string> = {
    title: t('export-dialog.document.title'),
    organiser: t('export.cover.organiser'),
    place: t('export.cover.place'),
    version: t('export.cover.version'),
    summary: t('export.heading.summary'),
    representativeness: t('export.method.representativeness'),
    conclusions: t('export.heading.conclusions'),
  };
  const line = (field: LineField) => (
    <div className="field" key={field}>
      <label htmlFor={`${id}-${field}`} className="field-label">
        {labels[field]}
      </label>
      <input
        id={`${id}-${field}`}
        className="field-input"
        dir="auto"
        value={draft[field]}
        maxLength={field === 'version' ? DOCUMENT_INFO_LIMITS.version : DOCUMENT_INFO_LIMITS.line}
        onChange={(event) => set({ [field]: event.target.value })}
        data-testid={`export.document.${field}`}
      />
    </div>
  );
  const text = (field: TextField) => (
    <div className="field" key={field}>
      <label htmlFor={`${id}-${field}`} className="field-label">
        {labels[field]}
      </label>
      <textarea
        id={`${id}-${field}`}
        className="field-input"
        dir="auto"
        rows={3}
        value={draft[field]}
        maxLength={DOCUMENT_INFO_LIMITS.text}
        onChange={(event) => set({ [field]: event.target.value })}
        data-testid={`export.document.${field}`}
      />
    </div>
  );
  return (
    <details className="export-redact" data-testid="export.document">
      <summary>{t('export-dialog.document.heading')}</summary>
      <p className="field-hint">{t('export-dialog.document.hint')}</p>
      {line('title')}
      {line('organiser')}
      <div className="field">
        <label htmlFor={`${id}-date`} className="field-label">
          {t('export.cover.date')}
        </label>
        <input
          id={`${id}-date`}
          type="date"
          className="field-input"
          value={draft.date}
          onChange={(event) => set({ date: event.target.value })}
          data-testid="export.document.date"
        />
      </div>
      {line('place')}
      <div className="field">
        <label htmlFor={`${id}-status`} className="field-label">
          {t('export.cover.status')}
        </label>
        <select
          id={`${id}-status`}
          className="field-input"
          value={draft.status}
          onChange={(event) => set({ status: event.target.value === 'final' ? 'final' : 'draft' })}
          data-testid="export.document.status"
        >
          <option value="draft">{t('export.document-status.draft')}</option>
          <option value="final">{t('export.document-status.final')}</option>
        </select>
      </div>
      {line('version')}
      {text('summary')}
      {text('representativeness')}
      {text('conclusions')}
      <button
        type="button"
        className="button"
        onClick={() => void session.sendCommand({ type: 'document.set', document: draft })}
        data-testid="export.document.save"
      >
        {t('export-dialog.document.save')}
      </button>
    </details>
  );
}
