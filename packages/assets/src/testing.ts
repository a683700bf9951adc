import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import type { AssetStore, NewAsset } from './asset-store.ts';

export { fakeJpeg, fakePng, fakeWebm, withExif } from './fixtures.ts';

/** What {@link describeAssetStoreContract} needs of an adapter. */
export interface AssetStoreFixture {
  store: AssetStore;
  /** Creates a board row the assets belong to. */
  addBoard(boardId: string): Promise<void>;
  /** Deletes the board through the board directory (as retention and "delete now" do). */
  deleteBoard(boardId: string): Promise<void>;
  close(): Promise<void>;
}

/** A {@link NewAsset} of `data` with its real hash. */
export function newAsset(data: Uint8Array, contentType: NewAsset['contentType'] = 'image/png'): NewAsset {
  return { hash: createHash('sha256').update(data).digest('hex'), contentType, data, memberId: 'm1' };
}

/** A valid PNG of `width` × `height` grey pixels (noise when `noisy`, so it does not compress). */
export function makePng(width: number, height: number, noisy = false): Uint8Array {
  const chunk = (type: string, body: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * height, 128);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  if (noisy) {
    const noise = randomBytes(rows.length);
    for (let i = 0; i < rows.length; i++) if (i % (width + 1) !== 0) rows[i] = noise[i]!;
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('tEXt', Buffer.from('Author\0Camera owner', 'latin1')),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** The behaviour every {@link AssetStore} adapter shares. */
export function describeAssetStoreContract(name: string, open: () => Promise<AssetStoreFixture>): void {
  describe(`${name} (AssetStore contract)`, () => {
    let f: AssetStoreFixture;
    beforeAll(async () => {
      f = await open();
      await f.addBoard('board-a');
      await f.addBoard('board-b');
    });
    afterAll(async () => {
      await f.close();
    });

    it('keeps an asset per board and gives back the same bytes and type', async () => {
      const asset = newAsset(makePng(4, 4));
      expect(await f.store.put('board-a', asset)).toBe(true);
      const got = await f.store.get('board-a', asset.hash);
      expect(got?.contentType).toBe('image/png');
      expect(Buffer.from(got!.data).equals(Buffer.from(asset.data))).toBe(true);
      expect(await f.store.get('board-b', asset.hash)).toBeUndefined();
      expect(await f.store.get('board-a', 'f'.repeat(64))).toBeUndefined();
    });

    it('stores the same bytes once per board and counts them once', async () => {
      const asset = newAsset(makePng(6, 6), 'image/png');
      const before = await f.store.usage('board-a');
      expect(await f.store.put('board-a', asset)).toBe(true);
      expect(await f.store.put('board-a', asset)).toBe(false);
      expect(await f.store.usage('board-a')).toBe(before + asset.data.length);
      expect((await f.store.list('board-a')).filter((a) => a.hash === asset.hash)).toEqual([
        { hash: asset.hash, contentType: 'image/png', size: asset.data.length },
      ]);
    });

    it('deletes every asset of a board with the board, and only that board', async () => {
      const asset = newAsset(makePng(8, 8));
      await f.store.put('board-a', asset);
      await f.store.put('board-b', asset);
      await f.deleteBoard('board-a');
      expect(await f.store.get('board-a', asset.hash)).toBeUndefined();
      expect(await f.store.usage('board-a')).toBe(0);
      expect(await f.store.get('board-b', asset.hash)).toBeDefined();
      await f.store.deleteBoard('board-b');
      expect(await f.store.list('board-b')).toEqual([]);
    });
  });
}
