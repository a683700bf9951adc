import { assetHashOf, TL_META_MAP, TL_RECORDS_MAP } from '@talkoot/protocol';
import {
  ACTION_PLAN_MAP,
  evidenceSchema,
  isMeasureTextField,
  MEASURE_LIMITS,
  MEASURE_TEXT_LIMITS,
  measureIdSchema,
  measureStatusSchema,
} from '@talkoot/action-plan';
import type { EntryChange, ItemChange, UpdateChanges } from '@talkoot/sync';
import type * as Y from 'yjs';
import { z } from 'zod';

/** The parent id of a tldraw record stored as plain JSON, if it has one. */
function parentOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'parentId' in value && typeof value.parentId === 'string') {
    return value.parentId;
  }
  return undefined;
}

/** The locked frames and every shape inside them, at any depth. */
function protectedIds(records: Y.Map<unknown>, frames: readonly string[]): Set<string> {
  const locked = new Set(frames);
  const inside = new Map<string, boolean>();
  const isInside = (id: string): boolean => {
    // Iterative: a parent chain is user data.
    const chain: string[] = [];
    let current: string | undefined = id;
    let result = false;
    while (current !== undefined && chain.length <= 100) {
      if (locked.has(current)) {
        result = true;
        break;
      }
      const known = inside.get(current);
      if (known !== undefined) {
        result = known;
        break;
      }
      chain.push(current);
      current = parentOf(records.get(current));
      if (current !== undefined && chain.includes(current)) break;
    }
    for (const link of chain) inside.set(link, result);
    return result;
  };
  const ids = new Set<string>();
  for (const id of records.keys()) if (isInside(id)) ids.add(id);
  return ids;
}

/**
 * Record types a client may store in the board document: tldraw 5's document-scope records
 * (tldraw stores each person's `user` record with the board). Session and presence records
 * (`instance`, `camera`, `pointer`, `instance_page_state`, `instance_presence`) stay on each device.
 */
const DOCUMENT_RECORD_TYPES: ReadonlySet<string> = new Set([
  'document',
  'page',
  'shape',
  'binding',
  'asset',
  'user',
  'comment',
]);

/** Root types of a board document a client may write: the records, their schema, the action plan. */
export const BOARD_ROOTS: ReadonlySet<string> = new Set([TL_RECORDS_MAP, TL_META_MAP, ACTION_PLAN_MAP]);

/** Root types of a member's private notes document. */
export const PRIVATE_ROOTS: ReadonlySet<string> = new Set([TL_RECORDS_MAP, TL_META_MAP]);

/**
 * Whether one `set` of a tldraw record is well-formed: plain JSON (not a shared type), stored
 * under its own id, of a document-scope type. A record under a key that differs from its id is
 * invisible on the canvas yet would appear in exports (under a locked note's id, say).
 */
function wellFormedRecord(entry: EntryChange, ownUser: string | undefined): boolean {
  // Nobody writes someone else's user record (the name and colour the canvas shows for them).
  if (ownUser !== undefined && entry.key?.startsWith('user:') && entry.key !== ownUser) return false;
  if (entry.kind !== 'set') return entry.key !== null;
  if (entry.isType || entry.key === null) return false;
  const value = entry.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as { id?: unknown; typeName?: unknown };
  return record.id === entry.key && typeof record.typeName === 'string' && DOCUMENT_RECORD_TYPES.has(record.typeName);
}

/** The JSON fields of a measure (its text fields are Y.Texts), each with what it may hold. */
const MEASURE_JSON_FIELDS: Readonly<Record<string, z.ZodType>> = {
  status: measureStatusSchema,
  order: z.number().finite(),
  evidence: z.array(evidenceSchema).max(MEASURE_LIMITS.evidence),
};

/**
 * Whether one item an update adds to the action plan sits where the plan's layout has room
 * for it: measure id → Y.Map (depth 1) → a known field (depth 2): a text field as a Y.Text, the
 * others as valid JSON → in a text field's Y.Text, plain characters only (depth 3). A text
 * field as a plain string is the layout of older boards, which the server migrates; no client
 * writes it any more. Anything deeper, formatted or embedded is refused.
 */
function planItemAllowed(item: ItemChange): boolean {
  if (item.key === null || !measureIdSchema.safeParse(item.key).success) return false;
  // Deleted before it arrived (written and removed offline): it takes no room.
  if (item.content === 'deleted') return true;
  switch (item.depth) {
    case 1:
      return item.content === 'map';
    case 2: {
      const field = item.field;
      if (field === null) return false;
      if (isMeasureTextField(field)) return item.content === 'text';
      const schema = MEASURE_JSON_FIELDS[field];
      return schema !== undefined && item.content === 'json' && schema.safeParse(item.value).success;
    }
    case 3:
      return item.content === 'string' && item.field !== null && isMeasureTextField(item.field);
    default:
      return false;
  }
}

/**
 * What a client may write into the action plan: only its layout (see {@link planItemAllowed}),
 * and no text field longer than its limit once the update is applied.
 */
export function planWritesAllowed(changes: UpdateChanges): boolean {
  for (const item of changes.items) if (item.root === ACTION_PLAN_MAP && !planItemAllowed(item)) return false;
  for (const text of changes.texts) {
    if (text.root !== ACTION_PLAN_MAP) continue;
    if (text.depth !== 3 || text.field === null || !isMeasureTextField(text.field)) return false;
    if (text.length > MEASURE_TEXT_LIMITS[text.field]) return false;
  }
  return true;
}

/**
 * What a client may write into a document of tldraw records (a board, or private notes): only
 * `roots`; records well-formed (see {@link wellFormedRecord}); the action plan in its layout
 * (see {@link planWritesAllowed}); schema metadata as JSON. With `ownUser` (a record id
 * `user:<member id>`), the only `user` record the writer may touch is that one.
 */
export function shapeOfWrites(changes: UpdateChanges, roots: ReadonlySet<string>, ownUser?: string): boolean {
  for (const root of changes.roots) if (!roots.has(root)) return false;
  for (const entry of changes.entries) {
    if (entry.root === TL_RECORDS_MAP && !wellFormedRecord(entry, ownUser)) return false;
    if (entry.root === TL_META_MAP && (entry.key === null || entry.kind === 'nested' || entry.isType)) return false;
    if (entry.root === ACTION_PLAN_MAP && (entry.key === null || (entry.kind === 'set' && !entry.isType))) {
      return false;
    }
  }
  return !changes.roots.has(ACTION_PLAN_MAP) || planWritesAllowed(changes);
}

/**
 * The check of a participant's update while some frames are locked: it may not change,
 * delete or move out a locked frame or anything in it, nor move or create a shape inside
 * one. Read from what the update would change, before it is applied.
 */
export function frameLockAllows(changes: UpdateChanges, doc: Y.Doc, lockedFrames: readonly string[]): boolean {
  if (lockedFrames.length === 0) return true;
  let touched = false;
  for (const entry of changes.entries) if (entry.root === TL_RECORDS_MAP) touched = true;
  if (!touched) return true;
  const before = protectedIds(doc.getMap<unknown>(TL_RECORDS_MAP), lockedFrames);
  for (const entry of changes.entries) {
    if (entry.root !== TL_RECORDS_MAP || entry.key === null) continue;
    if (before.has(entry.key)) return false;
    const parent = entry.kind === 'set' ? parentOf(entry.value) : undefined;
    if (parent !== undefined && before.has(parent)) return false;
  }
  return true;
}

/** What an asset record's `src` may point at: the board's own store, or the web (a bookmark's page). */
function allowedSource(boardId: string, src: unknown): boolean {
  if (src === null || src === undefined || src === '') return true;
  if (typeof src !== 'string') return false;
  return assetHashOf(boardId, src) !== undefined || /^https?:\/\//i.test(src);
}

/**
 * The check of asset records: their files live in the board's asset store, so a record may not
 * bring a file of its own in a `data:` URL (any prop, e.g. a bookmark's image), and an image or
 * video points at the store (or an `http(s)` address), never at `javascript:` or `blob:`. A record
 * that keeps a value it already had passes: boards from before the asset store keep their
 * inline images until they are moved out.
 */
export function assetSourcesAllowed(changes: UpdateChanges, doc: Y.Doc, boardId: string): boolean {
  let records: Y.Map<unknown> | undefined;
  for (const entry of changes.entries) {
    if (entry.root !== TL_RECORDS_MAP || entry.kind !== 'set' || !entry.key?.startsWith('asset:')) continue;
    const props = (entry.value as { props?: unknown } | undefined)?.props;
    if (typeof props !== 'object' || props === null) continue;
    records ??= doc.getMap<unknown>(TL_RECORDS_MAP);
    const before = (records.get(entry.key) as { props?: Record<string, unknown> } | undefined)?.props ?? {};
    for (const [name, value] of Object.entries(props as Record<string, unknown>)) {
      if (value === before[name]) continue;
      if (typeof value === 'string' && /^\s*data:/i.test(value)) return false;
      if (name === 'src' && !allowedSource(boardId, value)) return false;
    }
  }
  return true;
}
