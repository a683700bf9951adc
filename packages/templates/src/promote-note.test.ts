import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLRecord, type TLShape } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from './instantiate-template.ts';
import { promotedNoteId, promoteNote } from './promote-note.ts';
import { testNote, translator } from './testing.ts';
import { partShapeId } from './to-tldraw-records.ts';

const t = translator('en');
const en = { language: 'en', t };

const note = testNote;

describe('promoteNote', () => {
  const journey = () => instantiateTemplate('journey-map', {}, en).records;
  const lane = () =>
    journey().find(
      (r) =>
        r.typeName === 'shape' &&
        (r.meta as { talkoot?: { lane?: string; stage?: string } }).talkoot?.lane === 'barriers' &&
        (r.meta as { talkoot?: { stage?: string } }).talkoot?.stage === 'first-weeks',
    ) as TLShape;

  it('copies a journey-map note into the ideas frame of a prioritisation, with where it came from', () => {
    const barrier = lane();
    const source = [...journey(), note('shape:n', barrier.parentId, barrier.x + 10, barrier.y + 10, 'No interpreter')];
    const target = instantiateTemplate('prioritisation', {}, en).records;
    const result = promoteNote(source, 'shape:n', target, { boardId: 'B1', boardTitle: 'Journeys' });
    expect(result.kind).toBe('created');
    if (result.kind !== 'created') return;
    expect(result.frameId).toBe(partShapeId('prioritisation', 'ideas'));
    expect(result.record).toMatchObject({
      id: promotedNoteId('B1', 'shape:n'),
      parentId: result.frameId,
      type: 'note',
      meta: {
        talkoot: {
          part: 'need',
          source: {
            boardId: 'B1',
            boardTitle: 'Journeys',
            shapeId: 'shape:n',
            tags: { stage: 'first-weeks', lane: 'barriers' },
          },
        },
      },
    });
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
    expect(() => store.mergeRemoteChanges(() => store.put([...target, result.record] as TLRecord[]))).not.toThrow();
  });

  it('never promotes the same note twice, and finds a free place for the next one', () => {
    const target: TLRecord[] = [...instantiateTemplate('prioritisation', {}, en).records];
    const source = [note('shape:a', 'page:page', 0, 0, 'A'), note('shape:b', 'page:page', 0, 0, 'B')];
    const first = promoteNote(source, 'shape:a', target, { boardId: 'S', boardTitle: 'S' });
    if (first.kind !== 'created') throw new Error(first.kind);
    target.push(first.record);
    expect(promoteNote(source, 'shape:a', target, { boardId: 'S', boardTitle: 'S' })).toEqual({
      kind: 'exists',
      shapeId: first.record.id,
    });
    const second = promoteNote(source, 'shape:b', target, { boardId: 'S', boardTitle: 'S' });
    if (second.kind !== 'created') throw new Error(second.kind);
    const overlap =
      Math.abs(second.record.x - first.record.x) < 200 && Math.abs(second.record.y - first.record.y) < 200;
    expect(overlap).toBe(false);
  });

  it('refuses what is not a note, and boards without a prioritisation', () => {
    const source = journey();
    const target = instantiateTemplate('prioritisation', {}, en).records;
    expect(
      promoteNote(source, partShapeId('journey-map', 'stage-1'), target, { boardId: 'S', boardTitle: '' }).kind,
    ).toBe('not-a-note');
    expect(promoteNote(source, 'shape:missing', target, { boardId: 'S', boardTitle: '' }).kind).toBe('not-a-note');
    const withNote = [...source, note('shape:n', 'page:page', 0, 0, 'x')];
    expect(promoteNote(withNote, 'shape:n', journey(), { boardId: 'S', boardTitle: '' }).kind).toBe(
      'no-prioritisation',
    );
  });
});
