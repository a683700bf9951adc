import { z } from 'zod';
import { languageSchema } from './api.ts';

/** Where a note lives: the board, or one member's private-writing notes. */
export const noteDocSchema = z.union([z.literal('board'), z.strictObject({ privateOf: z.string().min(1).max(64) })]);
export type NoteDoc = z.infer<typeof noteDocSchema>;

/**
 * `POST /api/boards/:boardId/translations`: translations of notes for one reader language. The
 * server reads the notes' texts itself; a client names notes, never texts.
 */
export const translationRequestSchema = z.strictObject({
  target: languageSchema,
  shapeIds: z.array(z.string().min(1).max(128)).min(1).max(500),
  doc: noteDocSchema.default('board'),
});
export type TranslationRequest = z.input<typeof translationRequestSchema>;

/** Why a translation is missing. */
export const translationFailureSchema = z.enum([
  'unavailable',
  'timeout',
  'rate-limited',
  'refused',
  'bad-response',
  'unsupported-pair',
]);

/** One note's translation for the reader. */
export const noteTranslationSchema = z.discriminatedUnion('state', [
  /** Written in the reader's language. */
  z.strictObject({ state: z.literal('original'), source: z.string() }),
  z.strictObject({
    state: z.literal('translated'),
    source: z.string(),
    text: z.string(),
    by: z.enum(['machine', 'participant']),
    correctionStale: z.literal(true).optional(),
  }),
  /** The MT server has no way between these languages ("no translation available for Somali"). */
  z.strictObject({ state: z.literal('unavailable'), source: z.string() }),
  /** The MT server failed: the original is shown with a notice. */
  z.strictObject({ state: z.literal('failed'), source: z.string(), reason: translationFailureSchema }),
]);
export type NoteTranslationResult = z.infer<typeof noteTranslationSchema>;

/** Answer of `POST /api/boards/:boardId/translations`. Notes not found or hidden are left out. */
export const translationResponseSchema = z.strictObject({
  /** `off`: no MT server is configured (only people's translations are returned). */
  machine: z.enum(['on', 'off']),
  translations: z.record(z.string(), noteTranslationSchema),
});
export type TranslationResponse = z.infer<typeof translationResponseSchema>;

/** `PUT /api/boards/:boardId/translations/:shapeId`: a person's own translation of a note. */
export const translationCorrectionSchema = z.strictObject({
  target: languageSchema,
  text: z.string().trim().min(1).max(4000),
  doc: noteDocSchema.default('board'),
});
export type TranslationCorrection = z.input<typeof translationCorrectionSchema>;
