import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor } from 'tldraw';
import { ApiError, apiClient, type BoardDetails } from '../api-client.ts';
import { BoardCanvas } from '../board/board-canvas.tsx';
import { BoardMessage } from '../board/board-message.tsx';
import { createBoardUser } from '../board/board-user.ts';
import { useQrCode } from '../board/qr-code.ts';
import { useBoardConnection } from '../board/use-board-connection.ts';
import { useSession } from '../board/use-session.ts';
import { useClientConfig } from '../client-config.ts';
import { Icon } from '../components/icon.tsx';
import { useDocumentTitle } from '../components/use-document-title.ts';
import { languageFor } from '../i18n.ts';
import { browserStorage, loadSession, type BoardSession } from '../local-session.ts';
import { currentStep } from '../session/session-state.ts';
import { SessionTimer } from '../session/session-timer.tsx';
import { useSessionEditorEffects } from '../session/use-session-editor-effects.ts';
import { localizeAgendaStep, useTemplateTextReader } from '../template-text/template-text-reader.ts';
import { boardCanvasComponents } from '../board/canvas-overlays.tsx';
import { LockedFramesProvider } from '../session/frame-locks.tsx';
import { VotingProvider } from '../voting/voting-provider.tsx';
import { FatalMessage, NoSession } from './board-screen.tsx';
import '../session/session.css';

/** Props of {@link ProjectorScreen}. */
export interface ProjectorScreenProps {
  boardId: string;
}

/** How often the projector re-reads the board, so a new join code shows up. */
const META_REFRESH_MS = 20_000;

/**
 * `/b/<boardId>/projector`: the board for the wall. Read-only canvas, large timer, current step
 * and how to join. Uses this browser's session for the board (normally the facilitator's).
 */
export function ProjectorScreen({ boardId }: ProjectorScreenProps) {
  const session = useMemo(() => loadSession(browserStorage(), boardId), [boardId]);
  if (!session) return <NoSession />;
  return <ProjectorLoader key={boardId} boardId={boardId} session={session} />;
}

function ProjectorLoader({ boardId, session }: { boardId: string; session: BoardSession }) {
  const { t } = useTranslation();
  const [meta, setMeta] = useState<BoardDetails | null>(null);
  const [failedStatus, setFailedStatus] = useState<number | null>(null);
  useDocumentTitle(meta ? undefined : failedStatus === null ? t('board.loading') : t('page-title.board-unavailable'));

  useEffect(() => {
    let active = true;
    const load = () =>
      apiClient.getBoard(boardId, session.token).then(
        (loaded) => active && setMeta(loaded),
        (error: unknown) => active && setFailedStatus(error instanceof ApiError ? error.status : 0),
      );
    void load();
    const interval = setInterval(() => void load(), META_REFRESH_MS);
    return () => {
      active = false;
      clearInterval(interval);
    };
  }, [boardId, session.token]);

  if (meta) return <Projector meta={meta} session={session} />;
  return (
    <div className="board">
      <main className="board-main">
        {failedStatus === 401 || failedStatus === 403 || failedStatus === 404 ? (
          <FatalMessage code={4000 + failedStatus} />
        ) : (
          <BoardMessage role={failedStatus === null ? 'status' : 'alert'}>
            {failedStatus === null ? <span className="spinner" aria-hidden="true" /> : null}
            {failedStatus === null ? t('board.loading') : t('board.load-error')}
          </BoardMessage>
        )}
      </main>
    </div>
  );
}

function Projector({ meta, session }: { meta: BoardDetails; session: BoardSession }) {
  const { t, i18n } = useTranslation();
  const config = useClientConfig();
  // Its own presence id, so participants following the facilitator never follow the projector.
  const projectorId = `${meta.you.memberId}.projector`;
  // The name and locale are those at first render: recreating the user would reconnect, and a
  // language switch only changes tldraw's locale on the editor.
  const [initial] = useState(() => ({
    name: t('projector.presence-name'),
    locale: languageFor(i18n.resolvedLanguage ?? i18n.language).tldrawLocale,
  }));
  const user = useMemo(
    () =>
      createBoardUser({
        memberId: projectorId,
        displayName: initial.name,
        color: '#495057',
        tldrawLocale: initial.locale,
      }),
    [projectorId, initial],
  );
  const { ready, fatalCode } = useBoardConnection({
    boardId: meta.boardId,
    token: session.token,
    readOnly: true,
    user,
    // The wall is not one of the people here: nobody counts it or sees a cursor of it.
    publishPresence: false,
  });
  const status = useValue('talkoot.binding-status', () => ready?.binding.status.get() ?? null, [ready]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const workshop = useSession({ boardId: meta.boardId, token: session.token });
  useSessionEditorEffects({
    editor,
    state: workshop.state,
    role: meta.you.role,
    memberId: projectorId,
    alwaysReadOnly: true,
  });
  const qr = useQrCode(meta.joinUrl ?? null);
  const reader = useTemplateTextReader();
  const current = currentStep(workshop.state);
  const step = current ? localizeAgendaStep(current, reader) : null;
  useDocumentTitle(
    fatalCode === null
      ? t('page-title.board-role', { title: meta.title, role: t('projector.presence-name') })
      : t('page-title.board-unavailable'),
  );

  if (fatalCode !== null) {
    return (
      <div className="board">
        <main className="board-main">
          <FatalMessage code={fatalCode} />
        </main>
      </div>
    );
  }
  // Totals once revealed; never the facilitator's own dots, which stay secret on the wall too.
  return (
    <VotingProvider boardId={meta.boardId} token={session.token} session={workshop.state} canVote={false}>
      <LockedFramesProvider lockedFrameIds={workshop.state.lockedFrameIds}>
        <div className="projector" data-testid="projector.view">
          <main className="projector-canvas">
            {ready && config && status?.kind !== 'incompatible' ? (
              <BoardCanvas
                store={ready.store}
                user={user}
                licenseKey={config.tldrawLicenseKey}
                onEditorChange={setEditor}
                hideUi
                components={boardCanvasComponents}
              />
            ) : (
              <BoardMessage role="status">
                <span className="spinner" aria-hidden="true" />
                {t('board.loading')}
              </BoardMessage>
            )}
          </main>
          <aside className="projector-side" aria-label={t('projector.side-label')}>
            <h1 className="projector-title" dir="auto">
              {meta.title}
            </h1>
            <SessionTimer timer={workshop.state.timer} clockOffsetMs={workshop.clockOffsetMs} size="large" />
            {step ? (
              <section className="projector-step">
                <h2 className="projector-step-title" data-testid="session.step-title" dir="auto">
                  {step.title}
                </h2>
                {step.instructions ? (
                  <p className="projector-step-instructions" data-testid="session.step-instructions" dir="auto">
                    {step.instructions}
                  </p>
                ) : null}
              </section>
            ) : null}
            {meta.joinCode ? (
              <section className="projector-join">
                <p className="projector-join-label">{t('projector.join')}</p>
                {qr ? <img className="projector-qr" src={qr} alt={t('board.invite.qr-alt')} /> : null}
                <p className="projector-code" dir="ltr" data-testid="projector.join-code">
                  {meta.joinCode}
                </p>
              </section>
            ) : null}
            <FullscreenButton />
          </aside>
        </div>
      </LockedFramesProvider>
    </VotingProvider>
  );
}

function FullscreenButton() {
  const { t } = useTranslation();
  const [fullscreen, setFullscreen] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (fullscreen || !document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="button projector-fullscreen"
      onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}
    >
      <Icon name="projector" />
      {t('projector.fullscreen')}
    </button>
  );
}
