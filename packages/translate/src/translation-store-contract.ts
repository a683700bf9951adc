import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranslationStore } from './translation-store.ts';
import { machineKey } from './translation-store.ts';

/** What {@link describeTranslationStoreContract} needs of an adapter. */
export interface TranslationStoreFixture {
  store: TranslationStore;
  /** Creates a board row the translations belong to. */
  addBoard(boardId: string): Promise<void>;
  /** Deletes the board through the board directory (as retention and "delete now" do). */
  deleteBoard(boardId: string): Promise<void>;
  close(): Promise<void>;
}

/** The behaviour every {@link TranslationStore} adapter shares. */
export function describeTranslationStoreContract(name: string, open: () => Promise<TranslationStoreFixture>): void {
  describe(`${name} (TranslationStore contract)`, () => {
    let f: TranslationStoreFixture;
    beforeAll(async () => {
      f = await open();
      await f.addBoard('board-a');
      await f.addBoard('board-b');
    });
    afterAll(async () => {
      await f.close();
    });

    it('finds machine translations by text hash, source and target, per board', async () => {
      await f.store.putMachine('board-a', [
        { hash: 'h1', source: 'ru', target: 'uk', text: 'Хороша школа' },
        { hash: 'h2', source: 'ru', target: 'uk', text: 'Де робота' },
        { hash: 'h1', source: 'ru', target: 'fi', text: 'Hyvä koulu' },
      ]);
      const found = await f.store.machine('board-a', 'uk', [
        { hash: 'h1', source: 'ru' },
        { hash: 'h2', source: 'ru' },
        { hash: 'h1', source: 'en' },
        { hash: 'h9', source: 'ru' },
      ]);
      expect(found).toEqual(
        new Map([
          [machineKey('h1', 'ru'), 'Хороша школа'],
          [machineKey('h2', 'ru'), 'Де робота'],
        ]),
      );
      expect((await f.store.machine('board-b', 'uk', [{ hash: 'h1', source: 'ru' }])).size).toBe(0);
      expect((await f.store.machine('board-a', 'uk', [])).size).toBe(0);
    });

    it('keeps one correction per note and language, the newest winning', async () => {
      await f.store.putCorrection('board-a', {
        shapeId: 'shape:1',
        target: 'uk',
        hash: 'h1',
        text: 'A',
        memberId: 'm1',
      });
      await f.store.putCorrection('board-a', {
        shapeId: 'shape:1',
        target: 'uk',
        hash: 'h1',
        text: 'B',
        memberId: 'm2',
      });
      await f.store.putCorrection('board-a', {
        shapeId: 'shape:1',
        target: 'fi',
        hash: 'h1',
        text: 'C',
        memberId: 'm2',
      });
      const found = await f.store.corrections('board-a', 'uk', ['shape:1', 'shape:2']);
      expect([...found.values()]).toEqual([
        { shapeId: 'shape:1', target: 'uk', hash: 'h1', text: 'B', memberId: 'm2' },
      ]);
    });

    it('forgets the translations of redacted notes', async () => {
      await f.store.forget('board-a', ['shape:1'], ['h1']);
      expect((await f.store.corrections('board-a', 'uk', ['shape:1'])).size).toBe(0);
      expect((await f.store.corrections('board-a', 'fi', ['shape:1'])).size).toBe(0);
      const left = await f.store.machine('board-a', 'uk', [
        { hash: 'h1', source: 'ru' },
        { hash: 'h2', source: 'ru' },
      ]);
      expect([...left.keys()]).toEqual([machineKey('h2', 'ru')]);
    });

    it('deletes a board’s translations with the board', async () => {
      await f.store.putMachine('board-b', [{ hash: 'h3', source: 'ru', target: 'uk', text: 'x' }]);
      await f.store.putCorrection('board-b', {
        shapeId: 'shape:3',
        target: 'uk',
        hash: 'h3',
        text: 'y',
        memberId: 'm',
      });
      await f.deleteBoard('board-b');
      expect((await f.store.machine('board-b', 'uk', [{ hash: 'h3', source: 'ru' }])).size).toBe(0);
      expect((await f.store.corrections('board-b', 'uk', ['shape:3'])).size).toBe(0);
      expect((await f.store.machine('board-a', 'uk', [{ hash: 'h2', source: 'ru' }])).size).toBe(1);
    });
  });
}
