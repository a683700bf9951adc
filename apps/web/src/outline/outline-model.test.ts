import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  PageRecordType,
  toRichText,
  type IndexKey,
  type TLShape,
  type TLShapeId,
} from 'tldraw';
import { describe, expect, it } from 'vitest';
import { buildOutline, plainTextOf, readingOrder } from './outline-model.ts';

const PAGE_ID = PageRecordType.createId('page');

interface ShapeSpec {
  type: 'frame' | 'note' | 'text' | 'geo';
  x: number;
  y: number;
  parentId?: TLShapeId;
  props?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

/**
 * Builds a board in a real tldraw store (so every record passes tldraw's validators) and returns
 * its shapes, as `editor.getCurrentPageShapes()` would.
 */
function board(specs: Record<string, ShapeSpec>): { shapes: TLShape[]; ids: Record<string, TLShapeId> } {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
  store.put([PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: 'a1' as IndexKey })]);
  const ids = Object.fromEntries(Object.keys(specs).map((name) => [name, createShapeId(name)]));
  store.put(
    Object.entries(specs).map(([name, spec]) => {
      const util = defaultShapeUtils.find((candidate) => candidate.type === spec.type)!;
      // getDefaultProps does not touch the editor, so a bare instance is enough in Node.
      const defaults = (Object.create(util.prototype) as { getDefaultProps(): object }).getDefaultProps();
      return store.schema.types.shape.create({
        id: ids[name],
        type: spec.type,
        x: spec.x,
        y: spec.y,
        parentId: spec.parentId ?? PAGE_ID,
        index: 'a1',
        props: { ...defaults, ...spec.props },
        meta: spec.meta ?? {},
      } as never) as TLShape;
    }),
  );
  const shapes = store.allRecords().filter((record): record is TLShape => record.typeName === 'shape');
  return { shapes, ids };
}

const frame = (x: number, y: number, name: string, w = 600, h = 400): ShapeSpec => ({
  type: 'frame',
  x,
  y,
  props: { name, w, h },
});
const note = (x: number, y: number, text: string, parentId?: TLShapeId): ShapeSpec => ({
  type: 'note',
  x,
  y,
  ...(parentId ? { parentId } : {}),
  props: { richText: toRichText(text) },
});

describe('buildOutline', () => {
  it('puts notes in the frame that is their parent', () => {
    const { shapes, ids } = board({
      ideas: frame(0, 0, 'Ideas'),
      a: note(20, 20, 'Sauna on Fridays', createShapeId('ideas')),
    });
    const outline = buildOutline(shapes);
    expect(outline.frames).toEqual([
      { id: ids.ideas, name: 'Ideas', notes: [{ id: ids.a, kind: 'note', text: 'Sauna on Fridays', author: null }] },
    ]);
    expect(outline.loose).toEqual([]);
  });

  it('puts a note that lies on a frame into it even when the frame is not its parent', () => {
    const { shapes, ids } = board({ ideas: frame(1000, 1000, 'Ideas'), a: note(1100, 1100, 'On top') });
    const outline = buildOutline(shapes);
    expect(outline.frames[0]!.notes.map((n) => n.id)).toEqual([ids.a]);
    expect(outline.loose).toEqual([]);
  });

  it('lists notes outside every frame separately, and ignores other shapes', () => {
    const { shapes } = board({
      ideas: frame(0, 0, 'Ideas'),
      loose: note(2000, 0, 'Alone'),
      box: { type: 'geo', x: 2000, y: 500 },
      label: { type: 'text', x: 2000, y: 800, props: { richText: toRichText('A heading') } },
    });
    const outline = buildOutline(shapes);
    expect(outline.frames[0]!.notes).toEqual([]);
    expect(outline.loose.map((n) => [n.kind, n.text])).toEqual([
      ['note', 'Alone'],
      ['text', 'A heading'],
    ]);
  });

  it('orders frames top to bottom, then left to right', () => {
    const { shapes } = board({
      bottom: frame(0, 1000, 'Bottom'),
      right: frame(700, 5, 'Right'),
      left: frame(0, 0, 'Left'),
    });
    expect(buildOutline(shapes).frames.map((f) => f.name)).toEqual(['Left', 'Right', 'Bottom']);
  });

  it('reads notes from the right in right-to-left languages, and frames in the workshop’s order', () => {
    const { shapes, ids } = board({
      left: frame(0, 0, 'Left'),
      right: frame(700, 5, 'Right'),
      bottom: frame(0, 1000, 'Bottom'),
      a: note(20, 20, 'a', createShapeId('left')),
      b: note(300, 20, 'b', createShapeId('left')),
    });
    const outline = buildOutline(shapes, { rtl: true });
    expect(outline.frames.map((f) => f.name)).toEqual(['Left', 'Right', 'Bottom']);
    expect(outline.frames[0]!.notes.map((n) => n.id)).toEqual([ids.b, ids.a]);
  });

  it('orders notes within a frame in reading order', () => {
    const { shapes } = board({
      f: frame(0, 0, 'F', 800, 800),
      second: note(300, 30, 'second', createShapeId('f')),
      first: note(20, 20, 'first', createShapeId('f')),
      third: note(20, 300, 'third', createShapeId('f')),
    });
    expect(buildOutline(shapes).frames[0]!.notes.map((n) => n.text)).toEqual(['first', 'second', 'third']);
  });

  it('gives unnamed frames an empty name and names the author the note is signed with', () => {
    const signed = (x: number, text: string, by: string | null) => {
      const shape = note(x, 20, text, createShapeId('f'));
      return { ...shape, props: { ...shape.props, textLastEditedBy: by } };
    };
    const { shapes } = board({
      f: frame(0, 0, '  ', 1200, 400),
      a: signed(20, 'Hi', 'member-amina'),
      b: signed(300, 'From private writing', null),
      c: signed(600, 'Signed by someone who left', 'member-gone'),
      d: signed(900, '', 'member-amina'),
    });
    const names: Record<string, string> = { 'member-amina': 'Amina' };
    const [only] = buildOutline(shapes, { nameOf: (id) => names[id] ?? null }).frames;
    expect(only!.name).toBe('');
    expect(only!.notes.map((n) => [n.text, n.author])).toEqual([
      ['Hi', 'Amina'],
      ['From private writing', null],
      ['Signed by someone who left', null],
      ['', null],
    ]);
    expect(buildOutline(shapes).frames[0]!.notes[0]!.author).toBeNull();
  });

  it('uses the bounds it is given over its own estimate', () => {
    const { shapes, ids } = board({ ideas: frame(0, 0, 'Ideas'), a: note(5000, 5000, 'Far') });
    const outline = buildOutline(shapes, {
      boundsOf: (shape) => (shape.id === ids.a ? { x: 10, y: 10, w: 10, h: 10 } : undefined),
    });
    expect(outline.frames[0]!.notes.map((n) => n.id)).toEqual([ids.a]);
  });

  it("gives sticky notes a revealed vote's dots (0 for none), and nothing without results", () => {
    const { shapes, ids } = board({
      a: note(0, 0, 'Housing'),
      b: note(300, 0, 'Jobs'),
      label: { type: 'text', x: 600, y: 0, props: { richText: toRichText('A heading') } },
    });
    const voted = buildOutline(shapes, { votes: { [ids.a!]: 4, [ids.label!]: 2 } }).loose;
    expect(voted.map((n) => [n.text, n.votes])).toEqual([
      ['Housing', 4],
      ['Jobs', 0],
      ['A heading', undefined],
    ]);
    expect(buildOutline(shapes, { votes: null }).loose.every((n) => !('votes' in n))).toBe(true);
  });
});

describe('plainTextOf', () => {
  it('puts each paragraph on its own line', () => {
    expect(plainTextOf(toRichText('One\nTwo'))).toBe('One\nTwo');
  });

  it('reads hard breaks, nested lists and empty documents', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'c' }] }] }],
        },
      ],
    };
    expect(plainTextOf(doc)).toBe('a\nb\nc');
    expect(plainTextOf(toRichText(''))).toBe('');
    expect(plainTextOf(undefined)).toBe('');
  });
});

describe('readingOrder', () => {
  it('keeps boxes a few pixels apart vertically in one row', () => {
    const boxes = [
      { x: 500, y: 0, w: 100, h: 100 },
      { x: 0, y: 8, w: 100, h: 100 },
    ];
    expect(readingOrder(boxes, (box) => box)).toEqual([boxes[1], boxes[0]]);
    expect(readingOrder(boxes, (box) => box, true)).toEqual([boxes[0], boxes[1]]);
  });
});
