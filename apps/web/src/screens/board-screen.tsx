import { CloseCode } from '@talkoot/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useValue, type Editor } from 'tldraw';
import { ApiError, apiClient, type BoardDetails } from '../api-client.ts';
import { BoardCanvas } from '../board/board-canvas.tsx';
import { BoardHeader } from '../board/board-header.tsx';
import { BoardMessage } from '../board/board-message.tsx';
import { createBoardUser } from '../board/board-user.ts';
import { ConnectionNotice } from '../board/connection-notice.tsx';
import { LeftOutNotice } from '../board/left-out-notice.tsx';
import { useBoardConnection, type BoardReset } from '../board/use-board-connection.ts';
import { useSession } from '../board/use-session.ts';
import { useClientConfig } from '../client-config.ts';
import { PageLayout } from '../components/page-layout.tsx';
import { DraftsPanel } from '../drafts/drafts-panel.tsx';
import { useDrafts } from '../drafts/use-drafts.ts';
import { useKeepTypingOnLock } from '../drafts/use-keep-typing-on-lock.ts';
import { holdDroppedTexts, usePendingDrafts } from '../drafts/use-pending-drafts.ts';
import { useDocumentTitle } from '../components/use-document-title.ts';
import { languageFor } from '../i18n.ts';
import { browserStorage, cursorColor, loadSession, type BoardSession } from '../local-session.ts';
import { onLinkClick } from '../navigation.ts';
import { clearLocalBoardCopy } from '../offline/local-board-copy.ts';
import { PrivateWriting } from '../private/private-writing.tsx';
import { SessionBar } from '../session/session-bar.tsx';
import { FrameLockedNotice, LockedFramesProvider } from '../session/frame-locks.tsx';
import { isCanvasReadOnly, useSessionEditorEffects } from '../session/use-session-editor-effects.ts';
import { boardCanvasComponents } from '../board/canvas-overlays.tsx';
import { ActionPlanPanel } from '../action-plan/action-plan-panel.tsx';
import { SeedControl } from '../action-plan/seed-control.tsx';
import type { RankedIdea } from '../voting/vote-ideas.ts';
import { RankingPanel } from '../voting/ranking-panel.tsx';
import { withNoteTranslations } from '../translation/note-translations.tsx';
import { NoteTranslationsProvider, useNoteTranslations } from '../translation/use-note-translations.ts';
import { languageSchema } from '@talkoot/protocol';
import { VotingBar } from '../voting/voting-bar.tsx';
import { VotingProvider } from '../voting/voting-provider.tsx';
import { Icon } from '../components/icon.tsx';
import { noteAreaFor, noteTargetArea } from '../canvas-ui/add-note-button.tsx';

/** What the board canvas draws besides the shapes: the vote's dots and the notes' translations. */
const canvasComponents = withNoteTranslations(boardCanvasComponents);

/** Props of {@link BoardScreen}. */
export interface BoardScreenProps {
  boardId: string;
}

/** `/b/<boardId>`: the canvas, for people whose browser has joined the board. */
export function BoardScreen({ boardId }: BoardScreenProps) {
  const session = useMemo(() => loadSession(browserStorage(), boardId), [boardId]);
  if (!session) return <NoSession />;
  return <BoardLoader key={boardId} boardId={boardId} session={session} />;
}

/** The way back in for someone without (valid) access: the join page. */
export function JoinLink() {
  const { t } = useTranslation();
  return (
    <a href="/join" className="button button-primary" onClick={onLinkClick('/join')}>
      <Icon name="next" mirrorInRtl />
      {t('board.no-session.join')}
    </a>
  );
}

/** For a browser that never joined the board. */
export function NoSession() {
  const { t } = useTranslation();
  useDocumentTitle(t('board.no-session.heading'));
  return (
    <PageLayout>
      <section className="card" aria-labelledby="no-session-heading">
        <h1 id="no-session-heading" className="card-heading">
          {t('board.no-session.heading')}
        </h1>
        <p className="card-intro">{t('board.no-session.body')}</p>
        <JoinLink />
      </section>
    </PageLayout>
  );
}

/** The message for a close code or HTTP status after which this token will not work. */
export function FatalMessage({ code }: { code: number }) {
  const { t } = useTranslation();
  const text =
    code === CloseCode.BOARD_NOT_FOUND
      ? t('board.fatal.not-found')
      : code === CloseCode.FORBIDDEN
        ? t('board.fatal.forbidden')
        : t('board.fatal.unauthorized');
  return (
    <BoardMessage testId="board.fatal-error" actions={code === CloseCode.BOARD_NOT_FOUND ? null : <JoinLink />}>
      {text}
    </BoardMessage>
  );
}

/**
 * The page title of a board: its title, and the person's role unless they simply take part
 * ("Welcome café (Facilitator)"), so a facilitator with several tabs open tells them apart.
 */
export function boardPageTitle(t: TFunction, meta: Pick<BoardDetails, 'title' | 'you'>): string {
  switch (meta.you.role) {
    case 'facilitator':
      return t('page-title.board-role', { title: meta.title, role: t('facilitator.people.role.facilitator') });
    case 'observer':
      return t('page-title.board-role', { title: meta.title, role: t('board.role.observer') });
    default:
      return meta.title;
  }
}

type MetaState = { kind: 'loading' } | { kind: 'ready'; meta: BoardDetails } | { kind: 'failed'; error: unknown };

function BoardLoader({ boardId, session }: { boardId: string; session: BoardSession }) {
  const { t } = useTranslation();
  const [state, setState] = useState<MetaState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const updateMeta = useCallback(
    (change: (meta: BoardDetails) => BoardDetails) =>
      setState((current) => (current.kind === 'ready' ? { kind: 'ready', meta: change(current.meta) } : current)),
    [],
  );
  useDocumentTitle(
    state.kind === 'ready'
      ? undefined // the board names the page itself
      : state.kind === 'loading'
        ? t('board.loading')
        : t('page-title.board-unavailable'),
  );

  useEffect(() => {
    let active = true;
    setState({ kind: 'loading' });
    apiClient.getBoard(boardId, session.token).then(
      (meta) => active && setState({ kind: 'ready', meta }),
      (error: unknown) => {
        // Turned away (removed, bad token, board gone): this device must not keep the board.
        if (error instanceof ApiError && [401, 403, 404].includes(error.status)) void clearLocalBoardCopy(boardId);
        if (active) setState({ kind: 'failed', error });
      },
    );
    return () => {
      active = false;
    };
  }, [boardId, session.token, attempt]);

  if (state.kind === 'ready') return <ConnectedBoard meta={state.meta} session={session} updateMeta={updateMeta} />;
  let body;
  if (state.kind === 'loading') {
    body = (
      <BoardMessage role="status">
        <span className="spinner" aria-hidden="true" />
        {t('board.loading')}
      </BoardMessage>
    );
  } else {
    // Map HTTP statuses to the close codes that mean the same, so both read alike.
    const status = state.error instanceof ApiError ? state.error.status : 0;
    if (status === 401 || status === 403 || status === 404) {
      body = <FatalMessage code={4000 + status} />;
    } else {
      body = (
        <BoardMessage
          actions={
            <button type="button" className="button button-primary" onClick={() => setAttempt((n) => n + 1)}>
              <Icon name="refresh" />
              {t('board.retry')}
            </button>
          }
        >
          {t('board.load-error')}
        </BoardMessage>
      );
    }
  }
  return (
    <div className="board">
      <main className="board-main">{body}</main>
    </div>
  );
}

/** Props of {@link ConnectedBoard}. */
interface ConnectedBoardProps {
  meta: BoardDetails;
  session: BoardSession;
  /** Changes the board info in place (no reload, no reconnect). */
  updateMeta(change: (meta: BoardDetails) => BoardDetails): void;
}

function ConnectedBoard({ meta, session, updateMeta }: ConnectedBoardProps) {
  const { t, i18n } = useTranslation();
  const config = useClientConfig();
  // Recreating the user would reconnect the board, so only who the person is may change it
  // (the UI locale is updated on the editor instead): the locale is the one at first render.
  const [initialLocale] = useState(() => languageFor(i18n.resolvedLanguage ?? i18n.language).tldrawLocale);
  const user = useMemo(
    () =>
      createBoardUser({
        memberId: meta.you.memberId,
        displayName: meta.you.displayName,
        color: cursorColor(browserStorage()),
        tldrawLocale: initialLocale,
      }),
    [meta.you.memberId, meta.you.displayName, initialLocale],
  );
  const onReset = useCallback(
    ({ code, texts }: BoardReset) => holdDroppedTexts(meta.boardId, meta.you.memberId, code, texts),
    [meta.boardId, meta.you.memberId],
  );
  const { connection, ready, fatalCode, retryAt, retryNow, storageUnavailable } = useBoardConnection({
    boardId: meta.boardId,
    token: session.token,
    readOnly: meta.you.role === 'observer',
    user,
    onReset,
  });
  const drafts = useDrafts(meta.boardId, meta.you.memberId);
  usePendingDrafts({ boardId: meta.boardId, memberId: meta.you.memberId, connection, doc: ready?.doc ?? null });
  const status = useValue('talkoot.binding-status', () => ready?.binding.status.get() ?? null, [ready]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [planOpen, setPlanOpen] = useState(false);
  // The side dock beside the canvas, where the facilitator's tools open as a drawer.
  const [dock, setDock] = useState<HTMLDivElement | null>(null);
  const workshop = useSession({ boardId: meta.boardId, token: session.token });
  const noteTranslations = useNoteTranslations({
    editor,
    boardId: meta.boardId,
    token: session.token,
    language: languageSchema.catch(meta.language).parse(languageFor(i18n.resolvedLanguage ?? i18n.language).code),
    boardLanguage: meta.language,
    role: meta.you.role,
  });
  useKeepTypingOnLock({
    editor,
    boardId: meta.boardId,
    memberId: meta.you.memberId,
    lockedForMe: workshop.state.locked && meta.you.role === 'participant',
  });
  const [frameRefusedAt, setFrameRefusedAt] = useState<number | null>(null);
  useSessionEditorEffects({
    editor,
    state: workshop.state,
    role: meta.you.role,
    memberId: meta.you.memberId,
    onRefusedEdit: setFrameRefusedAt,
  });
  useEffect(() => {
    noteTargetArea.set(editor ? noteAreaFor(editor, workshop.state, meta.you.memberId) : null);
  }, [editor, workshop.state, meta.you.memberId]);
  useDocumentTitle(fatalCode === null ? boardPageTitle(t, meta) : t('page-title.board-unavailable'));
  const setCoFacilitatorUrl = useCallback(
    (coFacilitatorUrl: string) => updateMeta((current) => ({ ...current, coFacilitatorUrl })),
    [updateMeta],
  );
  // Removing a facilitator replaces the co-facilitator link on the server: read the board again.
  const reloadMeta = useCallback(async () => {
    const fresh = await apiClient.getBoard(meta.boardId, session.token);
    updateMeta(() => fresh);
  }, [meta.boardId, session.token, updateMeta]);
  const leftOut = meta.you.role === 'facilitator' ? (meta.leftOutChanges ?? 0) : 0;

  let body;
  if (fatalCode !== null) {
    body = <FatalMessage code={fatalCode} />;
  } else if (status?.kind === 'incompatible') {
    body = (
      <BoardMessage
        testId="board.incompatible"
        actions={
          <button type="button" className="button button-primary" onClick={() => location.reload()}>
            <Icon name="refresh" />
            {t('board.reload')}
          </button>
        }
      >
        {t('board.incompatible')}
      </BoardMessage>
    );
  } else if (ready && config) {
    body = (
      <BoardCanvas
        store={ready.store}
        user={user}
        licenseKey={config.tldrawLicenseKey}
        onEditorChange={setEditor}
        components={canvasComponents}
        showTemplateHints={meta.you.role === 'facilitator'}
        participant={meta.you.role === 'participant'}
      />
    );
  } else {
    body = (
      <BoardMessage role="status">
        <span className="spinner" aria-hidden="true" />
        {t('board.loading')}
      </BoardMessage>
    );
  }

  return (
    <NoteTranslationsProvider value={noteTranslations}>
      <VotingProvider
        boardId={meta.boardId}
        token={session.token}
        session={workshop.state}
        canVote={meta.you.role !== 'observer'}
      >
        <LockedFramesProvider lockedFrameIds={workshop.state.lockedFrameIds}>
          <div className="board">
            <BoardHeader
              meta={meta}
              token={session.token}
              connection={connection}
              editor={editor}
              actionPlan={{ open: planOpen, onToggle: () => setPlanOpen((value) => !value) }}
            />
            <ConnectionNotice
              connection={connection}
              hasBoard={ready !== null}
              retryAt={retryAt}
              onRetry={retryNow}
              storageUnavailable={storageUnavailable}
            />
            {fatalCode === null && leftOut > 0 ? (
              <LeftOutNotice key={leftOut} boardId={meta.boardId} leftOut={leftOut} />
            ) : null}
            {fatalCode === null ? <FrameLockedNotice refusedAt={frameRefusedAt} /> : null}
            {fatalCode === null ? (
              <DraftsPanel
                drafts={drafts}
                editor={editor}
                canWrite={!isCanvasReadOnly(meta.you.role, workshop.state.locked)}
              />
            ) : null}
            {fatalCode === null ? (
              <SessionBar
                session={workshop}
                editor={editor}
                boardId={meta.boardId}
                boardTitle={meta.title}
                token={session.token}
                memberId={meta.you.memberId}
                role={meta.you.role}
                onFacilitatorRemoved={reloadMeta}
                toolsDock={dock}
                coFacilitatorUrl={meta.coFacilitatorUrl}
                onCoFacilitatorLinkRotated={setCoFacilitatorUrl}
              />
            ) : null}
            {fatalCode === null ? <VotingBar editor={editor} /> : null}
            <div className="board-body">
              <main className="board-main">{body}</main>
              {/* Panels beside the canvas share one column, so the canvas keeps most of the window. */}
              <div className="board-dock">
                <div className="board-dock-slot" ref={setDock} />
                {fatalCode === null ? (
                  <PrivateWriting
                    privateMode={workshop.state.privateMode}
                    role={meta.you.role}
                    boardId={meta.boardId}
                    token={session.token}
                    memberId={meta.you.memberId}
                    editor={editor}
                  />
                ) : null}
                {fatalCode === null ? (
                  <RankingPanel
                    editor={editor}
                    {...(meta.you.role === 'facilitator'
                      ? {
                          renderActionPlanStart: (ranking: readonly RankedIdea[]) => (
                            <SeedControl
                              boardId={meta.boardId}
                              token={session.token}
                              ranking={ranking}
                              onSeeded={() => setPlanOpen(true)}
                            />
                          ),
                        }
                      : {})}
                  />
                ) : null}
                {fatalCode === null && planOpen ? (
                  <ActionPlanPanel
                    doc={ready?.doc ?? null}
                    awareness={ready?.awareness ?? null}
                    editor={editor}
                    boardId={meta.boardId}
                    readOnly={meta.you.role === 'observer'}
                    onClose={() => setPlanOpen(false)}
                  />
                ) : null}
              </div>
            </div>
          </div>
        </LockedFramesProvider>
      </VotingProvider>
    </NoteTranslationsProvider>
  );
}
