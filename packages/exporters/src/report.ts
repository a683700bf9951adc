import { locationTagsSchema, measureSchema, noteSourceSchema } from '@talkoot/action-plan';
import { languageSchema, roleSchema } from '@talkoot/protocol';
import { z } from 'zod';

/** `format` of every JSON export, so a reader can tell it from other JSON. */
export const REPORT_FORMAT = 'talkoot.board-export';
/** Raised on any change a reader of an older version could misread. */
export const REPORT_VERSION = 1;

/** A note as exported: its text, revealed votes and where it sat on the board. */
export const reportNoteSchema = z.object({
  /** The tldraw shape id. */
  id: z.string(),
  text: z.string(),
  /** Revealed dot votes; null while votes are not revealed. */
  votes: z.number().int().nonnegative().nullable(),
  /** The innermost frame holding the note, if any. */
  frameId: z.string().nullable(),
  /** Template tags of the note's place (`{ template, part, stage, lane, … }`), null outside every template part. */
  location: locationTagsSchema.nullable(),
  /** Readable name of that place in the export's language, e.g. "Journey 1 › Arrival › Barriers". */
  place: z.string(),
  /** Where a promoted note came from. */
  source: noteSourceSchema.optional(),
  /** The language the note is written in (its own, else the board's). */
  language: languageSchema.optional(),
  /** Its translations by language: a participant's, else the machine's. */
  translations: z.record(z.string(), z.object({ text: z.string(), by: z.enum(['machine', 'participant']) })).optional(),
});
export type ReportNote = z.infer<typeof reportNoteSchema>;

/** Notes of one place (a lane of a stage, a table's round, a quadrant, a frame). */
export const reportGroupSchema = z.object({
  /** Stable key from the grouping tags, e.g. `journey=1|stage=arrival|lane=barriers`. */
  key: z.string(),
  label: z.string(),
  tags: locationTagsSchema,
  notes: z.array(reportNoteSchema),
});
export type ReportGroup = z.infer<typeof reportGroupSchema>;

/** One method laid out on the board (a board can hold several), or the notes outside all of them. */
export const reportSectionSchema = z.object({
  /** Template id; null for notes outside every template. */
  template: z.string().nullable(),
  /** Which copy of the template, for methods added to a board later; null for the first. */
  instance: z.string().nullable(),
  title: z.string(),
  groups: z.array(reportGroupSchema),
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

/** One place of the ranking; tied notes share a rank (1, 1, 3). */
export const reportPrioritySchema = z.object({
  rank: z.number().int().positive(),
  votes: z.number().int().nonnegative(),
  note: reportNoteSchema,
});
export type ReportPriority = z.infer<typeof reportPrioritySchema>;

/**
 * Everything an export shows, built on the server from the stored board by `extractReport`.
 * `renderJson` writes exactly this (documented in the README); the other formats render it.
 * Texts are cleaned user text; names of people appear only in `people`, only if asked for.
 */
export const reportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  generatedAt: z.string(),
  /** Language of the document's own texts (headings, labels). */
  language: languageSchema,
  direction: z.enum(['ltr', 'rtl']),
  board: z.object({
    id: z.string(),
    title: z.string(),
    template: z.string(),
    templateName: z.string(),
    language: languageSchema,
    createdAt: z.string(),
  }),
  /**
   * The document's cover and the facilitator's own texts (see `documentInfoSchema`): the title
   * is the board's unless the facilitator gave one; empty fields are left out of documents.
   */
  document: z.object({
    title: z.string(),
    organiser: z.string(),
    /** The workshop's day, `YYYY-MM-DD`, or empty. */
    date: z.string(),
    place: z.string(),
    status: z.enum(['draft', 'final']),
    version: z.string(),
    summary: z.string(),
    representativeness: z.string(),
    conclusions: z.string(),
  }),
  method: z.object({
    /** The dot vote's rules, once one was held (votes revealed): votes per person, and that ballots are secret. */
    voting: z.object({ budget: z.number().int().positive(), anonymous: z.literal(true) }).nullable(),
    /** The languages the (visible) notes are written in, most notes first. */
    languages: z.array(z.object({ language: languageSchema, notes: z.number().int().positive() })),
    /** Methods on the board, in the order they were added. */
    templates: z.array(z.object({ id: z.string(), instance: z.string().nullable(), name: z.string() })),
    agenda: z.array(
      z.object({ title: z.string(), instructions: z.string(), durationMinutes: z.number().int().nullable() }),
    ),
  }),
  participation: z.object({
    facilitators: z.number().int().nonnegative(),
    participants: z.number().int().nonnegative(),
    observers: z.number().int().nonnegative(),
    /** Notes on the board with text, hidden ones included. */
    notes: z.number().int().nonnegative(),
    /** Notes hidden from exports: those the facilitator hid and every copy made of one. */
    redactedNotes: z.number().int().nonnegative(),
    /** Of those, copies of a hidden note (harvest copies, needs sent from it), hidden with it. */
    redactedCopies: z.number().int().nonnegative(),
    /** Dot votes cast, once revealed. */
    votes: z.number().int().nonnegative().nullable(),
    voting: z.enum(['closed', 'open', 'revealed']),
  }),
  /** Display names (pseudonyms) and roles; null unless the facilitator chose to include names. */
  people: z.array(z.object({ displayName: z.string(), role: roleSchema })).nullable(),
  /** The needs identified: every visible note, grouped by method and place. */
  sections: z.array(reportSectionSchema),
  /** Notes with votes, most first; empty until votes are revealed. */
  priorities: z.array(reportPrioritySchema),
  /** The action plan; evidence citing hidden notes is left out. */
  actionPlan: z.array(measureSchema),
  /** From dialogue records: where people saw things differently, and open questions. */
  dialogue: z.object({ disagreements: z.array(reportNoteSchema), openQuestions: z.array(reportNoteSchema) }),
  /** Frames placed directly on the page, for images of one frame. */
  frames: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Report = z.infer<typeof reportSchema>;
