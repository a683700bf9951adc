import { templateIdSchema } from '@talkoot/protocol';
import { z } from 'zod';

/** A translation key of `@talkoot/locales`: flat, dotted kebab-case. */
export const translationKeySchema = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'not a translation key');

/** A text on the board: a translation key plus interpolation values (`Table {{number}}`). */
export const templateTextSchema = z.strictObject({
  key: translationKeySchema,
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** A note for facilitators shown after the text while it is the template's (never stored in it). */
  hint: translationKeySchema.optional(),
});
export type TemplateText = z.infer<typeof templateTextSchema>;

/**
 * Where a part of a template sits, stored in the shape's `meta.talkoot` (plus the template's
 * id and version), e.g. `{ part: 'round', table: 3, round: 2 }` or
 * `{ part: 'lane', stage: 'first-weeks', lane: 'barriers' }`.
 */
export const partTagsSchema = z
  .object({ part: z.string().regex(/^[a-z0-9-]+$/) })
  .catchall(z.union([z.string(), z.number()]));
export type PartTags = z.infer<typeof partTagsSchema>;

/** tldraw's colours, as a template may use them. */
export const templateColorSchema = z.enum([
  'black',
  'grey',
  'light-violet',
  'violet',
  'blue',
  'light-blue',
  'yellow',
  'orange',
  'green',
  'light-green',
  'light-red',
  'red',
]);
export type TemplateColor = z.infer<typeof templateColorSchema>;

/** Local name of a part, unique within the template; becomes the shape id `shape:<template>.<slug>`. */
const slugSchema = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'not a slug');
const coordinate = z.number().finite();
const size = z.number().finite().positive();

/** A marked region inside a frame (a lane, a quadrant, a round): a locked rectangle with a label. */
export const layoutAreaSchema = z.strictObject({
  kind: z.literal('area'),
  slug: slugSchema,
  x: coordinate,
  y: coordinate,
  w: size,
  h: size,
  label: templateTextSchema.nullable(),
  color: templateColorSchema,
  tags: partTagsSchema,
});

/** A locked text: instructions, a heading, an axis. */
export const layoutLabelSchema = z.strictObject({
  kind: z.literal('label'),
  slug: slugSchema,
  x: coordinate,
  y: coordinate,
  w: size,
  text: templateTextSchema,
  size: z.enum(['s', 'm', 'l', 'xl']),
  tags: partTagsSchema,
});

/** A sticky note people can move, edit or delete (an example, a ground rule, a stakeholder). */
export const layoutNoteSchema = z.strictObject({
  kind: z.literal('note'),
  slug: slugSchema,
  x: coordinate,
  y: coordinate,
  text: templateTextSchema,
  color: templateColorSchema,
  tags: partTagsSchema,
});

/** What a frame may hold; coordinates are relative to the frame. */
export const layoutChildSchema = z.discriminatedUnion('kind', [layoutAreaSchema, layoutLabelSchema, layoutNoteSchema]);
export type LayoutChild = z.infer<typeof layoutChildSchema>;

/** A frame on the page: notes dropped onto it become its children. */
export const layoutFrameSchema = z.strictObject({
  kind: z.literal('frame'),
  slug: slugSchema,
  x: coordinate,
  y: coordinate,
  w: size,
  h: size,
  label: templateTextSchema,
  tags: partTagsSchema,
  children: z.array(layoutChildSchema).max(200),
});
export type LayoutFrame = z.infer<typeof layoutFrameSchema>;

/** A template's board: frames and free-standing labels, in page coordinates. */
export const templateLayoutSchema = z
  .array(z.discriminatedUnion('kind', [layoutFrameSchema, layoutLabelSchema]))
  .max(100);
export type TemplateLayout = z.infer<typeof templateLayoutSchema>;

/** One step of the facilitation plan; becomes a session agenda step. */
export const agendaStepDefinitionSchema = z.strictObject({
  slug: slugSchema,
  title: templateTextSchema,
  instructions: templateTextSchema,
  durationMinutes: z.number().int().min(1).max(600),
  /** The frame (its slug) where this step's notes go, e.g. where revealed private notes land. */
  frame: slugSchema.optional(),
});
export type AgendaStepDefinition = z.infer<typeof agendaStepDefinitionSchema>;
// A method carries its steps; only the blank board leaves the plan to the facilitator.
export const templateAgendaSchema = z.array(agendaStepDefinitionSchema).max(50);

/** A whole-number parameter, e.g. the number of world café tables. */
export const integerParameterSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    type: z.literal('integer'),
    labelKey: translationKeySchema,
    default: z.number().int(),
    min: z.number().int(),
    max: z.number().int(),
  })
  .refine((p) => p.min <= p.default && p.default <= p.max, 'default must lie between min and max');
export type TemplateParameter = z.infer<typeof integerParameterSchema>;

/**
 * How a board made from the template is read back for export: notes are grouped by these
 * tags of the place they sit in (see `locateNote`), in this order; notes outside every
 * tagged part go to a last group.
 */
export const readBackSchema = z.strictObject({
  groupBy: z.array(z.string().regex(/^[a-z][a-zA-Z0-9-]*$/)).max(4),
  /** Parts whose notes are examples or prompts, not participants' content. */
  skipParts: z.array(z.string()).default([]),
});
export type ReadBack = z.infer<typeof readBackSchema>;

/** The data part of a template: everything but the layout and agenda builders. */
export const templateDefinitionSchema = z.strictObject({
  id: templateIdSchema,
  /** Raised whenever the layout or tags change, so exports can tell boards apart. */
  version: z.number().int().min(1),
  nameKey: translationKeySchema,
  descriptionKey: translationKeySchema,
  parameters: z.array(integerParameterSchema).max(8),
  readBack: readBackSchema,
});

/** Values of a template's parameters, by name. */
export type TemplateParams = Readonly<Record<string, number>>;

/**
 * A co-design template: versioned data plus pure builders of its layout and agenda for given
 * parameters. Texts are translation keys; nothing here depends on tldraw or a language.
 */
export interface TemplateDefinition extends z.infer<typeof templateDefinitionSchema> {
  layout(params: TemplateParams): TemplateLayout;
  agenda(params: TemplateParams): AgendaStepDefinition[];
}
