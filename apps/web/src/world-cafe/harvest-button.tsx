import type { SessionState } from '@talkoot/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor, TLShapeId } from 'tldraw';
import { actionErrorKey, apiClient } from '../api-client.ts';
import { Icon } from '../components/icon.tsx';
import { worldCafeStep, zoomToFrame } from './world-cafe-frames.ts';
import './world-cafe.css';

/** Props of {@link HarvestButton}. */
export interface HarvestButtonProps {
  state: SessionState;
  boardId: string;
  token: string;
  editor: Editor | null;
}

/**
 * For facilitators, during a world café's harvest step: gather every table's notes into the
 * harvest frame (the server copies them, once) and show the frame to the room.
 */
export function HarvestButton({ state, boardId, token, editor }: HarvestButtonProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ notes: number } | null>(null);
  const [error, setError] = useState<ReturnType<typeof actionErrorKey> | null>(null);
  const step = worldCafeStep(state.currentStepId);
  if (step?.kind !== 'harvest') return null;

  const harvest = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await apiClient.harvestWorldCafe(boardId, token, step.instance);
      setResult({ notes: done.notes });
      if (editor) {
        // The copies arrive over the sync socket; wait a moment for the frame's new size.
        const frameId = done.frameId as TLShapeId;
        setTimeout(() => zoomToFrame(editor, frameId), 400);
      }
    } catch (caught) {
      setError(actionErrorKey(caught));
    }
    setBusy(false);
  };

  return (
    <>
      <button
        type="button"
        className="button button-primary"
        data-testid="world-cafe.harvest"
        disabled={busy}
        onClick={() => void harvest()}
      >
        <Icon name="harvest" />
        {busy ? t('world-cafe.harvest.busy') : t('world-cafe.harvest.run')}
      </button>
      <span role="status" className="tool-status" data-testid="world-cafe.harvest.status">
        {result ? t('world-cafe.harvest.done', { notes: result.notes }) : ''}
        {error ? t(error) : ''}
      </span>
    </>
  );
}
