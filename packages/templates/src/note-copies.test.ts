import type { TLRecord } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from './instantiate-template.ts';
import { copiedFromBoards, copyOriginOf, hiddenWithCopies } from './note-copies.ts';
import { promotedNoteId, promoteNote } from './promote-note.ts';
import { testNote, translator } from './testing.ts';
import { partShapeId } from './to-tldraw-records.ts';
import { harvestWorldCafe } from './world-cafe-harvest.ts';

const t = translator('en');

/** A world café with one note at table 1, harvested, and a prioritisation to send needs to. */
function cafeBoard() {
  const records = new Map<string, TLRecord>(
    instantiateTemplate('world-cafe', { tables: 2, rounds: 1 }, { language: 'en', t }).records.map((r) => [r.id, r]),
  );
  const secret = testNote('shape:secret', partShapeId('world-cafe', 'table-1'), 60, 260, 'Call me on 040 123');
  const other = testNote('shape:other', partShapeId('world-cafe', 'table-2'), 60, 260, 'Evening courses');
  records.set(secret.id, secret);
  records.set(other.id, other);
  for (const r of harvestWorldCafe(records.values(), { t }).records) records.set(r.id, r);
  return records;
}

const copyOf = (records: Map<string, TLRecord>, shapeId: string) =>
  [...records.values()].find((r) => copyOriginOf(r)?.shapeId === shapeId)!.id;

describe('hiddenWithCopies', () => {
  it('hides the harvest copy of a hidden note, and nothing else', () => {
    const records = cafeBoard();
    const hidden = hiddenWithCopies(records.values(), { boardId: 'A', redactedShapeIds: ['shape:secret'] });
    expect([...hidden].sort()).toEqual([copyOf(records, 'shape:secret'), 'shape:secret'].sort());
    expect(hidden.has(copyOf(records, 'shape:other'))).toBe(false);
  });

  it('hides a need sent from a hidden note on the same board, and a need sent from its harvest copy', () => {
    const records = cafeBoard();
    for (const r of instantiateTemplate(
      'prioritisation',
      {},
      { language: 'en', t, placement: { instance: '2', x: 9000, y: 0 } },
    ).records)
      records.set(r.id, r);
    const harvested = copyOf(records, 'shape:secret');
    for (const id of ['shape:secret', harvested]) {
      const promotion = promoteNote(records.values(), id, records.values(), { boardId: 'A', boardTitle: 'Café' });
      if (promotion.kind !== 'created') throw new Error(promotion.kind);
      records.set(promotion.record.id, promotion.record);
    }
    const hidden = hiddenWithCopies(records.values(), { boardId: 'A', redactedShapeIds: ['shape:secret'] });
    expect(hidden.has(promotedNoteId('A', 'shape:secret'))).toBe(true);
    expect(hidden.has(promotedNoteId('A', harvested))).toBe(true);
    expect(hidden.size).toBe(4);
  });

  it('hides a need sent from another board when that board hides its original, or a copy it came from', () => {
    const cafe = cafeBoard();
    const target = new Map<string, TLRecord>(
      instantiateTemplate('prioritisation', {}, { language: 'en', t }).records.map((r) => [r.id, r]),
    );
    const harvested = copyOf(cafe, 'shape:secret');
    for (const id of [harvested, 'shape:other']) {
      const promotion = promoteNote(cafe.values(), id, target.values(), { boardId: 'A', boardTitle: 'Café' });
      if (promotion.kind !== 'created') throw new Error(promotion.kind);
      target.set(promotion.record.id, promotion.record);
    }
    expect(copiedFromBoards(target.values(), 'B')).toEqual(['A']);
    const hiddenOnA = hiddenWithCopies(cafe.values(), { boardId: 'A', redactedShapeIds: ['shape:secret'] });
    const hidden = hiddenWithCopies(target.values(), {
      boardId: 'B',
      redactedShapeIds: [],
      hiddenElsewhere: new Map([['A', hiddenOnA]]),
    });
    expect([...hidden]).toEqual([promotedNoteId('A', harvested)]);
    // Without knowing what board A hides, nothing is hidden here.
    expect(hiddenWithCopies(target.values(), { boardId: 'B', redactedShapeIds: [] }).size).toBe(0);
  });

  it('ignores malformed sources and non-notes', () => {
    const note = testNote('shape:x', 'page:page', 0, 0, 'x');
    expect(copyOriginOf({ ...note, meta: { talkoot: { source: { shapeId: 5 } } } })).toBeNull();
    expect(copyOriginOf({ ...note, type: 'geo', meta: { talkoot: { source: { shapeId: 'shape:a' } } } })).toBeNull();
    expect(copyOriginOf({ ...note, meta: { talkoot: { source: { shapeId: 'shape:a' } } } })).toEqual({
      boardId: null,
      shapeId: 'shape:a',
    });
  });
});
