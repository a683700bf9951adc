import {
  CONTROL_CHANNELS,
  decodeControlMessage,
  encodeControlMessage,
  type TreeDeleted,
  treeDeletedSchema,
} from '@talkoot/protocol';

/** Fan-out channel on which managers tell each other about deleted documents. */
export const CONTROL_CHANNEL = CONTROL_CHANNELS.rooms;

export type { TreeDeleted } from '@talkoot/protocol';

export const encodeTreeDeleted = (message: TreeDeleted): Uint8Array => encodeControlMessage(message);

/** Reads a control message from another instance; anything malformed is undefined. */
export const decodeTreeDeleted = (frame: Uint8Array): TreeDeleted | undefined =>
  decodeControlMessage(treeDeletedSchema, frame);
