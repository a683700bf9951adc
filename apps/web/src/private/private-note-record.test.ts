import {
  NoteShapeUtil,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  getIndexAbove,
  ZERO_INDEX_KEY,
  type Editor,
  type TLPageId,
} from 'tldraw';
import { plainTextOf } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import {
  PRIVATE_AUTHOR_META,
  createPrivateNoteRecord,
  nextPrivateNotePosition,
  privateNoteOf,
  privateNotePosition,
  privateNotesOrigin,
  sortPrivateNotes,
  withNoteText,
  type PagePoint,
} from './private-note-record.ts';

const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils });
// getDefaultProps does not touch the editor.
const defaultProps = new NoteShapeUtil({} as Editor).getDefaultProps();
const pageId = 'page:page' as TLPageId;
const NOTE = 200;

const build = (text: string, position: PagePoint = { x: 0, y: 0 }) =>
  createPrivateNoteRecord({
    schema: store.schema,
    defaultProps,
    text,
    memberId: 'member-1',
    pageId,
    index: getIndexAbove(ZERO_INDEX_KEY),
    position,
  });

const overlaps = (a: PagePoint, b: PagePoint) => Math.abs(a.x - b.x) < NOTE && Math.abs(a.y - b.y) < NOTE;

describe('createPrivateNoteRecord', () => {
  it('builds a note shape the board schema accepts', () => {
    const record = build('My first weeks were lonely', { x: 1000, y: 240 });
    expect(() => store.schema.validateRecord(store, record, 'tests', null)).not.toThrow();
    expect(record).toMatchObject({ typeName: 'shape', type: 'note', parentId: pageId, x: 1000, y: 240 });
    expect(record.meta[PRIVATE_AUTHOR_META]).toBe('member-1');
  });

  it('keeps the text, line breaks included, readable as plain text', () => {
    const record = build('first line\nsecond line');
    expect(privateNoteOf(record)).toMatchObject({ id: record.id, text: 'first line\nsecond line' });
    expect(plainTextOf(withNoteText(record, 'changed').props.richText)).toBe('changed');
  });

  it('gives every note its own id', () => {
    expect(build('a').id).not.toBe(build('b').id);
  });
});

describe('privateNoteOf', () => {
  it('ignores anything that is not a note shape', () => {
    expect(privateNoteOf(null)).toBeNull();
    expect(privateNoteOf({ typeName: 'page', id: 'page:x' })).toBeNull();
    expect(privateNoteOf({ typeName: 'shape', type: 'geo', id: 'shape:x' })).toBeNull();
  });
});

describe('sortPrivateNotes', () => {
  it('orders notes by fractional index', () => {
    const notes = [
      { id: 'shape:b' as never, text: 'b', index: 'a2' },
      { id: 'shape:a' as never, text: 'a', index: 'a1' },
    ];
    expect(sortPrivateNotes(notes).map((note) => note.text)).toEqual(['a', 'b']);
  });
});

describe('privateNotePosition', () => {
  it('places one author’s notes without overlap', () => {
    const positions = Array.from({ length: 6 }, (_, n) => privateNotePosition({ x: 0, y: 0 }, 'amina', n));
    for (const [i, a] of positions.entries()) {
      for (const b of positions.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    }
  });

  it('places different authors’ notes apart', () => {
    const authors = ['amina', 'olga', 'yusuf'];
    const positions = authors.flatMap((author) =>
      Array.from({ length: 6 }, (_, n) => ({ author, ...privateNotePosition({ x: 0, y: 0 }, author, n) })),
    );
    for (const a of positions) {
      for (const b of positions) if (a.author !== b.author) expect(overlaps(a, b)).toBe(false);
    }
  });

  it('fills the gap a deleted note left', () => {
    const origin = { x: 0, y: 0 };
    const first = privateNotePosition(origin, 'amina', 0);
    const third = privateNotePosition(origin, 'amina', 2);
    const second = privateNotePosition(origin, 'amina', 1);
    expect(nextPrivateNotePosition(origin, 'amina', [first, third])).toEqual(second);
  });
});

describe('privateNotesOrigin', () => {
  it('starts right of the page content, on a coarse grid', () => {
    expect(privateNotesOrigin(null)).toEqual({ x: 0, y: 0 });
    const origin = privateNotesOrigin({ maxX: 1234, minY: -50 });
    expect(origin.x).toBeGreaterThan(1234);
    expect(origin.x % 1000).toBe(0);
    expect(origin.y).toBe(-1000);
  });
});
