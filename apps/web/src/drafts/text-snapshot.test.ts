import { toRichText } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { snapshotTexts, unsavedTexts, type ShapeText } from './text-snapshot.ts';

const shape = (id: string, type: string, text: string | null) => ({
  typeName: 'shape',
  id,
  type,
  props: text === null ? { w: 100 } : { richText: toRichText(text) },
});

describe('snapshotTexts', () => {
  it('takes the plain text of notes, text shapes and labelled geo shapes', () => {
    const records = [
      shape('shape:a', 'note', 'First idea'),
      shape('shape:b', 'text', 'A heading\nand a second line'),
      shape('shape:c', 'geo', 'In a box'),
      { typeName: 'page', id: 'page:p', name: 'Page 1' },
    ];
    expect(snapshotTexts(records)).toEqual([
      { shapeId: 'shape:a', type: 'note', text: 'First idea' },
      { shapeId: 'shape:b', type: 'text', text: 'A heading\nand a second line' },
      { shapeId: 'shape:c', type: 'geo', text: 'In a box' },
    ]);
  });

  it('skips shapes without text, other shape types and malformed records', () => {
    const records = [
      shape('shape:a', 'note', '   '),
      shape('shape:b', 'geo', null),
      shape('shape:c', 'frame', 'Frame'),
      null,
      'garbage',
      { typeName: 'shape', type: 'note', props: { richText: toRichText('no id') } },
    ];
    expect(snapshotTexts(records)).toEqual([]);
  });
});

describe('unsavedTexts', () => {
  const snapshot: ShapeText[] = [
    { shapeId: 'shape:kept', type: 'note', text: 'On the server' },
    { shapeId: 'shape:new', type: 'note', text: 'Typed while locked' },
    { shapeId: 'shape:edited', type: 'text', text: 'My longer version' },
  ];

  it('keeps texts whose shape the server does not have', () => {
    const server = [shape('shape:kept', 'note', 'On the server'), shape('shape:edited', 'text', 'My longer version')];
    expect(unsavedTexts(snapshot, server).map((entry) => entry.shapeId)).toEqual(['shape:new']);
  });

  it('keeps texts the server has differently', () => {
    const server = [
      shape('shape:kept', 'note', 'On the server'),
      shape('shape:new', 'note', 'Typed while locked'),
      shape('shape:edited', 'text', 'My version'),
    ];
    expect(unsavedTexts(snapshot, server)).toEqual([
      { shapeId: 'shape:edited', type: 'text', text: 'My longer version' },
    ]);
  });

  it('keeps nothing when the server holds every text', () => {
    const server = snapshot.map((entry) => shape(entry.shapeId, entry.type, entry.text));
    expect(unsavedTexts(snapshot, server)).toEqual([]);
  });

  it('keeps a text whose shape lost its text on the server', () => {
    expect(unsavedTexts(snapshot.slice(0, 1), [shape('shape:kept', 'note', '')])).toHaveLength(1);
  });
});
