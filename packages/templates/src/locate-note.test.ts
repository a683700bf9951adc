import type { TLRecord, TLShape } from '@tldraw/tlschema';
import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from './instantiate-template.ts';
import { locateNote } from './locate-note.ts';
import { translator } from './testing.ts';
import { partShapeId, TEMPLATE_SCHEMA } from './to-tldraw-records.ts';

const board = () =>
  instantiateTemplate('world-cafe', { tables: 4, rounds: 3 }, { language: 'en', t: translator('en') });
const find = (records: TLRecord[], slug: string) =>
  records.find((r) => r.id === partShapeId('world-cafe', slug)) as TLShape & { props: { w: number; h: number } };

/** A participant's note, as the client would write it. */
function note(parentId: string, x: number, y: number): TLShape {
  return TEMPLATE_SCHEMA.types.shape.create({
    id: 'shape:participant-note',
    type: 'note',
    x,
    y,
    parentId,
    index: 'a1',
    props: { richText: { type: 'doc', content: [] }, growY: 0, scale: 1 },
  } as unknown as TLShape) as TLShape;
}

describe('locateNote', () => {
  it('finds the table and round of a note dropped into a round area', () => {
    const { records } = board();
    const round = find(records, 'table-3.round-2');
    const table = find(records, 'table-3');
    const location = locateNote([...records, note(table.id, round.x + 20, round.y + 20)], 'shape:participant-note');
    expect(location?.frameId).toBe(table.id);
    expect(location?.containerIds).toEqual([round.id, table.id]);
    expect(location?.tags).toMatchObject({ template: 'world-cafe', part: 'round', table: 3, round: 2 });
  });

  it('follows the frame when a facilitator moved it', () => {
    const { records } = board();
    const table = find(records, 'table-2');
    const round = find(records, 'table-2.round-3');
    const moved = records.map((r) => (r.id === table.id ? { ...table, x: table.x + 5000, y: table.y - 3000 } : r));
    const location = locateNote([...moved, note(table.id, round.x + 40, round.y + 40)], 'shape:participant-note');
    expect(location?.tags).toMatchObject({ part: 'round', table: 2, round: 3 });
  });

  it('uses geometry for a note left on the page over a frame', () => {
    const { records } = board();
    const harvest = find(records, 'harvest');
    const themes = find(records, 'harvest.themes');
    const location = locateNote(
      [...records, note('page:page', harvest.x + themes.x + 10, harvest.y + themes.y + 10)],
      'shape:participant-note',
    );
    expect(location?.frameId).toBe(harvest.id);
    expect(location?.tags).toMatchObject({ part: 'harvest', area: 'themes' });
  });

  it('tells the frame but no lane for a note between areas, and nothing outside every part', () => {
    const { records } = board();
    const table = find(records, 'table-1');
    expect(locateNote([...records, note(table.id, 10, 10)], 'shape:participant-note')?.tags).toMatchObject({
      part: 'table',
      table: 1,
    });
    const outside = locateNote([...records, note('page:page', -5000, -5000)], 'shape:participant-note');
    expect(outside).toEqual({ frameId: null, containerIds: [], tags: null });
  });

  it('returns null for an unknown note and skips records that are not shapes', () => {
    expect(locateNote([null, 42, { typeName: 'shape' }, ...board().records], 'shape:nope')).toBeNull();
  });
});
