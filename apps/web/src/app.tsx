import { usePathname, parseRoute } from './navigation.ts';
import { BoardScreen } from './screens/board-screen.tsx';
import { HomeScreen } from './screens/home-screen.tsx';
import { JoinScreen } from './screens/join-screen.tsx';
import { ProjectorScreen } from './screens/projector-screen.tsx';

/** Picks the screen for the current path; no router library needed for a handful of screens. */
export function App() {
  const route = parseRoute(usePathname());
  switch (route.screen) {
    case 'board':
      return <BoardScreen boardId={route.boardId} />;
    case 'projector':
      return <ProjectorScreen boardId={route.boardId} />;
    case 'join':
      return <JoinScreen code={route.code} />;
    default:
      return <HomeScreen />;
  }
}
