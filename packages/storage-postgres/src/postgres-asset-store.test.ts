import { describeAssetStoreContract } from '@talkoot/assets/testing';
import { openPostgresStorage } from './postgres-storage.ts';
import { createTestSchema, requirePostgres } from './testing.ts';

if (await requirePostgres()) {
  describeAssetStoreContract('PostgresAssetStore', async () => {
    const schema = await createTestSchema();
    const storage = await openPostgresStorage(schema.url);
    return {
      store: storage.assets,
      addBoard: (id: string) =>
        storage.boards.createBoard(
          {
            id,
            title: id,
            template: 'blank',
            language: 'ru',
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
      close: async () => {
        await storage.close();
        await schema.drop();
      },
    };
  });
}
