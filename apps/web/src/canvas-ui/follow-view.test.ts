import { Box } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { MIN_FOLLOW_ZOOM, clampFollowViewport } from './follow-view.ts';

describe('clampFollowViewport', () => {
  it('keeps a view that fits at a readable zoom', () => {
    const view = new Box(0, 0, 1500, 1500);
    expect(clampFollowViewport(view, 810, 900)).toBe(view);
  });

  it('shows the middle of a far zoomed-out view at the lowest readable zoom', () => {
    const view = new Box(0, 0, 10_000, 10_000);
    const clamped = clampFollowViewport(view, 810, 900);
    expect(810 / clamped.w).toBeCloseTo(MIN_FOLLOW_ZOOM);
    expect(clamped.center.x).toBeCloseTo(5000);
    expect(clamped.center.y).toBeCloseTo(5000);
  });
});
