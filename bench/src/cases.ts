/** One load scenario, run identically against every server. */
export interface BenchCase {
  /** Letter used on the command line (`--case=b`). */
  id: string;
  title: string;
  rooms: number;
  clientsPerRoom: number;
  /** The first `writersPerRoom` clients of each room send document updates. */
  writersPerRoom: number;
  updatesPerSecond: number;
  /** The first `cursorsPerRoom` clients of each room move their cursor (awareness). */
  cursorsPerRoom: number;
  cursorHz: number;
  /** Targets to run this case against, in table order (default: every single-instance target). */
  targets?: readonly string[];
}

/** The scenarios of the issue. */
export const CASES: readonly BenchCase[] = [
  {
    id: 'a',
    title: '50 clients in 1 room, 10 writers × 5 updates/s, no cursors',
    rooms: 1,
    clientsPerRoom: 50,
    writersPerRoom: 10,
    updatesPerSecond: 5,
    cursorsPerRoom: 0,
    cursorHz: 0,
    targets: ['talkoot', 'hocuspocus', 'reference', 'reference-durable'],
  },
  {
    id: 'b',
    title: '200 clients in 1 room, all cursors at 10 Hz, 10 writers × 5 updates/s',
    rooms: 1,
    clientsPerRoom: 200,
    writersPerRoom: 10,
    updatesPerSecond: 5,
    cursorsPerRoom: 200,
    cursorHz: 10,
  },
  {
    id: 'c',
    title: '400 clients in 40 rooms of 10, all cursors at 10 Hz, 2 writers × 5 updates/s per room',
    rooms: 40,
    clientsPerRoom: 10,
    writersPerRoom: 2,
    updatesPerSecond: 5,
    cursorsPerRoom: 10,
    cursorHz: 10,
  },
  {
    id: 'd',
    title: '1,000 mostly viewing clients in 1 room, 5 writers × 2 updates/s, their 5 cursors at 5 Hz',
    rooms: 1,
    clientsPerRoom: 1000,
    writersPerRoom: 5,
    updatesPerSecond: 2,
    cursorsPerRoom: 5,
    cursorHz: 5,
  },
  {
    id: 'e',
    title: '100 clients in 1 room, 10 writers × 5 updates/s, 20 cursors at 10 Hz: one instance vs two',
    rooms: 1,
    clientsPerRoom: 100,
    writersPerRoom: 10,
    updatesPerSecond: 5,
    cursorsPerRoom: 20,
    cursorHz: 10,
    targets: ['talkoot', 'talkoot-pg', 'talkoot-2x', 'hocuspocus', 'reference'],
  },
];

/**
 * A case with its client counts multiplied by `scale` (`--scale=0.2` for a quick run on a
 * small machine); every room keeps at least its writers and one reader.
 */
export function scaleCase(benchCase: BenchCase, scale: number): BenchCase {
  if (scale === 1) return benchCase;
  const clientsPerRoom = Math.max(benchCase.writersPerRoom + 1, Math.round(benchCase.clientsPerRoom * scale));
  return {
    ...benchCase,
    clientsPerRoom,
    cursorsPerRoom:
      benchCase.cursorsPerRoom === benchCase.clientsPerRoom
        ? clientsPerRoom
        : Math.min(clientsPerRoom, benchCase.cursorsPerRoom),
    title: `${benchCase.title} (clients scaled to ${clientsPerRoom} per room)`,
  };
}
