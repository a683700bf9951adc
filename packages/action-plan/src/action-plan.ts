import * as Y from 'yjs';
import {
  ACTION_PLAN_MAP,
  isMeasureTextField,
  MEASURE_LIMITS,
  MEASURE_TEXT_FIELDS,
  MEASURE_TEXT_LIMITS,
  type MeasureTextField,
  evidenceSchema,
  type Evidence,
  type Measure,
  type MeasureFields,
  type MeasurePatch,
  measureIdSchema,
  measurePatchSchema,
  measureStatusSchema,
} from './measure.ts';
import { setText } from './text-diff.ts';

type Entry = Y.Map<unknown>;

/** The action plan's map in a board document (measure id → Y.Map of fields). */
export function actionPlanMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ACTION_PLAN_MAP);
}

const text = (value: unknown, max: number, trim = false) =>
  typeof value === 'string' ? (trim ? value.trim() : value).slice(0, max) : '';

/**
 * Reads a field of an entry, which is a Y.Map — or plain JSON if a client wrote one. A text
 * field is a Y.Text, or a plain string on boards from before collaborative text: both read
 * as their string.
 */
const fieldOf = (entry: unknown, field: string): unknown => {
  const value =
    entry instanceof Y.Map
      ? entry.get(field)
      : typeof entry === 'object' && entry !== null && !(entry instanceof Y.AbstractType)
        ? (entry as never)[field]
        : undefined;
  return value instanceof Y.Text ? value.toString() : value;
};

/**
 * One stored entry as a measure, repairing what is malformed field by field (a text too long
 * is cut, an unknown status becomes `proposed`, invalid evidence is dropped) so one bad write
 * by a client cannot hide a measure or break an export. Order is null when it is not a number.
 */
function repair(id: string, entry: unknown): (Omit<Measure, 'order'> & { order: number | null }) | null {
  if (!measureIdSchema.safeParse(id).success || typeof entry !== 'object' || entry === null) return null;
  const get = (field: string) => fieldOf(entry, field);
  const status = measureStatusSchema.safeParse(get('status'));
  const order = get('order');
  const evidence = get('evidence');
  return {
    id,
    title: text(get('title'), MEASURE_LIMITS.title),
    need: text(get('need'), MEASURE_LIMITS.need),
    responsible: text(get('responsible'), MEASURE_LIMITS.responsible),
    partners: text(get('partners'), MEASURE_LIMITS.partners),
    resources: text(get('resources'), MEASURE_LIMITS.resources),
    start: text(get('start'), MEASURE_LIMITS.period, true),
    end: text(get('end'), MEASURE_LIMITS.period, true),
    indicators: text(get('indicators'), MEASURE_LIMITS.indicators),
    status: status.success ? status.data : 'proposed',
    order: typeof order === 'number' && Number.isFinite(order) ? order : null,
    evidence: Array.isArray(evidence)
      ? evidence
          .map((e) => evidenceSchema.safeParse(e))
          .flatMap((r): Evidence[] => (r.success ? [r.data] : []))
          .slice(0, MEASURE_LIMITS.evidence)
      : [],
  };
}

/**
 * The action plan of a board document, valid and sorted by `order` (then id, so every copy
 * lists ties the same way). Entries without a usable id are skipped; malformed fields are
 * repaired; measures without a numeric order go last.
 */
export function readActionPlan(doc: Y.Doc): Measure[] {
  const repaired = [...actionPlanMap(doc).entries()].flatMap(([id, entry]) => {
    const measure = repair(id, entry);
    return measure ? [measure] : [];
  });
  const max = repaired.reduce((m, x) => (x.order !== null && x.order > m ? x.order : m), 0);
  let extra = 0;
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return repaired
    .sort((a, b) => (a.order === null ? (b.order === null ? byId(a, b) : 1) : b.order === null ? -1 : 0))
    .map((m) => ({ ...m, order: m.order ?? max + ++extra }))
    .sort((a, b) => a.order - b.order || byId(a, b));
}

/** A random measure id (`m:` + 16 hex digits); `getRandomValues` also works on plain-HTTP pages. */
export function newMeasureId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `m:${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function nextOrder(doc: Y.Doc): number {
  const plan = readActionPlan(doc);
  return plan.length === 0 ? 1 : plan[plan.length - 1]!.order + 1;
}

function writeFields(entry: Entry, fields: MeasurePatch): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (isMeasureTextField(field) && typeof value === 'string') {
      // Only what differs is written, so a concurrent edit elsewhere in the text is kept.
      setText(textOf(entry, field), value);
      continue;
    }
    // Only changed fields are written, so an unchanged save does not overwrite a concurrent edit.
    const current = entry.get(field);
    if (JSON.stringify(current) === JSON.stringify(value)) continue;
    entry.set(field, value);
  }
}

/**
 * The Y.Text of a text field of an entry, made from its plain string (older boards) or
 * empty if it has none yet. Call inside a transaction.
 */
function textOf(entry: Entry, field: MeasureTextField): Y.Text {
  const current = entry.get(field);
  if (current instanceof Y.Text) return current;
  const text = new Y.Text(typeof current === 'string' ? current.slice(0, MEASURE_TEXT_LIMITS[field]) : '');
  entry.set(field, text);
  return text;
}

/** The Y.Text of one text field of a measure if it has one (read-only: never makes one). */
export function findMeasureText(doc: Y.Doc, id: string, field: MeasureTextField): Y.Text | null {
  const entry = actionPlanMap(doc).get(id);
  const text = entry instanceof Y.Map ? entry.get(field) : undefined;
  return text instanceof Y.Text ? text : null;
}

/**
 * The Y.Text of one text field of a measure, for binding it to a text field: made (from the
 * plain string of an older board) if the measure has none yet. Null for an unknown measure.
 */
export function measureText(doc: Y.Doc, id: string, field: MeasureTextField): Y.Text | null {
  const entry = actionPlanMap(doc).get(id);
  if (entry === undefined) return null;
  if (entry instanceof Y.Map) {
    const current = entry.get(field);
    if (current instanceof Y.Text) return current;
    let text: Y.Text | null = null;
    doc.transact(() => {
      text = textOf(entry, field);
    });
    return text;
  }
  // A plain-JSON entry (written by a foreign client) becomes a proper Y.Map first.
  updateMeasure(doc, id, {});
  return measureText(doc, id, field);
}

/**
 * Turns every plain-string text field of the plan (boards from before collaborative text)
 * into a Y.Text with the same text, and gives every measure all its text fields (empty);
 * returns how many fields it made. The server runs it when a
 * board is opened, before anyone syncs, so two people never convert one cell at once (two
 * Y.Texts for one key: one would win, and what was typed into the other would be lost).
 */
export function migratePlanText(doc: Y.Doc): number {
  const map = actionPlanMap(doc);
  let count = 0;
  if (!planNeedsMigration(doc)) return 0;
  doc.transact(() => {
    for (const [id, entry] of [...map.entries()]) {
      if (!(entry instanceof Y.Map)) {
        if (repair(id, entry) === null) continue;
        updateMeasure(doc, id, {});
        count += MEASURE_TEXT_FIELDS.length;
        continue;
      }
      for (const field of MEASURE_TEXT_FIELDS) {
        if (!(entry.get(field) instanceof Y.Text)) {
          textOf(entry, field);
          count++;
        }
      }
    }
  });
  return count;
}

/** Whether {@link migratePlanText} has anything to do (read-only, cheap). */
export function planNeedsMigration(doc: Y.Doc): boolean {
  for (const [id, entry] of actionPlanMap(doc).entries()) {
    if (entry instanceof Y.Map) {
      for (const field of MEASURE_TEXT_FIELDS) if (!(entry.get(field) instanceof Y.Text)) return true;
    } else if (repair(id, entry) !== null) {
      return true;
    }
  }
  return false;
}

/** An error for a patch or new measure that does not validate; `issues` lists the problems. */
export class MeasureValidationError extends Error {
  override readonly name = 'MeasureValidationError';
  readonly issues: { path: string; message: string }[];
  constructor(issues: { path: string; message: string }[]) {
    super(`invalid measure: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

function validPatch(patch: unknown): MeasurePatch {
  const parsed = measurePatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw new MeasureValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}

/**
 * Adds a measure at the end of the plan (or with the given `order`) and returns its id.
 * Throws {@link MeasureValidationError} for invalid fields. With an `id` that is already
 * taken, nothing changes and the existing id is returned.
 */
export function addMeasure(doc: Y.Doc, fields: Partial<MeasureFields> = {}, id: string = newMeasureId()): string {
  if (!measureIdSchema.safeParse(id).success)
    throw new MeasureValidationError([{ path: 'id', message: 'not a measure id' }]);
  const patch = validPatch(fields);
  const map = actionPlanMap(doc);
  doc.transact(() => {
    if (map.has(id)) return;
    const entry = new Y.Map<unknown>();
    map.set(id, entry);
    // Every text field exists from the start, so two people typing into a new row's empty cell
    // type into one Y.Text (two made at once for one key: one would win, the other's letters gone).
    for (const field of MEASURE_TEXT_FIELDS) textOf(entry, field);
    writeFields(entry, { status: 'proposed', ...patch, order: patch.order ?? nextOrder(doc) });
  });
  return id;
}

/**
 * Changes some fields of a measure; other fields keep whatever anyone else wrote meanwhile.
 * Returns false for an unknown measure; throws {@link MeasureValidationError} for bad input.
 */
export function updateMeasure(doc: Y.Doc, id: string, patch: MeasurePatch): boolean {
  const valid = validPatch(patch);
  const map = actionPlanMap(doc);
  const entry = map.get(id);
  if (entry === undefined) return false;
  doc.transact(() => {
    if (entry instanceof Y.Map) {
      writeFields(entry, valid);
      return;
    }
    // A plain-JSON entry (written by a foreign client) becomes a proper Y.Map.
    const measure = repair(id, entry);
    const replacement = new Y.Map<unknown>();
    map.set(id, replacement);
    if (measure) {
      const { id: _id, order, ...fields } = measure;
      writeFields(replacement, { ...fields, ...(order === null ? {} : { order }) });
    }
    writeFields(replacement, valid);
  });
  return true;
}

/** Removes a measure; false if there was none. */
export function removeMeasure(doc: Y.Doc, id: string): boolean {
  const map = actionPlanMap(doc);
  if (!map.has(id)) return false;
  map.delete(id);
  return true;
}

/**
 * Moves a measure to position `toIndex` of the sorted plan by giving it an order between its
 * new neighbours, so only that one measure changes (concurrent moves of others merge).
 */
export function moveMeasure(doc: Y.Doc, id: string, toIndex: number): boolean {
  const plan = readActionPlan(doc);
  if (!plan.some((m) => m.id === id)) return false;
  const others = plan.filter((m) => m.id !== id);
  const index = Math.max(0, Math.min(others.length, Math.trunc(toIndex)));
  const before = others[index - 1]?.order;
  const after = others[index]?.order;
  const order =
    before === undefined && after === undefined
      ? 1
      : before === undefined
        ? after! - 1
        : after === undefined
          ? before + 1
          : (before + after) / 2;
  return updateMeasure(doc, id, { order });
}
