import { assetHashOf, uploadAssetResponseSchema } from '@talkoot/protocol';
import type { TLAsset, TLAssetStore } from 'tldraw';
import { request } from '../api-client.ts';
import { preparePhoto } from './prepare-photo.ts';

/** Options of {@link boardAssetStore}. */
export interface BoardAssetStoreOptions {
  boardId: string;
  token: string;
  fetch?: typeof fetch;
}

/** A tldraw asset store with a `dispose` that frees the object URLs it made. */
export interface BoardAssetStore extends TLAssetStore {
  /** Fetches an asset of the board (with the member's token) as an object URL, once per source. */
  objectUrl(src: string): Promise<string>;
  dispose(): void;
}

/**
 * tldraw's asset store on the board's own asset endpoint: a pasted, dropped or photographed
 * picture (or a recording) is uploaded to `POST /api/boards/:id/assets` and its record keeps the
 * same-origin path, never the file itself. Assets are for members only, so a picture is read
 * with the member's token (not in its URL, where logs and history would keep it) and shown from
 * an object URL.
 */
export function boardAssetStore({ boardId, token, fetch: fetchFn = fetch }: BoardAssetStoreOptions): BoardAssetStore {
  const urls = new Map<string, Promise<string>>();
  const authorization = { Authorization: `Bearer ${token}` };
  let disposed = false;

  const objectUrl = (src: string): Promise<string> => {
    let url = urls.get(src);
    if (!url) {
      url = fetchFn(src, { headers: authorization }).then(async (response) => {
        if (!response.ok) throw new Error(`asset ${response.status}`);
        const made = URL.createObjectURL(await response.blob());
        if (disposed) URL.revokeObjectURL(made);
        return made;
      });
      // A failed read is tried again next time (the network may be back).
      url.catch(() => urls.delete(src));
      urls.set(src, url);
    }
    return url;
  };

  return {
    async upload(_asset: TLAsset, file: File, abortSignal?: AbortSignal) {
      const body = file.type.startsWith('image/') ? await preparePhoto(file) : file;
      const stored = await request(
        (path, init) => fetchFn(path, init),
        `/api/boards/${boardId}/assets`,
        { method: 'POST', headers: authorization, body, ...(abortSignal ? { signal: abortSignal } : {}) },
        uploadAssetResponseSchema,
      );
      return { src: stored.src };
    },
    resolve(asset: TLAsset) {
      const src = 'src' in asset.props ? asset.props.src : null;
      if (!src) return null;
      // Boards from before the asset store keep inline pictures; other boards' paths are not ours.
      if (!src.startsWith('/api/')) return src;
      if (!assetHashOf(boardId, src)) return null;
      return objectUrl(src).catch(() => null);
    },
    objectUrl,
    dispose() {
      disposed = true;
      for (const url of urls.values())
        void url.then(
          (made) => URL.revokeObjectURL(made),
          () => undefined,
        );
      urls.clear();
    },
  };
}
