import { describe, expect, it } from 'vitest';
import { suggestSeating, worldCafeRound } from './world-cafe-seating.ts';

const people = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);

/** How many pairs sat together in more than one round. */
function repeatedPairs(rounds: Record<string, number>[]): number {
  const counts = new Map<string, number>();
  for (const seating of rounds) {
    const ids = Object.keys(seating);
    for (const a of ids) {
      for (const b of ids)
        if (a < b && seating[a] === seating[b]) counts.set(`${a}|${b}`, (counts.get(`${a}|${b}`) ?? 0) + 1);
    }
  }
  return [...counts.values()].filter((n) => n > 1).length;
}

describe('suggestSeating', () => {
  it('seats everyone at a table in every round, with tables even to within one person', () => {
    for (const [n, tables] of [
      [16, 4],
      [17, 4],
      [5, 4],
      [30, 6],
    ] as const) {
      const rounds = suggestSeating(people(n), tables, 3);
      expect(rounds).toHaveLength(3);
      for (const seating of rounds) {
        expect(Object.keys(seating).sort()).toEqual(people(n).sort());
        const sizes = Array.from(
          { length: tables },
          (_, k) => Object.values(seating).filter((t) => t === k + 1).length,
        );
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Object.values(seating).every((t) => t >= 1 && t <= tables)).toBe(true);
      }
    }
  });

  it('mixes people: far fewer repeated pairs than if everybody stayed, and people move on', () => {
    const rounds = suggestSeating(people(16), 4, 3);
    const stayed = [rounds[0]!, rounds[0]!, rounds[0]!];
    expect(repeatedPairs(stayed)).toBe(24);
    expect(repeatedPairs(rounds)).toBeLessThanOrEqual(4);
    const moved = people(16).filter((id) => rounds[1]![id] !== rounds[0]![id]).length;
    expect(moved).toBeGreaterThanOrEqual(12);
  });

  it('gives the same answer for the same people, and copes with nobody and with one table', () => {
    expect(suggestSeating(people(9), 3, 2)).toEqual(suggestSeating(people(9), 3, 2));
    expect(suggestSeating([], 4, 2)).toEqual([{}, {}]);
    expect(suggestSeating(people(3), 1, 1)).toEqual([{ m0: 1, m1: 1, m2: 1 }]);
  });
});

describe('worldCafeRound', () => {
  it('reads the round of world-café steps only', () => {
    expect(worldCafeRound('world-cafe.round-2')).toEqual({ instance: undefined, round: 2 });
    expect(worldCafeRound('world-cafe@3.round-1')).toEqual({ instance: '3', round: 1 });
    expect(worldCafeRound('world-cafe.harvest')).toBeNull();
    expect(worldCafeRound('journey-map.round-2')).toBeNull();
    expect(worldCafeRound(null)).toBeNull();
  });
});
