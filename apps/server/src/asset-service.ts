import { createHash } from 'node:crypto';
import { type AssetStore, sniffAsset, stripMetadata } from '@talkoot/assets';
import { type BoardRecord, type MemberRecord, mayWrite, syncAccess } from '@talkoot/boards';
import {
  type AssetContentType,
  assetPath,
  isImageType,
  MAX_AUDIO_BYTES,
  MAX_BOARD_ASSET_BYTES,
  MAX_IMAGE_BYTES,
  type UploadAssetResponse,
} from '@talkoot/protocol';
import { ApiError } from './api-error.ts';

/** Limits of the asset store; the defaults are {@link MAX_IMAGE_BYTES} and its siblings. */
export interface AssetLimits {
  imageBytes: number;
  audioBytes: number;
  boardBytes: number;
}

/** What {@link AssetService} needs. */
export interface AssetServiceDeps {
  store: AssetStore;
  /** Whether the board is locked now (participants may not upload then, as they may not write). */
  isLocked: (boardId: string) => Promise<boolean>;
  /** False while the storage is full: nothing new is taken. */
  writable: () => boolean;
  limits?: Partial<AssetLimits>;
}

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * Uploads and reads of a board's photos and voice notes. What is stored is decided by the bytes
 * alone: their type is sniffed (the declared one is ignored), photos lose their EXIF, and the
 * name is the SHA-256 of what is kept. Who may upload follows the canvas: whoever may write it.
 */
export class AssetService {
  private readonly deps: AssetServiceDeps;
  readonly limits: AssetLimits;

  constructor(deps: AssetServiceDeps) {
    this.deps = deps;
    this.limits = {
      imageBytes: MAX_IMAGE_BYTES,
      audioBytes: MAX_AUDIO_BYTES,
      boardBytes: MAX_BOARD_ASSET_BYTES,
      ...deps.limits,
    };
  }

  /** Largest upload of any type: the body limit of the upload route. */
  get maxUploadBytes(): number {
    return Math.max(this.limits.imageBytes, this.limits.audioBytes);
  }

  /** Refuses members who may not write the canvas now (observers; participants on a locked board). */
  async checkMayUpload(board: BoardRecord, member: MemberRecord): Promise<void> {
    if (member.role === 'observer') {
      throw new ApiError(403, 'forbidden', 'Observers cannot add photos or voice notes.');
    }
    if (!mayWrite(syncAccess(member.role, member.id, { kind: 'board' }), await this.deps.isLocked(board.id))) {
      throw new ApiError(403, 'board-locked', 'The board is locked: nothing can be added now.');
    }
  }

  /** Stores an upload; `created` is false when the board already had the same bytes. */
  async upload(
    board: BoardRecord,
    member: MemberRecord,
    body: Uint8Array,
  ): Promise<{ created: boolean; response: UploadAssetResponse }> {
    await this.checkMayUpload(board, member);
    if (!this.deps.writable()) {
      throw new ApiError(507, 'storage-full', 'The server cannot store anything right now: its disk is full.');
    }
    if (body.length === 0) throw new ApiError(400, 'empty-asset', 'The upload is empty.');
    const type = await sniffAsset(body);
    if (!type) {
      throw new ApiError(
        415,
        'unsupported-asset-type',
        'Only JPEG, PNG and WebP pictures and WebM or MP4 audio can be uploaded.',
      );
    }
    const max = isImageType(type) ? this.limits.imageBytes : this.limits.audioBytes;
    if (body.length > max) {
      throw new ApiError(
        413,
        'asset-too-large',
        `A ${isImageType(type) ? 'picture' : 'recording'} may be at most ${mib(max)}.`,
      );
    }
    const data = stripMetadata(type, body);
    if (!data) throw new ApiError(422, 'malformed-asset', 'The picture is damaged or cut short.');
    const hash = createHash('sha256').update(data).digest('hex');
    const response: UploadAssetResponse = {
      hash,
      src: assetPath(board.id, hash),
      contentType: type,
      size: data.length,
    };
    if (await this.deps.store.get(board.id, hash)) return { created: false, response };
    if ((await this.deps.store.usage(board.id)) + data.length > this.limits.boardBytes) {
      throw new ApiError(
        413,
        'board-assets-full',
        `This board's photos and recordings already take ${mib(this.limits.boardBytes)}, all it may hold.`,
      );
    }
    const created = await this.deps.store.put(board.id, { hash, contentType: type, data, memberId: member.id });
    return { created, response };
  }

  /** A stored asset of the board; 404 when there is none. */
  async read(boardId: string, hash: string): Promise<{ contentType: AssetContentType; data: Uint8Array }> {
    const asset = /^[0-9a-f]{64}$/.test(hash) ? await this.deps.store.get(boardId, hash) : undefined;
    if (!asset) throw new ApiError(404, 'asset-not-found', 'There is no such photo or recording on this board.');
    return asset;
  }
}
