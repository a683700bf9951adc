import { describe, expect, it } from 'vitest';
import { CASES, scaleCase } from './cases.ts';

describe('scaleCase', () => {
  const byId = (id: string) => CASES.find((c) => c.id === id)!;

  it('scales the clients of each room and keeps "all cursors" meaning all', () => {
    const b = scaleCase(byId('b'), 0.5);
    expect(b.clientsPerRoom).toBe(100);
    expect(b.cursorsPerRoom).toBe(100);
    expect(scaleCase(byId('d'), 2).cursorsPerRoom).toBe(5);
  });

  it('keeps the writers and at least one reader per room', () => {
    const c = scaleCase(byId('c'), 0.01);
    expect(c.clientsPerRoom).toBe(c.writersPerRoom + 1);
    expect(c.rooms).toBe(40);
  });

  it('leaves a case alone at scale 1', () => {
    expect(scaleCase(byId('a'), 1)).toBe(byId('a'));
  });
});
