import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  actionPlanMap,
  addMeasure,
  MeasureValidationError,
  findMeasureText,
  measureText,
  migratePlanText,
  moveMeasure,
  planNeedsMigration,
  readActionPlan,
  removeMeasure,
  updateMeasure,
} from './action-plan.ts';
import { periodKind } from './measure.ts';

/** Two documents that exchange every update, like two browsers on one board. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
  return [a, b];
}

describe('addMeasure and readActionPlan', () => {
  it('adds measures at the end with defaults and reads them back in order', () => {
    const doc = new Y.Doc();
    const first = addMeasure(doc, { title: 'Welcome evenings' });
    const second = addMeasure(doc, { title: 'Language cafés', status: 'agreed', start: '2027-Q1' });
    const plan = readActionPlan(doc);
    expect(plan.map((m) => m.id)).toEqual([first, second]);
    expect(plan[0]).toMatchObject({ title: 'Welcome evenings', status: 'proposed', need: '', evidence: [] });
    expect(plan[1]).toMatchObject({ status: 'agreed', start: '2027-Q1' });
    expect(first).toMatch(/^m:[0-9a-f]{16}$/);
  });

  it('refuses invalid fields and leaves the plan untouched', () => {
    const doc = new Y.Doc();
    expect(() => addMeasure(doc, { status: 'maybe' as never })).toThrow(MeasureValidationError);
    expect(() => addMeasure(doc, { start: 'x'.repeat(41) })).toThrow(/start/);
    expect(readActionPlan(doc)).toEqual([]);
  });

  it('repairs malformed entries written by a foreign client instead of dropping the plan', () => {
    const doc = new Y.Doc();
    const map = actionPlanMap(doc);
    const entry = new Y.Map<unknown>();
    map.set('m:bad', entry);
    entry.set('title', 'x'.repeat(500));
    entry.set('status', 'someday');
    entry.set('evidence', [{ boardId: 'b', shapeId: 'shape:1', text: 'ok' }, { nonsense: true }]);
    map.set('m:json', { title: 'Plain JSON', order: 0.5 });
    map.set('not an id!', new Y.Map());
    map.set('m:number', 42);
    const plan = readActionPlan(doc);
    expect(plan.map((m) => m.id)).toEqual(['m:json', 'm:bad']);
    expect(plan[1]).toMatchObject({ status: 'proposed', evidence: [{ shapeId: 'shape:1' }] });
    expect(plan[1]!.title).toHaveLength(300);
    expect(plan[1]!.order).toBeGreaterThan(0.5);
  });
});

describe('updateMeasure', () => {
  it('merges two people editing different fields of one measure at once', () => {
    const [a, b] = pair();
    const id = addMeasure(a, { title: 'Job shadowing' });
    // Both edit while "offline" from each other, then exchange updates.
    const offlineA = new Y.Doc();
    const offlineB = new Y.Doc();
    Y.applyUpdate(offlineA, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(offlineB, Y.encodeStateAsUpdate(b));
    updateMeasure(offlineA, id, { responsible: 'Employment services' });
    updateMeasure(offlineB, id, { partners: 'Chamber of commerce', status: 'agreed' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(offlineA));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(offlineB));
    expect(readActionPlan(b)[0]).toMatchObject({
      title: 'Job shadowing',
      responsible: 'Employment services',
      partners: 'Chamber of commerce',
      status: 'agreed',
    });
  });

  it('validates the patch, refuses unknown fields and reports unknown measures', () => {
    const doc = new Y.Doc();
    const id = addMeasure(doc, { title: 'A' });
    expect(() => updateMeasure(doc, id, { owner: 'x' } as never)).toThrow(MeasureValidationError);
    expect(() => updateMeasure(doc, id, { end: 'y'.repeat(100) })).toThrow(MeasureValidationError);
    expect(updateMeasure(doc, 'm:nope', { title: 'B' })).toBe(false);
    expect(readActionPlan(doc)[0]!.title).toBe('A');
  });

  it('turns a plain-JSON entry into a mergeable map on the first edit', () => {
    const doc = new Y.Doc();
    actionPlanMap(doc).set('m:json', { title: 'Plain', need: 'Housing', order: 3 });
    expect(updateMeasure(doc, 'm:json', { status: 'done' })).toBe(true);
    expect(actionPlanMap(doc).get('m:json')).toBeInstanceOf(Y.Map);
    expect(readActionPlan(doc)[0]).toMatchObject({ title: 'Plain', need: 'Housing', order: 3, status: 'done' });
  });
});

describe('collaborative text fields', () => {
  it('stores text fields as Y.Text and merges two people typing in one cell at once', () => {
    const a = new Y.Doc();
    const id = addMeasure(a, { title: 'Vantaa integration unit' });
    const entry = actionPlanMap(a).get(id) as Y.Map<unknown>;
    expect(entry.get('title')).toBeInstanceOf(Y.Text);
    // Every text field, so two people typing into an empty cell of a new row share one Y.Text.
    expect(entry.get('partners')).toBeInstanceOf(Y.Text);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // The "Kela" overwrite of issue 14: both save their whole cell while the other types.
    updateMeasure(a, id, { title: 'Vantaa city integration unit' });
    updateMeasure(b, id, { title: 'Vantaa integration unit, Kela' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readActionPlan(a)[0]!.title).toBe('Vantaa city integration unit, Kela');
    expect(readActionPlan(b)[0]!.title).toBe('Vantaa city integration unit, Kela');
  });

  it('reads plain-string fields of older boards and keeps them when migrated', () => {
    const doc = new Y.Doc();
    const entry = new Y.Map<unknown>();
    actionPlanMap(doc).set('m:old', entry);
    entry.set('title', 'Language café');
    entry.set('responsible', 'Library');
    entry.set('order', 1);
    actionPlanMap(doc).set('m:json', { title: 'Plain JSON', order: 2 });
    const before = readActionPlan(doc);
    expect(before.map((m) => m.title)).toEqual(['Language café', 'Plain JSON']);
    expect(planNeedsMigration(doc)).toBe(true);
    // Two strings made Y.Text, six missing fields made empty, and the plain-JSON measure's eight.
    expect(migratePlanText(doc)).toBe(16);
    expect(planNeedsMigration(doc)).toBe(false);
    expect(migratePlanText(doc)).toBe(0);
    expect(entry.get('title')).toBeInstanceOf(Y.Text);
    expect((actionPlanMap(doc).get('m:json') as Y.Map<unknown>).get('title')).toBeInstanceOf(Y.Text);
    expect(readActionPlan(doc)).toEqual(before);
  });

  it('gives the Y.Text of a cell to bind, made from an older board’s string', () => {
    const doc = new Y.Doc();
    const entry = new Y.Map<unknown>();
    actionPlanMap(doc).set('m:old', entry);
    entry.set('need', 'Housing');
    const text = measureText(doc, 'm:old', 'need')!;
    expect(text.toString()).toBe('Housing');
    expect(measureText(doc, 'm:old', 'need')).toBe(text);
    expect(findMeasureText(doc, 'm:old', 'need')).toBe(text);
    expect(findMeasureText(doc, 'm:old', 'partners')).toBeNull();
    expect(measureText(doc, 'm:old', 'partners')!.toString()).toBe('');
    expect(measureText(doc, 'm:nope', 'need')).toBeNull();
  });
});

describe('moveMeasure and removeMeasure', () => {
  it('moves one measure between its new neighbours without touching the others', () => {
    const doc = new Y.Doc();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => addMeasure(doc, { title }));
    const before = readActionPlan(doc);
    expect(moveMeasure(doc, c!, 0)).toBe(true);
    expect(readActionPlan(doc).map((m) => m.title)).toEqual(['C', 'A', 'B']);
    expect(moveMeasure(doc, c!, 1)).toBe(true);
    expect(readActionPlan(doc).map((m) => m.title)).toEqual(['A', 'C', 'B']);
    const after = readActionPlan(doc);
    expect(after.find((m) => m.id === a)!.order).toBe(before[0]!.order);
    expect(after.find((m) => m.id === b)!.order).toBe(before[1]!.order);
    expect(moveMeasure(doc, 'm:nope', 0)).toBe(false);
  });

  it('removes a measure once', () => {
    const doc = new Y.Doc();
    const id = addMeasure(doc, { title: 'A' });
    expect(removeMeasure(doc, id)).toBe(true);
    expect(removeMeasure(doc, id)).toBe(false);
    expect(readActionPlan(doc)).toEqual([]);
  });
});

describe('periodKind', () => {
  it('tells dates, quarters and free text apart', () => {
    expect(periodKind('2027-03-01')).toBe('date');
    expect(periodKind('2027-Q1')).toBe('quarter');
    expect(periodKind('2027-02-31')).toBe('text');
    expect(periodKind('autumn 2027')).toBe('text');
    expect(periodKind(' ')).toBe('empty');
  });
});
