import type { Role } from '@talkoot/protocol';
import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Editor } from 'tldraw';
import type { Session } from '../board/use-session.ts';
import { Icon } from '../components/icon.tsx';
import { FacilitatorBar } from './facilitator-bar.tsx';
import { FollowingNotice, PeopleList } from './people-list.tsx';
import { currentStep } from './session-state.ts';
import { SessionTimer } from './session-timer.tsx';
import { PromoteButton } from '../promote/promote-button.tsx';
import { SeatNotice } from '../world-cafe/seat-notice.tsx';
import { StepBanner } from './step-banner.tsx';
import './session.css';

/** Props of {@link SessionBar}. */
export interface SessionBarProps {
  session: Session;
  editor: Editor | null;
  boardId: string;
  boardTitle: string;
  token: string;
  memberId: string;
  role: Role;
  /** After a facilitator removed another facilitator (the co-facilitator link changed). */
  onFacilitatorRemoved?(): Promise<void>;
  /**
   * Where the facilitator's tools open: a drawer in the column beside the canvas, so they never
   * take the canvas's height. Without it (before it is mounted), they open under the strip.
   */
  toolsDock?: HTMLElement | null;
  /** The link that makes whoever opens it a facilitator, shown in the people dialog. */
  coFacilitatorUrl?: string | undefined;
  /** After the people dialog made a new co-facilitator link. */
  onCoFacilitatorLinkRotated?(coFacilitatorUrl: string): void;
}

const isNarrow = () => window.matchMedia('(max-width: 720px)').matches;

/**
 * The workshop strip between the header and the canvas: timer, current step, notices and who
 * is here for everyone, plus the facilitator's tools (folded away on phones). Outside the
 * canvas, so it never covers tldraw's toolbar; a named region, so screen-reader users can jump
 * to it like to the header and the canvas.
 */
export function SessionBar({
  session,
  editor,
  boardId,
  boardTitle,
  token,
  memberId,
  role,
  onFacilitatorRemoved,
  toolsDock = null,
  coFacilitatorUrl,
  onCoFacilitatorLinkRotated,
}: SessionBarProps) {
  const { t } = useTranslation();
  const { state } = session;
  const step = currentStep(state);
  const position = step ? state.agenda.indexOf(step) + 1 : 0;
  const facilitator = role === 'facilitator';
  const [toolsOpen, setToolsOpen] = useState(() => !isNarrow());
  const toolsId = useId();
  const tools = (
    // A region that scrolls when panels share the column: reachable and scrollable by keyboard.
    <div
      id={toolsId}
      className="facilitator-drawer"
      hidden={!toolsOpen}
      role="region"
      aria-label={t('facilitator.tools')}
      tabIndex={0}
      data-testid="facilitator.drawer"
    >
      <FacilitatorBar
        session={session}
        editor={editor}
        boardId={boardId}
        token={token}
        memberId={memberId}
        onFacilitatorRemoved={onFacilitatorRemoved}
        coFacilitatorUrl={coFacilitatorUrl}
        onCoFacilitatorLinkRotated={onCoFacilitatorLinkRotated}
      />
    </div>
  );
  return (
    <section className="session" aria-label={t('session.bar-label')} data-testid="session.bar">
      <div className="session-bar">
        <SessionTimer timer={state.timer} clockOffsetMs={session.clockOffsetMs} />
        <StepBanner step={step} position={position} total={state.agenda.length} />
        {/* Only participants move between tables; facilitators and observers are told nothing to do. */}
        {role === 'participant' ? <SeatNotice state={state} memberId={memberId} editor={editor} /> : null}
        {state.locked && role === 'participant' ? (
          <div className="notice notice-warning" data-testid="session.locked-notice" role="status">
            <Icon name="lock" />
            <span>{t('session.locked')}</span>
          </div>
        ) : null}
        <FollowingNotice editor={editor} />
        <div className="session-bar-end">
          {role === 'observer' ? null : (
            <PromoteButton editor={editor} boardId={boardId} boardTitle={boardTitle} token={token} />
          )}
          <PeopleList editor={editor} />
          {facilitator ? (
            <button
              type="button"
              className="button button-quiet"
              aria-expanded={toolsOpen}
              aria-controls={toolsId}
              data-testid="facilitator.tools-toggle"
              onClick={() => setToolsOpen((open) => !open)}
            >
              <Icon name={toolsOpen ? 'up' : 'down'} />
              {t('facilitator.tools')}
            </button>
          ) : null}
        </div>
      </div>
      {facilitator && toolsDock ? createPortal(tools, toolsDock) : facilitator ? tools : null}
    </section>
  );
}
