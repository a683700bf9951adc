import { z } from 'zod';
import { languageSchema } from './api.ts';

/** Formats of `GET /api/boards/:boardId/export`. */
export const EXPORT_FORMATS = ['docx', 'md', 'csv', 'json', 'svg', 'png'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** The `Content-Type` of each export format. */
export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

const flag = z.enum(['0', '1']).transform((value) => value === '1');

/**
 * Query of `GET /api/boards/:boardId/export` (facilitators only): `format`, the document
 * language `lang` (default: the board's), `names=1` to list people's display names (default:
 * counts only), `frame=<shapeId>` to draw one frame in an svg/png, `scale` of a png (1–4).
 */
export const exportQuerySchema = z.object({
  format: exportFormatSchema,
  lang: languageSchema.optional(),
  names: flag.default(false),
  frame: z.string().min(1).max(200).optional(),
  scale: z.coerce.number().min(1).max(4).default(2),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** `POST /api/boards/:boardId/action-plan/seed` body: how many of the top-voted notes become measures. */
export const seedActionPlanRequestSchema = z.strictObject({
  count: z.number().int().min(1).max(50),
});
export type SeedActionPlanRequest = z.infer<typeof seedActionPlanRequestSchema>;

/** `POST /api/boards/:boardId/action-plan/seed` 200 response. */
export const seedActionPlanResponseSchema = z.object({
  /** Ids of the measures this call created (none for notes that already had one). */
  added: z.array(z.string()),
  /** How many measures the plan has now. */
  total: z.number().int(),
});
export type SeedActionPlanResponse = z.infer<typeof seedActionPlanResponseSchema>;
