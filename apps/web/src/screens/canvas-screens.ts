// The screens that hold a tldraw canvas, loaded on demand (see app.tsx): the home and join
// pages never download tldraw's ~2.7 MB of JavaScript or its stylesheet.
import 'tldraw/tldraw.css';

export { BoardScreen } from './board-screen.tsx';
export { ProjectorScreen } from './projector-screen.tsx';
