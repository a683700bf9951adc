import type { Role } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import { mayWrite, type SyncedDoc, syncAccess } from './access-policy.ts';

const me = 'm1';
const board: SyncedDoc = { kind: 'board' };
const session: SyncedDoc = { kind: 'session' };
const mine: SyncedDoc = { kind: 'private', owner: me };
const theirs: SyncedDoc = { kind: 'private', owner: 'm2' };

/** role, document, board locked → may read, may write now, frame locks checked. */
const table: [Role, string, SyncedDoc, boolean, boolean, boolean, boolean][] = [
  ['facilitator', 'board', board, false, true, true, false],
  ['facilitator', 'board', board, true, true, true, false],
  ['participant', 'board', board, false, true, true, true],
  ['participant', 'board', board, true, true, false, true],
  ['observer', 'board', board, false, true, false, true],
  ['observer', 'board', board, true, true, false, true],
  ['facilitator', 'session', session, false, true, false, false],
  ['participant', 'session', session, false, true, false, false],
  ['observer', 'session', session, false, true, false, false],
  ['participant', 'own private notes', mine, false, true, true, false],
  ['participant', 'own private notes', mine, true, true, true, false],
  ['observer', 'own private notes', mine, false, true, false, false],
  ['facilitator', 'own private notes', mine, false, true, true, false],
  ['facilitator', "someone's private notes", theirs, false, true, false, false],
  ['participant', "someone's private notes", theirs, false, false, false, false],
  ['observer', "someone's private notes", theirs, false, false, false, false],
];

describe('syncAccess', () => {
  it.each(table)('%s on %s (board locked: %s)', (role, _what, doc, locked, read, write, frameLocks) => {
    const access = syncAccess(role, me, doc);
    expect(access.read).toBe(read);
    expect(mayWrite(access, locked)).toBe(write);
    expect(access.frameLocks).toBe(frameLocks);
  });

  it('lets a participant or observer write only their own user record', () => {
    expect(syncAccess('participant', me, board).ownUserRecord).toBe('user:m1');
    expect(syncAccess('observer', me, board).ownUserRecord).toBe('user:m1');
    expect(syncAccess('facilitator', me, board).ownUserRecord).toBeUndefined();
  });
});
