import { TL_META_MAP, TL_RECORDS_MAP, TL_SCHEMA_KEY } from '@talkoot/protocol';
import { bindTldrawStoreToYjs } from '@talkoot/tldraw-yjs';
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLRecord, type TLShape } from 'tldraw';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { instantiateTemplate } from './instantiate-template.ts';
import { TemplateParamsError } from './template-params.ts';
import { TEMPLATES, UnknownTemplateError } from './templates.ts';
import { translator } from './testing.ts';
import type { TemplateMeta } from './to-tldraw-records.ts';

/** The store the web client builds (see apps/web use-board-connection). */
const clientStore = () => createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
const en = { language: 'en', t: translator('en') };
const shapes = (records: TLRecord[]) => records.filter((r): r is TLShape => r.typeName === 'shape');
const tagsOf = (shape: TLShape) => (shape.meta as { talkoot: TemplateMeta }).talkoot;
const textOf = (shape: TLShape) =>
  JSON.stringify((shape.props as { richText?: unknown }).richText ?? (shape.props as { name?: string }).name);

describe('instantiateTemplate', () => {
  it('lays out a world café with one frame per table and a harvest', () => {
    const { records, agenda, params } = instantiateTemplate('world-cafe', { tables: 4 }, en);
    expect(params).toEqual({ tables: 4, rounds: 3 });
    const frames = shapes(records).filter((s) => s.type === 'frame');
    expect(frames.map((f) => tagsOf(f).part)).toEqual(['table', 'table', 'table', 'table', 'harvest']);
    expect(frames.map((f) => (f.props as { name: string }).name)).toContain('Table 3');
    const rounds = shapes(records).filter((s) => tagsOf(s).part === 'round');
    expect(rounds).toHaveLength(12);
    const round = rounds.find((s) => tagsOf(s).table === 3 && tagsOf(s).round === 2);
    expect(round?.parentId).toBe(frames[2]!.id);
    expect(tagsOf(round!)).toMatchObject({ template: 'world-cafe', templateVersion: 1 });
    expect(agenda.map((s) => s.id)).toEqual([
      'world-cafe.welcome',
      'world-cafe.round-1',
      'world-cafe.round-2',
      'world-cafe.round-3',
      'world-cafe.harvest',
      'world-cafe.close',
    ]);
    expect(agenda[2]).toMatchObject({ title: 'Round 2', durationMinutes: 20 });
  });

  it('lays out a journey map as stages × lanes with an emotion curve and a persona card', () => {
    const { records } = instantiateTemplate('journey-map', {}, en);
    const parts = shapes(records).map(tagsOf);
    expect(parts.filter((p) => p.part === 'lane')).toHaveLength(25);
    expect(parts).toContainEqual(expect.objectContaining({ part: 'lane', stage: 'first-weeks', lane: 'barriers' }));
    expect(parts.filter((p) => p.part === 'persona')).toHaveLength(1);
    expect(parts.filter((p) => p.part === 'emotion-curve').length).toBeGreaterThan(0);
  });

  it('labels the four quadrants of the prioritisation and stakeholder matrices', () => {
    const quadrants = (id: string) =>
      shapes(instantiateTemplate(id, {}, en).records)
        .filter((s) => tagsOf(s).part === 'quadrant')
        .map((s) => tagsOf(s).quadrant);
    expect(quadrants('prioritisation')).toEqual(['quick-wins', 'big-projects', 'small-tasks', 'reconsider']);
    expect(quadrants('stakeholder-map').sort()).toEqual([
      'keep-informed',
      'keep-satisfied',
      'manage-closely',
      'monitor',
    ]);
  });

  it('lays out a dialogue record with its sections and ground rules', () => {
    const sections = shapes(instantiateTemplate('dialogue-record', {}, en).records)
      .filter((s) => s.type === 'frame')
      .map((s) => tagsOf(s).section);
    expect(sections).toEqual(['ground-rules', 'themes', 'heard', 'agreements', 'disagreements', 'open-questions']);
  });

  it('gives a blank board only the document and the page, and no agenda', () => {
    const { records, agenda } = instantiateTemplate('blank', undefined, en);
    expect(records.map((r) => r.id)).toEqual(['document:document', 'page:page']);
    expect(agenda).toEqual([]);
  });

  it('writes the texts in the board language, falling back to English', () => {
    const fi = instantiateTemplate('world-cafe', {}, { language: 'fi', t: translator('fi') });
    const names = shapes(fi.records).map((s) => (s.props as { name?: string }).name);
    expect(names).toContain('Pöytä 1');
    expect(fi.agenda[0]!.title).toBe('Tervetuloa ja näin kahvila toimii');
    // A language that lacks a key gets the English text for it.
    const partial = translator('fi');
    const withGap: typeof partial = (key, values) =>
      key === 'template.world-cafe.host' ? translator('en')(key, values) : partial(key, values);
    const mixed = instantiateTemplate('world-cafe', {}, { language: 'fi', t: withGap });
    expect(shapes(mixed.records).some((s) => textOf(s).includes('Table host'))).toBe(true);
  });

  it("names the page in the board language, as tldraw's page menu shows it", () => {
    const pageName = (language: string) =>
      instantiateTemplate('blank', undefined, { language, t: translator(language) }).records.find(
        (r) => r.typeName === 'page',
      )?.name;
    expect(pageName('en')).toBe('Page 1');
    expect(pageName('fi')).toBe('Sivu 1');
    expect(pageName('ar')).toBe('الصفحة 1');
    expect(pageName('uk')).toBe('Сторінка 1');
  });

  it('refuses parameters out of range, of the wrong type or unknown', () => {
    expect(() => instantiateTemplate('world-cafe', { tables: 13 }, en)).toThrow(TemplateParamsError);
    expect(() => instantiateTemplate('world-cafe', { tables: 1 }, en)).toThrow(TemplateParamsError);
    expect(() => instantiateTemplate('world-cafe', { tables: 2.5 }, en)).toThrow(TemplateParamsError);
    expect(() => instantiateTemplate('world-cafe', { tables: '4' }, en)).toThrow(TemplateParamsError);
    expect(() => instantiateTemplate('blank', { tables: 4 }, en)).toThrow(TemplateParamsError);
    expect(() => instantiateTemplate('mind-map', {}, en)).toThrow(UnknownTemplateError);
  });

  it('places a second method beside existing content with ids, tags and agenda of its own', () => {
    const first = instantiateTemplate('world-cafe', { tables: 2 }, en);
    const second = instantiateTemplate(
      'world-cafe',
      { tables: 2 },
      { ...en, placement: { instance: '2', x: 5000, y: 100 } },
    );
    const ids = new Set(shapes(first.records).map((s) => s.id));
    const placed = shapes(second.records);
    expect(placed.some((s) => ids.has(s.id))).toBe(false);
    expect(placed.every((s) => tagsOf(s).instance === '2')).toBe(true);
    const table1 = (records: TLRecord[]) =>
      shapes(records).find((s) => tagsOf(s).part === 'table' && tagsOf(s).table === 1)!;
    expect(table1(second.records).x - table1(first.records).x).toBe(5000);
    expect(table1(second.records).y - table1(first.records).y).toBe(100);
    // Children keep their place inside their (moved) frame.
    const round = placed.find((s) => tagsOf(s).part === 'round' && tagsOf(s).table === 1 && tagsOf(s).round === 1)!;
    expect(round.parentId).toBe(table1(second.records).id);
    expect(second.agenda[0]!.id).toBe('world-cafe@2.welcome');
  });

  it('is deterministic, so writing it twice cannot duplicate anything', () => {
    expect(instantiateTemplate('journey-map', { journeys: 2 }, en)).toEqual(
      instantiateTemplate('journey-map', { journeys: 2 }, en),
    );
  });

  it("writes the web client's schema", () => {
    expect(instantiateTemplate('blank', {}, en).schema).toEqual(clientStore().schema.serialize());
  });

  for (const id of Object.keys(TEMPLATES)) {
    const definition = TEMPLATES[id as keyof typeof TEMPLATES];
    const largest = Object.fromEntries(definition.parameters.map((p) => [p.name, p.max]));

    it(`builds only valid tldraw records for ${id}`, () => {
      const store = clientStore();
      const { records } = instantiateTemplate(id, largest, { language: 'ar', t: translator('ar') });
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
      for (const record of records) {
        expect(() => store.schema.validateRecord(store, record, 'initialize', null), record.id).not.toThrow();
      }
    });

    it(`loads ${id} into a client through the Yjs binding unchanged`, () => {
      const { records, schema } = instantiateTemplate(id, largest, en);
      const doc = new Y.Doc();
      doc.transact(() => {
        const map = doc.getMap(TL_RECORDS_MAP);
        for (const record of records) map.set(record.id, record);
        doc.getMap(TL_META_MAP).set(TL_SCHEMA_KEY, schema);
      });
      const before = Y.encodeStateVector(doc);
      const errors: unknown[] = [];
      const store = clientStore();
      const binding = bindTldrawStoreToYjs({ store, doc, onError: (e) => errors.push(e) });
      expect(errors).toEqual([]);
      expect(binding.status.get()).toEqual({ kind: 'synced', readOnly: false });
      for (const record of records) expect(store.get(record.id)).toEqual(record);
      // Nothing to seed or migrate: the binding wrote nothing back.
      expect(Y.encodeStateVector(doc)).toEqual(before);
      binding.dispose();
    });
  }
});
