export {
  LANGUAGES,
  ROLES,
  boardIdSchema,
  boardMetaSchema,
  clientConfigSchema,
  createBoardRequestSchema,
  createBoardResponseSchema,
  errorBodySchema,
  joinRequestSchema,
  joinResponseSchema,
  languageSchema,
  roleSchema,
  updateBoardRequestSchema,
} from './api.ts';
export type {
  BoardMeta,
  ClientConfig,
  CreateBoardRequest,
  CreateBoardResponse,
  ErrorBody,
  JoinRequest,
  JoinResponse,
  Language,
  Role,
  UpdateBoardRequest,
} from './api.ts';
export { CloseCode, FATAL_CLOSE_CODES, syncPath } from './close-codes.ts';
export type { CloseCodeName, CloseCodeValue } from './close-codes.ts';
export {
  SESSION_MAP,
  SESSION_STATE_KEY,
  TL_RECORDS_MAP,
  privateDocName,
  agendaStepSchema,
  initialSessionState,
  memberInfoSchema,
  renameMemberRequestSchema,
  rotateJoinCodeResponseSchema,
  sessionCommandSchema,
  sessionStateSchema,
  timerStateSchema,
} from './session.ts';
export type {
  AgendaStep,
  MemberInfo,
  RotateJoinCodeResponse,
  SessionCommand,
  SessionState,
  TimerState,
} from './session.ts';
