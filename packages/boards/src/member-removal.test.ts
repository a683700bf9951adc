import { describe, expect, it } from 'vitest';
import type { MemberRecord } from './board-directory.ts';
import { decideRemoval } from './member-removal.ts';

const member = (id: string, role: MemberRecord['role'], minute: number): MemberRecord => ({
  id,
  boardId: 'b',
  tokenHash: `hash-${id}`,
  role,
  displayName: id,
  createdAt: `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
});

// Oldest first, as the directory lists them: the creator is the first facilitator.
const members = [
  member('creator', 'facilitator', 0),
  member('amina', 'participant', 1),
  member('cofac', 'facilitator', 2),
  member('watcher', 'observer', 3),
  member('cofac2', 'facilitator', 4),
];

describe('decideRemoval', () => {
  it.each([
    ['creator', 'amina', { kind: 'remove', rotateFacilitatorCode: false }],
    ['creator', 'watcher', { kind: 'remove', rotateFacilitatorCode: false }],
    ['creator', 'cofac', { kind: 'remove', rotateFacilitatorCode: true }],
    ['cofac', 'cofac2', { kind: 'remove', rotateFacilitatorCode: true }],
    ['cofac', 'amina', { kind: 'remove', rotateFacilitatorCode: false }],
    ['cofac', 'creator', { kind: 'refused', reason: 'cannot-remove-creator' }],
    ['cofac2', 'creator', { kind: 'refused', reason: 'cannot-remove-creator' }],
    ['creator', 'creator', { kind: 'refused', reason: 'cannot-remove-self' }],
    ['cofac', 'cofac', { kind: 'refused', reason: 'cannot-remove-self' }],
    ['creator', 'nobody', { kind: 'refused', reason: 'member-not-found' }],
  ])('%s removing %s: %o', (actor, target, expected) => {
    expect(decideRemoval(members, actor, target)).toEqual(expected);
  });
});
