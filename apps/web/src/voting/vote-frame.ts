/** A frame a vote can be limited to. */
export interface VoteFrameChoice {
  id: string;
  /** The frame's stored name (the caller localizes template names). */
  name: string;
}

interface FrameLike {
  id: string;
  type: string;
  parentId: string;
  x: number;
  y: number;
  props: { name?: unknown };
  meta?: { talkoot?: unknown };
}

const isFrame = (shape: unknown): shape is FrameLike =>
  typeof shape === 'object' &&
  shape !== null &&
  (shape as { type?: unknown }).type === 'frame' &&
  typeof (shape as { id?: unknown }).id === 'string' &&
  typeof (shape as { parentId?: unknown }).parentId === 'string';

const tagsOf = (shape: FrameLike): Record<string, unknown> => {
  const talkoot = shape.meta?.talkoot;
  return typeof talkoot === 'object' && talkoot !== null ? (talkoot as Record<string, unknown>) : {};
};

/** The frames placed on the page (not inside another frame), top to bottom, then by reading side. */
export function voteFrameChoices(shapes: Iterable<unknown>, rtl = false): VoteFrameChoice[] {
  return [...shapes]
    .filter(isFrame)
    .filter((frame) => frame.parentId.startsWith('page:'))
    .sort((a, b) => a.y - b.y || (rtl ? b.x - a.x : a.x - b.x))
    .map((frame) => ({ id: frame.id, name: typeof frame.props.name === 'string' ? frame.props.name : '' }));
}

/** Which prioritisation frame each of its agenda steps works in. */
const PRIORITISATION_STEP_PART: Record<string, string> = {
  collect: 'ideas',
  cluster: 'ideas',
  place: 'matrix',
  vote: 'voting',
  next: 'voting',
};

/**
 * The frame a new vote is limited to unless the facilitator picks another: the frame of the
 * current agenda step (a prioritisation's step: its ideas, matrix or voting frame; a world
 * café's harvest: the harvest), else the frame everyone is focused on, else none (the whole
 * board).
 */
export function defaultVoteFrame(
  shapes: Iterable<unknown>,
  currentStepId: string | null,
  focusFrameId: string | null,
): string | null {
  const frames = [...shapes].filter(isFrame);
  const step = /^([a-z-]+)(?:@([a-z0-9-]+))?\.([a-z0-9-]+)$/.exec(currentStepId ?? '');
  if (step) {
    const [, template, instance, slug] = step;
    const part =
      template === 'prioritisation' ? PRIORITISATION_STEP_PART[slug!] : slug === 'harvest' ? 'harvest' : undefined;
    const frame = frames.find((f) => {
      const tags = tagsOf(f);
      return tags.template === template && (tags.instance ?? undefined) === instance && tags.part === part;
    });
    if (frame) return frame.id;
  }
  if (focusFrameId && frames.some((f) => f.id === focusFrameId)) return focusFrameId;
  return null;
}
