import {
  type Language,
  type NoteDoc,
  type NoteTranslationResult,
  noteTranslationSchema,
  type TranslationResponse,
  translationResponseSchema,
} from '@talkoot/protocol';
import { request } from '../api-client.ts';

const path = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/translations`;
const headers = (token: string) => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${token}` });

/** The server's translations of notes (named by id; it reads their texts itself) into `target`. */
export function fetchTranslations(
  boardId: string,
  token: string,
  target: Language,
  shapeIds: readonly string[],
  doc: NoteDoc = 'board',
): Promise<TranslationResponse> {
  return request(
    (input, init) => fetch(input, init),
    path(boardId),
    { method: 'POST', headers: headers(token), body: JSON.stringify({ target, shapeIds, doc }) },
    translationResponseSchema,
  );
}

/** Stores my own translation of a note into `target`; it then wins for everyone. */
export function saveCorrection(
  boardId: string,
  token: string,
  shapeId: string,
  target: Language,
  text: string,
): Promise<NoteTranslationResult> {
  return request(
    (input, init) => fetch(input, init),
    `${path(boardId)}/${encodeURIComponent(shapeId)}`,
    { method: 'PUT', headers: headers(token), body: JSON.stringify({ target, text }) },
    noteTranslationSchema,
  );
}
