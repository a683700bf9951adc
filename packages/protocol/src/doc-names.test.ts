import { describe, expect, it } from 'vitest';
import {
  CONTROL_CHANNELS,
  decodeControlMessage,
  docNames,
  encodeControlMessage,
  memberEventSchema,
  treeDeletedSchema,
} from './doc-names.ts';

describe('docNames', () => {
  it('puts every document of a board under its id, and keeps control channels apart', () => {
    const names = [
      docNames.board('b1'),
      docNames.session('b1'),
      docNames.ballots('b1'),
      docNames.legacyVotes('b1'),
      docNames.private('b1', 'm1'),
    ];
    expect(names).toEqual(['b1', 'b1/session', 'b1/ballots', 'b1/votes', 'b1/private/m1']);
    expect(names.filter(docNames.isBoard)).toEqual(['b1']);
    for (const channel of Object.values(CONTROL_CHANNELS)) expect(docNames.isBoard(channel)).toBe(false);
    expect(docNames.companionsOf('b1')).toEqual(['b1/session']);
    expect(docNames.companionsOf('b1/private/m1')).toEqual([]);
  });
});

describe('control messages', () => {
  it('round-trip, and anything malformed is undefined', () => {
    const deleted = { deleted: 'b1', code: 4404, reason: 'gone' };
    expect(decodeControlMessage(treeDeletedSchema, encodeControlMessage(deleted))).toEqual(deleted);
    expect(
      decodeControlMessage(treeDeletedSchema, encodeControlMessage({ ...deleted, deleted: '~rooms' })),
    ).toBeUndefined();
    expect(decodeControlMessage(treeDeletedSchema, new TextEncoder().encode('{nope'))).toBeUndefined();
    expect(decodeControlMessage(treeDeletedSchema, new Uint8Array([0xff, 0xfe]))).toBeUndefined();
    const long = decodeControlMessage(treeDeletedSchema, encodeControlMessage({ ...deleted, reason: 'x'.repeat(500) }));
    expect(long?.reason).toHaveLength(120);
    const online = { type: 'online', instance: 'i1', memberIds: ['m1'] };
    expect(decodeControlMessage(memberEventSchema, encodeControlMessage(online))).toEqual(online);
    expect(decodeControlMessage(memberEventSchema, encodeControlMessage({ type: 'other' }))).toBeUndefined();
  });
});
