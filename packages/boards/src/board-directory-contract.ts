import { afterEach, describe, expect, it } from 'vitest';
import { type BoardDirectory, type BoardRecord, DuplicateJoinCodeError, type MemberRecord } from './board-directory.ts';
import { hashToken, newFacilitatorCode, newId, newJoinCode, newToken } from './tokens.ts';

/** A directory on fresh, empty data, and how to close it. */
export interface BoardDirectoryHarness {
  readonly directory: BoardDirectory;
  close(): Promise<void>;
}

function board(overrides: Partial<BoardRecord> = {}): BoardRecord {
  return {
    id: newId(),
    title: 'Welcome dialogue',
    template: 'world-cafe',
    language: 'fi',
    joinCode: newJoinCode(),
    facilitatorCode: newFacilitatorCode(),
    createdAt: '2026-03-01T10:00:00.000Z',
    retentionDays: 90,
    ...overrides,
  };
}

function member(boardId: string, overrides: Partial<MemberRecord> = {}): MemberRecord {
  return {
    id: newId(),
    boardId,
    tokenHash: hashToken(newToken()),
    role: 'participant',
    displayName: 'Amina',
    createdAt: '2026-03-01T10:05:00.000Z',
    ...overrides,
  };
}

/**
 * What every {@link BoardDirectory} must do, as a vitest suite; each storage package runs
 * it against its own directory (SQLite, PostgreSQL).
 */
export function describeBoardDirectoryContract(name: string, open: () => Promise<BoardDirectoryHarness>): void {
  describe(`${name} (BoardDirectory contract)`, () => {
    const harnesses: BoardDirectoryHarness[] = [];
    const start = async () => {
      const harness = await open();
      harnesses.push(harness);
      return harness.directory;
    };
    afterEach(async () => {
      for (const h of harnesses.splice(0)) await h.close();
    });

    it('stores a board with its facilitator and finds it by id, join code and facilitator code', async () => {
      const directory = await start();
      const b = board();
      const f = member(b.id, { role: 'facilitator', displayName: 'Leena' });
      await directory.createBoard(b, f);
      expect(await directory.getBoard(b.id)).toEqual(b);
      expect(await directory.findBoardByCode(b.joinCode)).toEqual({ board: b, facilitator: false });
      expect(await directory.findBoardByCode(b.facilitatorCode)).toEqual({ board: b, facilitator: true });
      expect(await directory.findBoardByCode('NOPE42')).toBeNull();
      expect(await directory.getBoard('unknown')).toBeNull();
      expect(await directory.findMemberByTokenHash(f.tokenHash)).toEqual(f);
    });

    it('refuses a join code that another board has, also when rotating', async () => {
      const directory = await start();
      const first = board();
      await directory.createBoard(first, member(first.id, { role: 'facilitator' }));
      const clash = board({ joinCode: first.joinCode });
      await expect(directory.createBoard(clash, member(clash.id, { role: 'facilitator' }))).rejects.toBeInstanceOf(
        DuplicateJoinCodeError,
      );
      expect(await directory.getBoard(clash.id)).toBeNull();
      const second = board();
      await directory.createBoard(second, member(second.id, { role: 'facilitator' }));
      await expect(directory.setJoinCode(second.id, first.joinCode)).rejects.toBeInstanceOf(DuplicateJoinCodeError);
      const fresh = newJoinCode();
      await directory.setJoinCode(second.id, fresh);
      expect((await directory.findBoardByCode(fresh))?.board.id).toBe(second.id);
      expect(await directory.findBoardByCode(second.joinCode)).toBeNull();
    });

    it('replaces the facilitator code: the old one opens nothing, the join code still works', async () => {
      const directory = await start();
      const b = board();
      await directory.createBoard(b, member(b.id, { role: 'facilitator' }));
      const fresh = newFacilitatorCode();
      await directory.setFacilitatorCode(b.id, fresh);
      expect(await directory.findBoardByCode(b.facilitatorCode)).toBeNull();
      expect(await directory.findBoardByCode(fresh)).toEqual({
        board: { ...b, facilitatorCode: fresh },
        facilitator: true,
      });
      expect((await directory.findBoardByCode(b.joinCode))?.facilitator).toBe(false);
    });

    it('lists, renames and removes members; a removed member is gone for good', async () => {
      const directory = await start();
      const b = board();
      const f = member(b.id, { role: 'facilitator', createdAt: '2026-03-01T10:00:00.000Z' });
      await directory.createBoard(b, f);
      const p = member(b.id, { displayName: 'Omar', createdAt: '2026-03-01T10:01:00.000Z' });
      const o = member(b.id, { role: 'observer', displayName: 'Sanna', createdAt: '2026-03-01T10:02:00.000Z' });
      await directory.addMember(p);
      await directory.addMember(o);
      expect((await directory.listMembers(b.id)).map((m) => m.id)).toEqual([f.id, p.id, o.id]);
      expect(await directory.renameMember(b.id, p.id, 'Omar A.')).toEqual({ ...p, displayName: 'Omar A.' });
      expect(await directory.renameMember(b.id, 'unknown', 'x')).toBeNull();
      expect(await directory.removeMember(b.id, p.id, '2026-03-01T11:00:00.000Z')).toBe(true);
      expect(await directory.removeMember(b.id, p.id, '2026-03-01T11:00:00.000Z')).toBe(false);
      expect(await directory.findMemberByTokenHash(p.tokenHash)).toBeNull();
      expect(await directory.renameMember(b.id, p.id, 'back')).toBeNull();
      expect((await directory.listMembers(b.id)).map((m) => m.id)).toEqual([f.id, o.id]);
    });

    it('finds boards whose retention ended and deletes a board with its members', async () => {
      const directory = await start();
      const short = board({ createdAt: '2026-01-01T00:00:00.000Z', retentionDays: 10 });
      const long = board({ createdAt: '2026-01-01T00:00:00.000Z', retentionDays: 90 });
      const f = member(short.id, { role: 'facilitator' });
      await directory.createBoard(short, f);
      await directory.createBoard(long, member(long.id, { role: 'facilitator' }));
      const expired = (at: string) => directory.expiredBoards(new Date(at));
      expect(await expired('2026-01-10T23:59:59.000Z')).not.toContain(short.id);
      expect(await expired('2026-01-11T00:00:00.000Z')).toContain(short.id);
      expect(await expired('2026-01-11T00:00:00.000Z')).not.toContain(long.id);
      await directory.setRetention(short.id, 30);
      expect((await directory.getBoard(short.id))?.retentionDays).toBe(30);
      expect(await expired('2026-01-20T00:00:00.000Z')).not.toContain(short.id);
      await directory.deleteBoard(short.id);
      expect(await directory.getBoard(short.id)).toBeNull();
      expect(await directory.findMemberByTokenHash(f.tokenHash)).toBeNull();
      expect(await directory.getBoard(long.id)).not.toBeNull();
    });
  });
}
