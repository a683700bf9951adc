import { z } from 'zod';

/** The Y.Map of a board document that holds the action plan: measure id → Y.Map of its fields. */
export const ACTION_PLAN_MAP = 'action_plan';

/** Where a measure stands, in the order a plan moves through them. */
export const MEASURE_STATUSES = ['proposed', 'agreed', 'in-progress', 'done'] as const;
export const measureStatusSchema = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof measureStatusSchema>;

/** Longest text of each field, so one paste cannot bloat every export and every client. */
export const MEASURE_LIMITS = {
  title: 300,
  need: 2000,
  responsible: 300,
  partners: 1000,
  resources: 1000,
  period: 40,
  indicators: 2000,
  evidence: 100,
  evidenceText: 2000,
} as const;

/**
 * Ids of measures and of the shapes they cite: tldraw ids (`shape:…`) and our own
 * (`note:shape:…`, `m:…`). No spaces or control characters, so they are safe in any format.
 */
export const measureIdSchema = z.string().regex(/^[A-Za-z0-9:_.@-]{1,200}$/, 'not a measure id');

/**
 * A start or end: an ISO date (`2027-03-01`), a quarter (`2027-Q1`) or free text such as
 * "autumn 2027"; only the length is enforced ({@link periodKind} tells which it is).
 */
export const periodSchema = z.string().trim().max(MEASURE_LIMITS.period);

/** Template tags of the place a note sat in, e.g. `{ part: 'lane', stage: 'arrival' }`. */
export const locationTagsSchema = z.record(z.string().max(64), z.union([z.string().max(200), z.number()]));
export type LocationTags = z.infer<typeof locationTagsSchema>;

/** Where a promoted note came from (`meta.talkoot.source` on the note). */
export const noteSourceSchema = z.object({
  boardId: z.string().min(1).max(200),
  shapeId: z.string().min(1).max(200),
  boardTitle: z.string().max(200).optional(),
  tags: locationTagsSchema.optional(),
});
export type NoteSource = z.infer<typeof noteSourceSchema>;

/** A note (and its votes) a measure came from, on any board of the workshop. */
export const evidenceSchema = z.object({
  boardId: z.string().min(1).max(200),
  shapeId: z.string().min(1).max(200),
  /** The note's text when it was cited. */
  text: z.string().max(MEASURE_LIMITS.evidenceText),
  votes: z.number().int().nonnegative().optional(),
  location: locationTagsSchema.optional(),
  source: noteSourceSchema.optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** The editable fields of a measure, each with its default (what a new row starts with). */
export const measureFieldsSchema = z.object({
  title: z.string().max(MEASURE_LIMITS.title).default(''),
  /** The need or objective the measure addresses. */
  need: z.string().max(MEASURE_LIMITS.need).default(''),
  responsible: z.string().max(MEASURE_LIMITS.responsible).default(''),
  partners: z.string().max(MEASURE_LIMITS.partners).default(''),
  /** Resources or budget. */
  resources: z.string().max(MEASURE_LIMITS.resources).default(''),
  start: periodSchema.default(''),
  end: periodSchema.default(''),
  indicators: z.string().max(MEASURE_LIMITS.indicators).default(''),
  status: measureStatusSchema.default('proposed'),
  /** Position in the table; any finite number, lower first (moves pick a value between neighbours). */
  order: z.number().finite().default(0),
  evidence: z.array(evidenceSchema).max(MEASURE_LIMITS.evidence).default([]),
});
export type MeasureFields = z.infer<typeof measureFieldsSchema>;

/** One measure of the action plan, as {@link readActionPlan} returns it and exports carry it. */
export const measureSchema = measureFieldsSchema.extend({ id: measureIdSchema });
export type Measure = z.infer<typeof measureSchema>;

/** A change to some fields of a measure (`updateMeasure`); unknown fields are refused. */
export const measurePatchSchema = z
  .strictObject({
    title: z.string().max(MEASURE_LIMITS.title),
    need: z.string().max(MEASURE_LIMITS.need),
    responsible: z.string().max(MEASURE_LIMITS.responsible),
    partners: z.string().max(MEASURE_LIMITS.partners),
    resources: z.string().max(MEASURE_LIMITS.resources),
    start: periodSchema,
    end: periodSchema,
    indicators: z.string().max(MEASURE_LIMITS.indicators),
    status: measureStatusSchema,
    order: z.number().finite(),
    evidence: z.array(evidenceSchema).max(MEASURE_LIMITS.evidence),
  })
  .partial();
export type MeasurePatch = z.infer<typeof measurePatchSchema>;

/** The field names of a measure, in table order. */
export const MEASURE_FIELDS = [
  'title',
  'need',
  'responsible',
  'partners',
  'resources',
  'start',
  'end',
  'indicators',
  'status',
  'order',
  'evidence',
] as const satisfies readonly (keyof MeasureFields)[];

/** What kind of period a start or end is: `2027-03-01` a date, `2027-Q1` a quarter, else text. */
export function periodKind(period: string): 'empty' | 'date' | 'quarter' | 'text' {
  const value = period.trim();
  if (value === '') return 'empty';
  if (/^\d{4}-Q[1-4]$/.test(value)) return 'quarter';
  // Date.parse rolls 31 February over to March, so the date must survive a round trip.
  const time = Date.parse(`${value}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value)) {
    return 'date';
  }
  return 'text';
}

/**
 * The fields of a measure that hold free text. Each is a Y.Text in the document, so two
 * people typing in one cell merge character by character; boards from before hold plain
 * strings, which every reader still reads (and `migratePlanText` turns into Y.Text).
 */
export const MEASURE_TEXT_FIELDS = [
  'title',
  'need',
  'responsible',
  'partners',
  'resources',
  'start',
  'end',
  'indicators',
] as const satisfies readonly (keyof MeasureFields)[];
export type MeasureTextField = (typeof MEASURE_TEXT_FIELDS)[number];

/** Longest text of each text field (the server refuses a longer Y.Text). */
export const MEASURE_TEXT_LIMITS: Readonly<Record<MeasureTextField, number>> = {
  title: MEASURE_LIMITS.title,
  need: MEASURE_LIMITS.need,
  responsible: MEASURE_LIMITS.responsible,
  partners: MEASURE_LIMITS.partners,
  resources: MEASURE_LIMITS.resources,
  start: MEASURE_LIMITS.period,
  end: MEASURE_LIMITS.period,
  indicators: MEASURE_LIMITS.indicators,
};

/** Whether a field name is one of {@link MEASURE_TEXT_FIELDS}. */
export const isMeasureTextField = (field: string): field is MeasureTextField =>
  (MEASURE_TEXT_FIELDS as readonly string[]).includes(field);
