import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAssetStoreContract } from '@talkoot/assets/testing';
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
