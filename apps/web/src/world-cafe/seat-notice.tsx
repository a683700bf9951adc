import type { SessionState } from '@talkoot/protocol';
import { useTranslation } from 'react-i18next';
import type { Editor } from 'tldraw';
import { Icon } from '../components/icon.tsx';
import { findCafeFrame, worldCafeStep, zoomToFrame } from './world-cafe-frames.ts';

/** Props of {@link SeatNotice}. */
export interface SeatNoticeProps {
  state: SessionState;
  memberId: string;
  editor: Editor | null;
}

/**
 * World café: "Round 2 — your table: Table 3", with a button that shows that table, for each
 * participant while a round runs. People who joined after the round began, and anyone with
 * no suggestion, are told to pick a table with space.
 */
export function SeatNotice({ state, memberId, editor }: SeatNoticeProps) {
  const { t } = useTranslation();
  const seating = state.seating;
  if (!seating || seating.stepId !== state.currentStepId) return null;
  const table = seating.seats[memberId];
  const instance = worldCafeStep(seating.stepId)?.instance;
  const frameId = editor && table !== undefined ? findCafeFrame(editor, instance, table) : null;
  return (
    <div className="notice notice-info" role="status" data-testid="world-cafe.seat">
      <span>
        {table === undefined
          ? t('world-cafe.seat.none', { round: seating.round })
          : t('world-cafe.seat.table', { round: seating.round, table })}
      </span>
      {editor && frameId ? (
        <button
          type="button"
          className="button button-quiet"
          data-testid="world-cafe.seat.show"
          onClick={() => zoomToFrame(editor, frameId)}
        >
          <Icon name="focus" />
          {t('world-cafe.seat.show')}
        </button>
      ) : null}
    </div>
  );
}
