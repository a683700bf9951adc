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
  /** Whether every client moves its cursor (awareness). */
  cursors: boolean;
  cursorHz: number;
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
    cursors: false,
    cursorHz: 0,
  },
  {
    id: 'b',
    title: '200 clients in 1 room, all cursors at 10 Hz, 10 writers × 5 updates/s',
    rooms: 1,
    clientsPerRoom: 200,
    writersPerRoom: 10,
    updatesPerSecond: 5,
    cursors: true,
    cursorHz: 10,
  },
  {
    id: 'c',
    title: '400 clients in 40 rooms of 10, all cursors at 10 Hz, 2 writers × 5 updates/s per room',
    rooms: 40,
    clientsPerRoom: 10,
    writersPerRoom: 2,
    updatesPerSecond: 5,
    cursors: true,
    cursorHz: 10,
  },
];
