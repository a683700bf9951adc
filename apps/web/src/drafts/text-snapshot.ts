import { plainTextOf } from '../outline/outline-model.ts';

/** The shapes whose text a person types: sticky notes, text, and geo shapes with a label. */
export const TEXT_SHAPE_TYPES = ['note', 'text', 'geo'] as const;

/** One of {@link TEXT_SHAPE_TYPES}. */
export type TextShapeType = (typeof TEXT_SHAPE_TYPES)[number];

/** The text of one shape as it was in a copy of the board. */
export interface ShapeText {
  shapeId: string;
  type: TextShapeType;
  /** Plain text, paragraphs joined by line breaks; never blank. */
  text: string;
}

const isTextShapeType = (type: unknown): type is TextShapeType =>
  (TEXT_SHAPE_TYPES as readonly unknown[]).includes(type);

/** The shape's text, or null for a record that is not a text-bearing shape or holds no text. */
export function shapeTextOf(record: unknown): ShapeText | null {
  if (!record || typeof record !== 'object') return null;
  const { typeName, type, id, props } = record as {
    typeName?: unknown;
    type?: unknown;
    id?: unknown;
    props?: { richText?: unknown };
  };
  if (typeName !== 'shape' || typeof id !== 'string' || !isTextShapeType(type)) return null;
  const text = plainTextOf(props?.richText);
  return text.trim() === '' ? null : { shapeId: id, type, text };
}

/**
 * The text of every text-bearing shape among `records` (a store's `allRecords()`, or the values
 * of a doc's records map; untrusted input is skipped), taken just before a copy is thrown away.
 */
export function snapshotTexts(records: Iterable<unknown>): ShapeText[] {
  const texts: ShapeText[] = [];
  for (const record of records) {
    const text = shapeTextOf(record);
    if (text) texts.push(text);
  }
  return texts;
}

/**
 * The texts of `snapshot` that the fresh copy `records` does not hold: the shape is missing or
 * its text differs. What the server refused is among them; so may be a text someone else changed
 * or deleted meanwhile, which the person can dismiss — losing their own would be worse.
 */
export function unsavedTexts(snapshot: readonly ShapeText[], records: Iterable<unknown>): ShapeText[] {
  const current = new Map<string, string>();
  for (const record of records) {
    const text = shapeTextOf(record);
    if (text) current.set(text.shapeId, text.text);
  }
  return snapshot.filter((entry) => current.get(entry.shapeId) !== entry.text);
}
