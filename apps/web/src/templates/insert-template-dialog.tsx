import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Box, type Editor } from 'tldraw';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { paramsToSend, type TemplateChoice } from './template-choice.ts';
import { TemplatePicker } from './template-picker.tsx';
import { useTemplates } from './use-templates.ts';
import { Icon } from '../components/icon.tsx';

/** Props of {@link InsertTemplateDialog}. */
export interface InsertTemplateDialogProps {
  boardId: string;
  /** A facilitator's token. */
  token: string;
  editor: Editor | null;
  open: boolean;
  onClose(): void;
}

/**
 * For facilitators: add another method (say a prioritisation after a journey map) to the board
 * in use. The server lays it out beside what is there and appends its steps to the agenda;
 * the canvas then moves to it.
 */
export function InsertTemplateDialog({ boardId, token, editor, open, onClose }: InsertTemplateDialogProps) {
  const { t } = useTranslation();
  const { templates, failed, retry } = useTemplates();
  const [choice, setChoice] = useState<TemplateChoice>({ template: 'prioritisation', params: {} });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | 'templates.insert.agenda-full' | null>(null);
  // Blank adds nothing to a board that exists; it is not offered here.
  const offered = templates?.filter((tpl) => tpl.id !== 'blank') ?? null;
  const chosen = offered?.find((tpl) => tpl.id === choice.template);

  const close = () => {
    setError(null);
    onClose();
  };

  const insert = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    try {
      const placed = await apiClient.insertTemplate(boardId, token, {
        template: chosen.id,
        templateParams: paramsToSend(chosen, choice.params),
      });
      const { x, y, w, h } = placed.bounds;
      // The new shapes arrive over the sync socket; the camera can move before they do.
      editor?.zoomToBounds(new Box(x, y, w, h), { inset: 64, animation: { duration: 300 } });
      setBusy(false);
      close();
    } catch (caught) {
      setBusy(false);
      const reason = (caught as { reason?: unknown }).reason;
      setError(reason === 'agenda-full' ? 'templates.insert.agenda-full' : actionErrorKey(caught));
    }
  };

  return (
    <ModalDialog
      open={open}
      onClose={close}
      heading={t('templates.insert.heading')}
      intro={t('templates.insert.intro')}
      testId="templates.insert.dialog"
    >
      {offered ? (
        <TemplatePicker templates={offered} value={choice} onChange={setChoice} testId="templates.insert" />
      ) : failed ? (
        <p className="form-error" role="alert">
          {t('templates.load-failed')}{' '}
          <button type="button" className="button button-quiet" onClick={retry}>
            <Icon name="refresh" />
            {t('templates.retry')}
          </button>
        </p>
      ) : (
        <p role="status">{t('templates.loading')}</p>
      )}
      {error ? (
        <p className="form-error" role="alert" data-testid="templates.insert.error">
          {t(error)}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close}>
          {t('templates.insert.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="templates.insert.submit"
          disabled={!chosen || busy}
          onClick={() => void insert()}
        >
          <Icon name="template" />
          {busy ? t('templates.insert.busy') : t('templates.insert.submit')}
        </button>
      </div>
    </ModalDialog>
  );
}
