/** Names of the inline icons; drawn here so nothing is loaded from a CDN. */
export type IconName =
  | 'play'
  | 'pause'
  | 'plus'
  | 'reset'
  | 'lock'
  | 'unlock'
  | 'people'
  | 'agenda'
  | 'previous'
  | 'next'
  | 'follow'
  | 'focus'
  | 'close'
  | 'projector'
  | 'edit'
  | 'remove'
  | 'up'
  | 'down'
  | 'timer'
  | 'refresh'
  | 'dot'
  | 'minus'
  | 'ranking'
  | 'template'
  | 'harvest'
  | 'download'
  | 'settings'
  | 'copy'
  | 'check';

// 24×24 stroke paths in the style of common open icon sets.
const PATHS: Record<IconName, string> = {
  play: 'M7 4.5v15l12-7.5z',
  pause: 'M8 5v14M16 5v14',
  plus: 'M12 5v14M5 12h14',
  reset: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v4h4',
  lock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  unlock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 6.8-1.2',
  people:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20a6.5 6.5 0 0 1 13 0M16 4.3a3.5 3.5 0 0 1 0 6.4M18.5 14.5a6.5 6.5 0 0 1 3 5.5',
  agenda: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  previous: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  follow: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  focus: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5M12 12h.01',
  close: 'M6 6l12 12M18 6L6 18',
  projector: 'M3 5h18v11H3zM12 16v4M8 20h8',
  edit: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  remove: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13',
  up: 'M6 15l6-6 6 6',
  down: 'M6 9l6 6 6-6',
  timer: 'M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM12 9v4l2.5 2M9.5 2.5h5',
  refresh: 'M20 12a8 8 0 1 1-2.3-5.6M20 4v4h-4',
  dot: 'M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10z',
  minus: 'M5 12h14',
  ranking: 'M4 20V12h4v8M10 20V6h4v14M16 20v-5h4v5M3 20h18',
  template: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM16.5 13v7M13 16.5h7',
  harvest: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 17h6M17 14v6',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  settings: 'M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1M15 4v4M9 10v4M17 16v4',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  check: 'M5 12.5l4.5 4.5L19 7.5',
};

/** Props of {@link Icon}. */
export interface IconProps {
  name: IconName;
  /** Arrows point the other way in right-to-left layouts. */
  mirrorInRtl?: boolean;
}

/** A decorative icon: always next to words, so screen readers skip it. */
export function Icon({ name, mirrorInRtl = false }: IconProps) {
  return (
    <svg
      className={mirrorInRtl ? 'icon icon-mirror' : 'icon'}
      viewBox="0 0 24 24"
      width="22"
      height="22"
      aria-hidden="true"
      focusable="false"
      fill={name === 'play' || name === 'dot' ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
