import type { Editor } from 'tldraw';

/** tldraw's frame loop (`TickManager`, internal): `start()` schedules frames, `isPaused` stops them. */
interface TickLoop {
  isPaused: boolean;
  start(): void;
  cancelRaf?: (() => void) | null;
}

/** How long a board must be untouched, with nothing animating, before its frame loop stops. */
export const IDLE_AFTER_MS = 2000;

type Listener = (...args: never[]) => unknown;
type EmitterMethod = (event: string, fn: Listener, context?: unknown) => Editor;

/**
 * Stops tldraw's frame loop while nobody touches the board and nothing animates, and starts it
 * again on the next input or animation. tldraw runs a `requestAnimationFrame` loop for as long as
 * an editor is mounted (it emits `tick` and `frame` 60 times a second to flush batched pointer
 * events, move the camera, fade scribbles), even on a board nobody touches: measured 4 % of a
 * core per open board in headless Chromium (`pnpm bench:web`), battery on a tablet through a
 * 3-hour workshop. tldraw 5.4 has no API to pause it, so this reaches the internal loop:
 *
 * - every input goes through `editor.dispatch`, which restarts the loop first (the events it
 *   queues are flushed on the next frame, as before);
 * - anything that needs frames subscribes to `tick` or `frame` (camera animations and slides,
 *   following a person, pinch) and restarts the loop when it subscribes;
 * - the loop stops {@link IDLE_AFTER_MS} after the last input, once no pointer is down, no
 *   scribble fades and only the listeners present at mount are left.
 *
 * Remote changes need no frames: tldraw renders store changes through React. Returns the undo.
 * If a tldraw update renames the internals, this does nothing.
 */
export function pauseTicksWhenIdle(editor: Editor, idleAfterMs = IDLE_AFTER_MS): () => void {
  const loop = (editor as unknown as { _tickManager?: TickLoop })._tickManager;
  if (!loop || typeof loop.start !== 'function' || typeof loop.isPaused !== 'boolean') return () => undefined;
  const baseline = {
    tick: new Set<unknown>(editor.listeners('tick')),
    frame: new Set<unknown>(editor.listeners('frame')),
  };
  let timer: ReturnType<typeof setTimeout> | undefined;

  const busy = () =>
    editor.inputs.getIsPointing() ||
    editor.inputs.getIsDragging() ||
    editor.inputs.getIsPinching() ||
    editor.inputs.getIsPanning() ||
    editor.getInstanceState().scribbles.length > 0 ||
    editor.getCameraState() !== 'idle' ||
    editor.listeners('tick').some((fn) => !baseline.tick.has(fn)) ||
    editor.listeners('frame').some((fn) => !baseline.frame.has(fn));

  const tryPause = () => {
    timer = undefined;
    if (editor.isDisposed) return;
    if (busy()) {
      schedulePause();
      return;
    }
    loop.isPaused = true;
    loop.cancelRaf?.();
    loop.cancelRaf = null;
  };
  function schedulePause() {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(tryPause, idleAfterMs);
  }
  const wake = () => {
    if (loop.isPaused && !editor.isDisposed) loop.start();
    schedulePause();
  };

  const target = editor as unknown as Record<'dispatch' | 'on' | 'once' | 'addListener', unknown>;
  const originals = {
    dispatch: editor.dispatch,
    on: editor.on,
    once: editor.once,
    addListener: editor.addListener,
  };
  target.dispatch = function (this: Editor, ...args: Parameters<Editor['dispatch']>) {
    wake();
    return originals.dispatch.apply(this, args);
  };
  for (const name of ['on', 'once', 'addListener'] as const) {
    const original = originals[name] as unknown as EmitterMethod;
    target[name] = function (this: Editor, event: string, fn: Listener, context?: unknown) {
      if (event === 'tick' || event === 'frame') wake();
      return original.call(this, event, fn, context);
    };
  }
  schedulePause();

  return () => {
    if (timer !== undefined) clearTimeout(timer);
    for (const [name, original] of Object.entries(originals)) target[name as keyof typeof originals] = original;
    if (loop.isPaused && !editor.isDisposed) loop.start();
  };
}
