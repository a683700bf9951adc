import { TL_RECORDS_MAP } from '@talkoot/protocol';
import { inspectUpdate } from '@talkoot/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
// The board's own policy, so this test fails loudly when the gate would refuse the bench's writers.
import { BOARD_ROOTS, shapeOfWrites } from '@talkoot/server';
import { NOTES_PER_WRITER, writerNote } from './note-record.ts';

describe('writerNote', () => {
  it('creates the writer’s notes first, then moves them: the same record with a new x/y', () => {
    const first = writerNote(3, 1);
    const moved = writerNote(3, 1 + NOTES_PER_WRITER);
    expect(moved.id).toBe(first.id);
    expect({ ...moved.record, x: 0, y: 0 }).toEqual({ ...first.record, x: 0, y: 0 });
    expect([moved.record.x, moved.record.y]).not.toEqual([first.record.x, first.record.y]);
    expect(new Set(Array.from({ length: NOTES_PER_WRITER }, (_, seq) => writerNote(3, seq).id)).size).toBe(
      NOTES_PER_WRITER,
    );
  });

  it("writes updates that the board's write gate accepts, creating and moving alike", () => {
    const server = new Y.Doc();
    const writer = new Y.Doc();
    writer.clientID = 2_000_003;
    for (let seq = 0; seq < 2 * NOTES_PER_WRITER; seq++) {
      let update: Uint8Array | undefined;
      writer.once('update', (u: Uint8Array) => (update = u));
      const { id, record } = writerNote(3, seq);
      writer.getMap(TL_RECORDS_MAP).set(id, record);
      const verdict = inspectUpdate(server, Y.decodeUpdate(update!));
      expect(verdict.ok && shapeOfWrites(verdict.changes, BOARD_ROOTS)).toBe(true);
      Y.applyUpdate(server, update!);
    }
    expect(server.getMap(TL_RECORDS_MAP).size).toBe(NOTES_PER_WRITER);
  });
});
