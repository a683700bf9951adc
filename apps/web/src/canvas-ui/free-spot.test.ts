import { describe, expect, it } from 'vitest';
import { findFreeSpot } from './free-spot.ts';

const size = { w: 200, h: 200 };
const area = { x: 0, y: 0, w: 700, h: 500 };

describe('findFreeSpot', () => {
  it('starts at the top of the start edge of an empty area', () => {
    expect(findFreeSpot({ area, occupied: [], size, gap: 10 })).toEqual({ x: 10, y: 10 });
  });

  it('starts at the right edge in right-to-left languages', () => {
    expect(findFreeSpot({ area, occupied: [], size, gap: 10, rtl: true })).toEqual({ x: 490, y: 10 });
  });

  it('never overlaps a note already there, gap included', () => {
    const occupied = [{ x: 10, y: 10, w: 200, h: 200 }];
    const spot = findFreeSpot({ area, occupied, size, gap: 10 })!;
    expect(spot.x >= 220 || spot.y >= 220).toBe(true);
    expect(spot.y).toBe(10);
  });

  it('returns null when the area is full', () => {
    const occupied = [{ x: 0, y: 0, w: 700, h: 500 }];
    expect(findFreeSpot({ area, occupied, size, gap: 10 })).toBeNull();
  });

  it('picks the free spot nearest to a point', () => {
    const spot = findFreeSpot({ area, occupied: [], size, gap: 10, near: { x: 600, y: 400 } })!;
    expect(spot.x + 100).toBeGreaterThan(500);
    expect(spot.y + 100).toBeGreaterThan(300);
  });
});
