import fc from 'fast-check';
import {
  awarenessFloodFrame,
  type ClientClock,
  forgedAwarenessFrame,
  type FuzzTarget,
  type HostileShape,
  hostileShapes,
  mixedFrame,
  nestedChainFrame,
  otherOf,
  sampleFrames,
  splitBombFrame,
  structAtFrame,
  unseenDeletesFrame,
} from './fuzz-hostile-frames.ts';
import { MessageType } from './messages.ts';

export {
  hostileFrames,
  hostileShapes,
  sampleFrames,
  UNKNOWN_TARGET,
  type ClientClock,
  type FuzzFrame,
  type FuzzTarget,
  type HostileShape,
} from './fuzz-hostile-frames.ts';

/**
 * The fuzzer's generator and mutator of y-websocket frames as fast-check arbitraries: a run
 * is a list of {@link FuzzSend}s, which fast-check shrinks (fewer frames, smaller numbers,
 * fewer mutations) to a minimal failing list. Frames that depend on the board (a writer's
 * next clock, the server's client id) are built against a {@link FuzzTarget} when sent.
 */

/** One frame of a run: how it is made (printed for a failing run) and how to build it now. */
export class FuzzStep {
  readonly how: string;
  private readonly build: (target: FuzzTarget) => Uint8Array;

  /** The known hostile frame this step sends, if it is one (lets fast-check shrink the hostile run). */
  readonly shape: HostileShape | undefined;

  constructor(how: string, build: (target: FuzzTarget) => Uint8Array, shape?: HostileShape) {
    this.how = how;
    this.build = build;
    this.shape = shape;
  }

  /** The frame, against the board as the target describes it now. */
  frame(target: FuzzTarget): Uint8Array {
    return this.build(target);
  }

  toString(): string {
    return this.how;
  }

  [fc.toStringMethod](): string {
    return JSON.stringify(this.how);
  }
}

/** Who sends a frame: the connection that may write, or the one that may only read. */
export type FuzzSender = 'writer' | 'reader';

/** A frame and who sends it. */
export interface FuzzSend {
  readonly by: FuzzSender;
  readonly step: FuzzStep;
}

/** Whose client id a frame writes under: the server's, another member's, or one of its own. */
type Writer =
  | { readonly kind: 'server' }
  | { readonly kind: 'other'; readonly index: number }
  | { readonly kind: 'own'; readonly client: number };

const writer: fc.Arbitrary<Writer> = fc.oneof(
  fc.constant({ kind: 'server' } as const),
  fc.nat({ max: 7 }).map((index) => ({ kind: 'other', index }) as const),
  fc.integer({ min: 1, max: 2 ** 32 - 1 }).map((client) => ({ kind: 'own', client }) as const),
);

const writerName = (w: Writer) =>
  w.kind === 'server' ? 'the server' : w.kind === 'other' ? `other writer ${w.index}` : `own client ${w.client}`;

/** The writer's client id and next clock (a client id of its own starts at clock 0). */
const clientClockOf = (target: FuzzTarget, w: Writer): ClientClock =>
  w.kind === 'server' ? target.server : w.kind === 'other' ? otherOf(target, w.index) : { client: w.client, clock: 0 };

const big = (n: number) => (n >= 2 ** 20 && Number.isInteger(Math.log2(n)) ? `2^${Math.log2(n)}` : String(n));

/** Shapes of issue 20 with their numbers left to fast-check (the fixed versions are in the hostile list). */
const chain = fc
  .record({
    depth: fc.oneof(
      // Around the limit mostly: long chains cost ~100 ms each to refuse, and the hostile list has one.
      { arbitrary: fc.integer({ min: 1, max: 24 }), weight: 12 },
      { arbitrary: fc.integer({ min: 25, max: 2_000 }), weight: 2 },
      { arbitrary: fc.constant(15_000), weight: 1 },
    ),
    client: fc.oneof(fc.constant(4_242_424), fc.integer({ min: 1, max: 2 ** 32 - 1 })),
  })
  .map(
    ({ depth, client }) =>
      new FuzzStep(`map types chained ${depth} deep under client ${client}`, () => nestedChainFrame(depth, client)),
  );

const unseenDeletes = fc
  .record({
    writer,
    back: fc.oneof(fc.nat({ max: 4 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    past: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(2 ** 40), fc.integer({ min: 1, max: 2 ** 40 })),
  })
  .map(
    ({ writer: w, back, past }) =>
      new FuzzStep(`delete from ${big(back)} before to ${big(past)} past the end of ${writerName(w)}`, (t) =>
        unseenDeletesFrame(clientClockOf(t, w), back, past),
      ),
  );

const structAt = fc
  .record({ writer, offset: fc.nat({ max: 2 }) })
  .map(
    ({ writer: w, offset }) =>
      new FuzzStep(`a record under ${writerName(w)} at its next clock + ${offset}`, (t) =>
        structAtFrame(clientClockOf(t, w), offset, `shape:fuzz-at-${offset}`),
      ),
  );

const mixed = fc
  .record({
    own: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
    writer,
    part: fc.constantFrom('struct' as const, 'delete' as const),
    n: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(2 ** 40)),
    back: fc.oneof(fc.constant(0), fc.constant(Number.MAX_SAFE_INTEGER)),
  })
  .map(({ own, writer: w, part, n, back }) => {
    // A delete from further back must reach past the end: else it is a fair deletion of what others wrote.
    const past = back > 0 ? Math.max(1, n) : n;
    const what =
      part === 'struct'
        ? `a struct at its next clock + ${n}`
        : `a delete from ${big(back)} before to ${big(past)} past its end`;
    return new FuzzStep(`a record under own client ${own} and ${what} of ${writerName(w)}`, (t) =>
      mixedFrame(own, clientClockOf(t, w), part, part === 'struct' ? n : past, back),
    );
  });

const splitBomb = fc
  .record({ pieces: fc.integer({ min: 1, max: 6_000 }), stride: fc.integer({ min: 2, max: 4 }) })
  .map(
    ({ pieces, stride }) =>
      new FuzzStep(`split bomb of ${pieces} pieces, every ${stride} clocks`, (t) =>
        splitBombFrame(t.longText, pieces, stride),
      ),
  );

const forgedAwareness = fc
  .record({
    writer,
    clock: fc.oneof(fc.nat({ max: 3 }), fc.constant(2 ** 31), fc.nat()),
    state: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 3 })),
  })
  .map(
    ({ writer: w, clock, state }) =>
      new FuzzStep(`awareness for ${writerName(w)}, clock ${clock}: ${JSON.stringify(state).slice(0, 40)}`, (t) =>
        forgedAwarenessFrame(clientClockOf(t, w).client, clock, state),
      ),
  );

const awarenessFlood = fc
  .record({ count: fc.integer({ min: 5, max: 6_000 }), first: fc.nat({ max: 2 ** 31 }) })
  .map(
    ({ count, first }) =>
      new FuzzStep(`${count} awareness states from client ${first} on`, () => awarenessFloodFrame(count, first)),
  );

const hostileStep = (shape: HostileShape) => new FuzzStep(`hostile: ${shape.how}`, (t) => shape.frame(t), shape);

const hostile = fc.constantFrom(...hostileShapes()).map(hostileStep, (step) => {
  // Mapping back lets fast-check shrink a run it did not generate (the hostile run of the examples).
  if (step instanceof FuzzStep && step.shape) return step.shape;
  throw new Error('not a hostile step');
});

/** A change to a frame, written so that it is total on any frame (positions wrap around). */
interface Mutation {
  readonly how: string;
  apply(frame: Uint8Array): Uint8Array;
}

const join = (...parts: ArrayLike<number>[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

const wrap = (position: number, length: number) => (length === 0 ? 0 : position % length);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }).map((flips) => ({
    how: `flip ${flips.map(([at, mask]) => `${at}^${mask}`).join(' ')}`,
    apply: (frame: Uint8Array) => {
      const out = frame.slice();
      for (const [at, mask] of flips) if (out.length > 0) out[wrap(at, out.length)]! ^= mask;
      return out;
    },
  })),
  fc.tuple(fc.nat(), fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xff)).map(([at, value]) => ({
    how: `set byte ${at} to ${value}`,
    apply: (frame: Uint8Array) => {
      const out = frame.slice();
      if (out.length > 0) out[wrap(at, out.length)] = value;
      return out;
    },
  })),
  fc.nat().map((length) => ({
    how: `truncate (${length})`,
    apply: (frame: Uint8Array) => frame.slice(0, wrap(length, frame.length)),
  })),
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((extra) => ({
    how: `extend by ${Buffer.from(extra).toString('hex')}`,
    apply: (frame: Uint8Array) => join(frame, extra),
  })),
  fc.tuple(fc.nat(), fc.nat()).map(([start, size]) => ({
    how: `duplicate slice ${start}+${size}`,
    apply: (frame: Uint8Array) => {
      const from = wrap(start, frame.length);
      const end = from + 1 + wrap(size, frame.length - from);
      return join(frame.subarray(0, end), frame.subarray(from, end), frame.subarray(end));
    },
  })),
  fc.constant({ how: 'frame twice', apply: (frame: Uint8Array) => join(frame, frame) }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 12 })).map(([at, run]) => ({
    how: `varint bomb of ${run} at ${at}`,
    apply: (frame: Uint8Array) => {
      const position = wrap(at, frame.length);
      return join(frame.subarray(0, position), new Uint8Array(run).fill(0xff), frame.subarray(position));
    },
  })),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, inserted]) => ({
    how: `splice ${Buffer.from(inserted).toString('hex')} at ${at}`,
    apply: (frame: Uint8Array) => {
      const position = wrap(at, frame.length);
      return join(frame.subarray(0, position), inserted, frame.subarray(position));
    },
  })),
);

const SAMPLES = sampleFrames();

const sample = fc
  .nat({ max: SAMPLES.length - 1 })
  .map((index) => new FuzzStep(`sample ${index}`, () => SAMPLES[index]!));

/** What a mutation starts from: a real client's frame, or a small shape of issue 20 built against the board. */
const mutationBase: fc.Arbitrary<FuzzStep> = fc.oneof(
  { arbitrary: sample, weight: 6 },
  { arbitrary: structAt, weight: 1 },
  { arbitrary: unseenDeletes, weight: 1 },
  { arbitrary: forgedAwareness, weight: 1 },
  {
    arbitrary: fc
      .integer({ min: 1, max: 12 })
      .map((depth) => new FuzzStep(`chain of ${depth}`, () => nestedChainFrame(depth, 77))),
    weight: 1,
  },
);

const mutated = fc
  .record({ base: mutationBase, mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
  .map(
    ({ base, mutations }) =>
      new FuzzStep(`${base.how}, ${mutations.map((m) => m.how).join(', ')}`, (t) =>
        mutations.reduce((frame, m) => m.apply(frame), base.frame(t)),
      ),
  );

const PREFIXES: readonly (readonly number[])[] = [
  [],
  [MessageType.SYNC],
  [0, 0],
  [0, 1],
  [0, 2],
  [MessageType.AWARENESS],
];

const randomBytes = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 64 }))
  .map(
    ([prefix, body]) =>
      new FuzzStep(`bytes [${prefix.join(',')}] + ${Buffer.from(body).toString('hex')}`, () => join(prefix, body)),
  );

/**
 * One frame: a known hostile one, a shape of issue 20 with generated numbers, random bytes
 * (some after a valid message-type prefix), a real client's frame, or one with one to three
 * mutations (flips, overwrites, truncation, extension, duplication, varint bombs, splices).
 */
export const fuzzStep: fc.Arbitrary<FuzzStep> = fc.oneof(
  { arbitrary: mutated, weight: 45 },
  { arbitrary: randomBytes, weight: 10 },
  { arbitrary: sample, weight: 8 },
  { arbitrary: hostile, weight: 10 },
  { arbitrary: chain, weight: 5 },
  { arbitrary: unseenDeletes, weight: 5 },
  { arbitrary: structAt, weight: 5 },
  { arbitrary: mixed, weight: 5 },
  { arbitrary: splitBomb, weight: 3 },
  { arbitrary: forgedAwareness, weight: 6 },
  { arbitrary: awarenessFlood, weight: 3 },
);

const sender: fc.Arbitrary<FuzzSender> = fc.oneof(
  { arbitrary: fc.constant('writer' as const), weight: 3 },
  { arbitrary: fc.constant('reader' as const), weight: 1 },
);

/** A run of 1 to `maxFrames` frames, each sent by the writer (mostly) or the reader. */
export function fuzzRun(maxFrames: number): fc.Arbitrary<FuzzSend[]> {
  return fc.array(fc.record({ by: sender, step: fuzzStep }), { minLength: 1, maxLength: maxFrames, size: 'max' });
}

/**
 * Every known hostile frame once, in order, sent by `by`, in runs of at most `maxFrames`: what
 * every fuzz test tries first (as fast-check examples, which it shrinks like generated runs).
 */
export function hostileRuns(by: FuzzSender, maxFrames: number): FuzzSend[][] {
  const sends = hostileShapes().map((shape) => ({ by, step: hostileStep(shape) }));
  const runs: FuzzSend[][] = [];
  for (let i = 0; i < sends.length; i += maxFrames) runs.push(sends.slice(i, i + maxFrames));
  return runs;
}

/**
 * Checks `run` on every known hostile frame (from the writer, then from the reader; these count
 * towards `numRuns`) and then on generated runs; a failing run is shrunk to a minimal one, and the error names it with the
 * seed and fast-check's path to it (`FUZZ_PATH` replays just that).
 */
export async function assertFuzzRuns(settings: FuzzSettings, run: (sends: FuzzSend[]) => Promise<void>): Promise<void> {
  const hostile = [...hostileRuns('writer', settings.maxFrames), ...hostileRuns('reader', settings.maxFrames)];
  await fc.assert(fc.asyncProperty(fuzzRun(settings.maxFrames), run), {
    seed: settings.seed,
    path: settings.path,
    numRuns: settings.numRuns,
    examples: hostile.map((sends) => [sends]),
    // Passing runs take well under this; shrinking a failure against a real server can take far
    // longer, and then the smallest failing run found so far is reported.
    interruptAfterTimeLimit: 150_000,
    markInterruptAsFailure: true,
  });
}

/** How a fuzz test runs: fast-check's seed (printed, `FUZZ_SEED` to repeat), runs and frames per run. */
export interface FuzzSettings {
  readonly seed: number;
  /** fast-check's path to a shrunk counterexample (`FUZZ_PATH`, printed on failure): replays only that. */
  readonly path: string | undefined;
  readonly numRuns: number;
  readonly maxFrames: number;
}

/** Settings from `FUZZ_SEED`, `FUZZ_PATH`, `FUZZ_RUNS` and `FUZZ_FRAMES`, defaults otherwise. */
export function fuzzSettings(defaults: { numRuns: number; maxFrames: number }): FuzzSettings {
  const env = process.env;
  return {
    seed: env.FUZZ_SEED ? Number(env.FUZZ_SEED) : Date.now() % 2 ** 31,
    path: env.FUZZ_PATH || undefined,
    numRuns: env.FUZZ_RUNS ? Number(env.FUZZ_RUNS) : defaults.numRuns,
    maxFrames: env.FUZZ_FRAMES ? Number(env.FUZZ_FRAMES) : defaults.maxFrames,
  };
}

/** A line to print before a run: what it does and how to repeat it exactly. */
export const describeFuzzSettings = (name: string, s: FuzzSettings): string =>
  `${name}: seed ${s.seed}, the hostile frames and ${s.numRuns} runs of up to ${s.maxFrames} frames ` +
  `(repeat with FUZZ_SEED=${s.seed} FUZZ_RUNS=${s.numRuns} FUZZ_FRAMES=${s.maxFrames}${s.path ? ` FUZZ_PATH=${s.path}` : ''})`;
