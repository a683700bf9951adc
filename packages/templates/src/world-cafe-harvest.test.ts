import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLRecord, type TLShape } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from './instantiate-template.ts';
import { testNote, translator } from './testing.ts';
import { shapeTextSource } from './template-text-source.ts';
import { partShapeId } from './to-tldraw-records.ts';
import { harvestWorldCafe } from './world-cafe-harvest.ts';

const t = translator('en');

/** A note written on the board, inside `parentId` at (x, y). */
const note = (id: string, parentId: string, x: number, y: number, text: string) =>
  testNote(`shape:${id}`, parentId, x, y, text);

/** A board doc's records as a map, with {@link harvestWorldCafe}'s output written in. */
function board(records: TLRecord[]) {
  const map = new Map<string, TLRecord>(records.map((r) => [r.id, r]));
  return {
    map,
    harvest(instance?: string) {
      const result = harvestWorldCafe(map.values(), { instance, t });
      for (const r of result.records) map.set(r.id, r);
      return result;
    },
  };
}

const copies = (map: Map<string, TLRecord>) =>
  [...map.values()].filter(
    (r): r is TLShape =>
      r.typeName === 'shape' && (r.meta as { talkoot?: { part?: string } }).talkoot?.part === 'harvested',
  );

describe('harvestWorldCafe', () => {
  const cafe = () => instantiateTemplate('world-cafe', { tables: 2, rounds: 2 }, { language: 'en', t }).records;
  const round = (table: number, r: number) => partShapeId('world-cafe', `table-${table}.round-${r}`);
  const table = (n: number) => partShapeId('world-cafe', `table-${n}`);
  const harvestFrame = partShapeId('world-cafe', 'harvest');

  it('copies the notes of every table into the harvest frame, linked to their notes, one row per table', () => {
    const b = board([
      ...cafe(),
      // Round areas are not parents: a note in round 2 of table 1 has the table frame as parent.
      note('a', table(1), 60 + 360, 260, 'Language courses at night'),
      note('b', table(2), 60, 260, 'Childcare during courses'),
      note('c', table(1), 60, 260, 'A mentor in the first weeks'),
      note('outside', 'page:page', -2000, -2000, 'Not at a table'),
    ]);
    expect(round(1, 1)).toBeTruthy();
    const result = b.harvest();
    expect(result).toMatchObject({ frameId: harvestFrame, notes: 3 });
    const gathered = copies(b.map);
    expect(gathered).toHaveLength(3);
    expect(gathered.every((c) => c.parentId === harvestFrame)).toBe(true);
    const bySource = Object.fromEntries(
      gathered.map((c) => [(c.meta as { talkoot: { source: { shapeId: string } } }).talkoot.source.shapeId, c]),
    );
    expect(Object.keys(bySource).sort()).toEqual(['shape:a', 'shape:b', 'shape:c']);
    expect(bySource['shape:a']!.meta).toMatchObject({ talkoot: { table: 1, round: 2, part: 'harvested' } });
    expect(bySource['shape:c']!.meta).toMatchObject({ talkoot: { table: 1, round: 1 } });
    // Table 1's row comes before table 2's; round 1 before round 2 within a table.
    expect(bySource['shape:c']!.x).toBeLessThan(bySource['shape:a']!.x);
    expect(bySource['shape:b']!.y).toBeGreaterThan(bySource['shape:a']!.y);
    // Each row's table label records its text source, so every reader sees it in her language.
    const label = b.map.get(partShapeId('world-cafe', 'harvest.table-2')) as TLShape;
    expect(shapeTextSource(label)).toEqual({ key: 'template.world-cafe.table', values: { number: 2 } });
    // The frame grew to hold them.
    const frame = b.map.get(harvestFrame) as TLShape & { props: { h: number } };
    expect(frame.props.h).toBeGreaterThan(bySource['shape:b']!.y + 100);
  });

  it('writes records a tldraw store accepts', () => {
    const b = board([...cafe(), note('a', table(1), 60, 260, 'An idea')]);
    b.harvest();
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
    expect(() => store.mergeRemoteChanges(() => store.put([...b.map.values()]))).not.toThrow();
  });

  it('never duplicates: a second harvest adds only new notes and leaves moved copies alone', () => {
    const b = board([...cafe(), note('a', table(1), 60, 260, 'First'), note('b', table(2), 60, 260, 'Second')]);
    b.harvest();
    expect(b.harvest().records).toEqual([]);
    const [moved] = copies(b.map);
    b.map.set(moved!.id, { ...moved!, x: 50, y: 50 });
    b.map.set('shape:c', note('c', table(2), 420, 260, 'Third'));
    const again = b.harvest();
    expect(copies(b.map)).toHaveLength(3);
    expect(again.records.some((r) => r.id === moved!.id)).toBe(false);
    expect((b.map.get(moved!.id) as TLShape).y).toBe(50);
  });

  it('does nothing on a board without a world café', () => {
    const records = instantiateTemplate('journey-map', {}, { language: 'en', t }).records;
    expect(harvestWorldCafe(records, { t })).toEqual({ frameId: null, notes: 0, records: [] });
  });

  it('keeps two cafés on one board apart', () => {
    const second = instantiateTemplate(
      'world-cafe',
      { tables: 2, rounds: 2 },
      { language: 'en', t, placement: { instance: '2', x: 9000, y: 0 } },
    ).records;
    const b = board([
      ...cafe(),
      ...second,
      note('a', table(1), 60, 260, 'Café one'),
      note('b', partShapeId('world-cafe', 'table-1', '2'), 60, 260, 'Café two'),
    ]);
    expect(b.harvest('2')).toMatchObject({ frameId: partShapeId('world-cafe', 'harvest', '2'), notes: 1 });
    expect(
      copies(b.map).map((c) => (c.meta as { talkoot: { source: { shapeId: string } } }).talkoot.source.shapeId),
    ).toEqual(['shape:b']);
  });
});
