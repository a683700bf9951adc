import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BoardMessage } from './board/board-message.tsx';
import { usePathname, parseRoute } from './navigation.ts';
import { HomeScreen } from './screens/home-screen.tsx';
import { JoinScreen } from './screens/join-screen.tsx';

// Split at the route: the canvas screens (tldraw and everything around it) are a chunk of their
// own, fetched only when a board or the projector opens. Both share one import, so the chunk is
// fetched once.
const canvasScreens = () => import('./screens/canvas-screens.ts');
const BoardScreen = lazy(() => canvasScreens().then((m) => ({ default: m.BoardScreen })));
const ProjectorScreen = lazy(() => canvasScreens().then((m) => ({ default: m.ProjectorScreen })));

function CanvasLoading() {
  const { t } = useTranslation();
  return (
    <BoardMessage role="status" testId="board.loading-code">
      {t('board.loading')}
    </BoardMessage>
  );
}

/** Picks the screen for the current path; no router library needed for a handful of screens. */
export function App() {
  const route = parseRoute(usePathname());
  switch (route.screen) {
    case 'board':
      return (
        <Suspense fallback={<CanvasLoading />}>
          <BoardScreen boardId={route.boardId} />
        </Suspense>
      );
    case 'projector':
      return (
        <Suspense fallback={<CanvasLoading />}>
          <ProjectorScreen boardId={route.boardId} />
        </Suspense>
      );
    case 'join':
      return <JoinScreen code={route.code} />;
    default:
      return <HomeScreen />;
  }
}
