/**
 * Fan-out channel on which managers tell each other about deleted documents (document names
 * never start with `~`).
 */
export const CONTROL_CHANNEL = '~rooms';

/** A deletion another instance made: close and unload the tree here too. */
export interface TreeDeleted {
  readonly deleted: string;
  readonly code: number;
  readonly reason: string;
}

export const encodeTreeDeleted = (message: TreeDeleted): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(message));

/** Reads a control message from another instance; anything malformed is undefined. */
export function decodeTreeDeleted(frame: Uint8Array): TreeDeleted | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(frame));
    if (typeof value !== 'object' || value === null) return undefined;
    const { deleted, code, reason } = value as Record<string, unknown>;
    if (typeof deleted !== 'string' || deleted.length === 0 || deleted.startsWith('~')) return undefined;
    if (typeof code !== 'number' || !Number.isInteger(code) || typeof reason !== 'string') return undefined;
    return { deleted, code, reason: reason.slice(0, 120) };
  } catch {
    return undefined;
  }
}
