import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAssetStoreContract, makePng, newAsset } from '@talkoot/assets/testing';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from './sqlite-storage.ts';

describeAssetStoreContract('SqliteAssetStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talkoot-assets-'));
  const storage = openSqliteStorage(join(dir, 'talkoot.sqlite'));
  return Promise.resolve({
    store: storage.assets,
    addBoard: (id: string) =>
      storage.boards.createBoard(
        {
          id,
          title: id,
          template: 'blank',
          language: 'fi',
          joinCode: `J${id.toUpperCase().replace(/[^A-Z]/g, '')}`,
          facilitatorCode: `F${id.toUpperCase().replace(/[^A-Z]/g, '')}`,
          createdAt: new Date().toISOString(),
          retentionDays: 30,
        },
        {
          id: `m-${id}`,
          boardId: id,
          tokenHash: `t-${id}`,
          role: 'facilitator',
          displayName: 'F',
          createdAt: new Date().toISOString(),
        },
      ),
    deleteBoard: (id: string) => storage.boards.deleteBoard(id),
    close: () => {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

describe('SqliteAssetStore in backups', () => {
  it('carries a board’s assets into a backup of the data file, and a restored file serves them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talkoot-assets-backup-'));
    try {
      const storage = openSqliteStorage(join(dir, 'talkoot.sqlite'));
      await storage.boards.createBoard(
        {
          id: 'board-a',
          title: 'a',
          template: 'blank',
          language: 'fi',
          joinCode: 'JAAAA',
          facilitatorCode: 'FAAAA',
          createdAt: new Date().toISOString(),
          retentionDays: 30,
        },
        {
          id: 'm-a',
          boardId: 'board-a',
          tokenHash: 't-a',
          role: 'facilitator',
          displayName: 'F',
          createdAt: new Date().toISOString(),
        },
      );
      const asset = newAsset(makePng(9, 9));
      await storage.assets.put('board-a', asset);
      await storage.backupTo(join(dir, 'backup.sqlite'));
      storage.close();
      const restored = openSqliteStorage(join(dir, 'backup.sqlite'));
      const got = await restored.assets.get('board-a', asset.hash);
      expect(Buffer.from(got!.data).equals(Buffer.from(asset.data))).toBe(true);
      restored.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
