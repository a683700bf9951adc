/**
 * Websocket close codes the sync endpoint uses. 4xxx mirror HTTP statuses so a
 * client can tell "fix your input" from "try again later".
 */
export const CloseCode = {
  /** Server is restarting or shutting down; reconnect. */
  SERVICE_RESTART: 1012,
  /** A text frame; the protocol is binary only. */
  UNSUPPORTED_DATA: 1003,
  /** A frame over the size limit (sent by `ws` itself when maxPayload is exceeded). */
  MESSAGE_TOO_BIG: 1009,
  /** Malformed or truncated sync/awareness message. */
  BAD_MESSAGE: 4400,
  /** Missing or invalid token. */
  UNAUTHORIZED: 4401,
  /** Token valid but not allowed (e.g. removed from the board). */
  FORBIDDEN: 4403,
  /** Unknown board. */
  BOARD_NOT_FOUND: 4404,
  /**
   * The server refused a document update (the connection may not write, a frame is locked, or the
   * update breaks a limit) and did not apply it. The client's copy now holds a change the server
   * never will: it must throw its copy away and sync afresh, keeping the person's unsent text as
   * a draft. Reconnecting with the same copy would send the same update again.
   */
  UPDATE_REFUSED: 4409,
  /** Like {@link CloseCode.UPDATE_REFUSED}, because the board is at its size limit. */
  BOARD_FULL: 4413,
  /** Too many messages or bytes per second from one socket. */
  RATE_LIMITED: 4429,
  /** The board could not be loaded from storage; nothing was written. */
  ROOM_LOAD_FAILED: 4500,
} as const;
export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];

/** Close codes after which reconnecting with the same token cannot help. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.UNAUTHORIZED,
  CloseCode.FORBIDDEN,
  CloseCode.BOARD_NOT_FOUND,
]);

/**
 * Close codes after which the client must drop its copy of the document and sync afresh (the
 * server refused part of it), keeping unsent text as a draft; then it reconnects at once.
 */
export const RESET_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.UPDATE_REFUSED, CloseCode.BOARD_FULL]);

/**
 * Field of the server's own awareness state in a room: a notice for everyone on the board.
 * `storage-unavailable`: the server cannot store changes right now; they are kept on the
 * clients and sent again (the server closes with 1012) once it can.
 */
export const SERVER_NOTICE_FIELD = 'talkootServerNotice';
export type ServerNotice = 'storage-unavailable';

/** Path of the sync websocket for a board: `/sync/<boardId>?token=<token>`. */
export function syncPath(boardId: string): string {
  return `/sync/${encodeURIComponent(boardId)}`;
}
