export { DuplicateJoinCodeError } from './board-directory.ts';
export type { BoardDirectory, BoardRecord, MemberRecord } from './board-directory.ts';
export { BoardError, BoardService, DEFAULT_RETENTION_DAYS, expiresAt } from './board-service.ts';
export type { Access, CreatedBoard, JoinedBoard } from './board-service.ts';
export {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  formatJoinCode,
  hashToken,
  newId,
  newFacilitatorCode,
  newJoinCode,
  newToken,
  normalizeJoinCode,
} from './tokens.ts';
export { applySessionCommand, remainingMs, SessionCommandError } from './session-commands.ts';
export { decideRemoval } from './member-removal.ts';
export type { Removal } from './member-removal.ts';
export { mayWrite, syncAccess } from './access-policy.ts';
export type { SyncAccess, SyncedDoc } from './access-policy.ts';
