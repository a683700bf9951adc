import type { TLShape } from '@tldraw/tlschema';
import { describe, expect, it } from 'vitest';
import { agendaStepFrameId } from './agenda-step-frame.ts';
import { instantiateTemplate } from './instantiate-template.ts';
import { placeRevealedNotes, type RevealLayout } from './place-revealed-notes.ts';
import { TEMPLATES } from './templates.ts';
import { testNote, translator } from './testing.ts';
import { PAGE_ID, TEMPLATE_SCHEMA } from './to-tldraw-records.ts';

const en = { language: 'en', t: translator('en') };
type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const noteBox = (p: { x: number; y: number }): Box => ({ x: p.x, y: p.y, w: 200, h: 200 });
const privateNotes = (count: number) =>
  Array.from({ length: count }, (_, i) => testNote(`shape:private-${i}`, PAGE_ID, 5000 + i * 10, 9000, `idea ${i}`));

/** Applies a layout to the records, as the server writes it. */
function apply(records: readonly TLShape[], notes: readonly TLShape[], layout: RevealLayout): TLShape[] {
  const placed = notes.map((note) => {
    const place = layout.notes.find((p) => p.id === note.id)!;
    return { ...note, parentId: place.parentId, x: place.x, y: place.y, index: place.index } as TLShape;
  });
  const board = records.map((r) =>
    layout.grownFrame && r.id === layout.grownFrame.id
      ? ({ ...r, props: { ...r.props, h: layout.grownFrame.h } } as TLShape)
      : r,
  );
  return [...board, ...placed];
}

describe('placeRevealedNotes', () => {
  const board = instantiateTemplate('prioritisation', {}, en).records.filter(
    (r): r is TLShape => r.typeName === 'shape',
  );
  const frame = board.find((s) => s.id === 'shape:prioritisation.ideas')!;
  const frameSize = frame.props as { w: number; h: number };

  it('lays notes out inside the frame, clear of each other and of its notes and texts', () => {
    const notes = privateNotes(6);
    const layout = placeRevealedNotes(board, notes, { frameId: frame.id, pageId: PAGE_ID });
    expect(layout.grownFrame).toBeNull();
    const inFrame = board.filter((s) => s.parentId === frame.id);
    const obstacles = inFrame.filter((s) => s.type === 'note' || s.type === 'text');
    expect(obstacles.length).toBeGreaterThan(0);
    for (const [i, place] of layout.notes.entries()) {
      expect(place.parentId).toBe(frame.id);
      expect(place.x).toBeGreaterThanOrEqual(0);
      expect(place.y).toBeGreaterThanOrEqual(0);
      expect(place.x + 200).toBeLessThanOrEqual(frameSize.w);
      expect(place.y + 200).toBeLessThanOrEqual(frameSize.h);
      for (const other of layout.notes.slice(i + 1)) expect(overlaps(noteBox(place), noteBox(other))).toBe(false);
      for (const shape of obstacles) {
        const box =
          shape.type === 'note'
            ? noteBox(shape)
            : // A label's full width and at least one line of text.
              { x: shape.x, y: shape.y, w: (shape.props as { w: number }).w, h: 30 };
        expect(overlaps(noteBox(place), box), `${place.id} on ${shape.id}`).toBe(false);
      }
    }
    // In reading order, and above everything already in the frame.
    const top = inFrame
      .map((s) => s.index)
      .sort()
      .at(-1)!;
    const indexes = layout.notes.map((p) => p.index);
    expect([...indexes].sort()).toEqual(indexes);
    expect(indexes[0]! > top).toBe(true);
    expect(layout.notes[1]!.y).toBe(layout.notes[0]!.y);
    expect(layout.notes[1]!.x).toBeGreaterThan(layout.notes[0]!.x);
    // The records are ones tldraw accepts (valid fractional indexes).
    for (const record of apply(board, notes, layout))
      expect(() => TEMPLATE_SCHEMA.types.shape.validate(record)).not.toThrow();
  });

  it('fills rows from the right edge for a right-to-left board', () => {
    const layout = placeRevealedNotes(board, privateNotes(2), { frameId: frame.id, pageId: PAGE_ID, rtl: true });
    expect(layout.notes[0]!.x).toBeGreaterThan(layout.notes[1]!.x);
    expect(layout.notes[0]!.x + 200).toBeGreaterThan(frameSize.w - 60);
  });

  it('grows the frame downwards when it is full, and still overlaps nothing', () => {
    const notes = privateNotes(60);
    const layout = placeRevealedNotes(board, notes, { frameId: frame.id, pageId: PAGE_ID });
    expect(layout.grownFrame?.h).toBeGreaterThan(frameSize.h);
    for (const [i, place] of layout.notes.entries()) {
      expect(place.y + 200).toBeLessThanOrEqual(layout.grownFrame!.h);
      for (const other of layout.notes.slice(i + 1)) expect(overlaps(noteBox(place), noteBox(other))).toBe(false);
    }
    // A second reveal into the same frame lands beside the first, not on it.
    const after = apply(board, notes, layout);
    const more = placeRevealedNotes(after, privateNotes(70).slice(60), { frameId: frame.id, pageId: PAGE_ID });
    for (const place of more.notes)
      for (const earlier of layout.notes) expect(overlaps(noteBox(place), noteBox(earlier))).toBe(false);
  });

  it('without the frame on the board, puts the notes in rows right beside the content', () => {
    const layout = placeRevealedNotes(board, privateNotes(5), { frameId: 'shape:gone', pageId: PAGE_ID });
    const frames = board.filter((s) => s.type === 'frame');
    const contentRight = Math.max(...frames.map((f) => f.x + (f.props as { w: number }).w));
    const contentTop = Math.min(...frames.map((f) => f.y));
    for (const place of layout.notes) {
      expect(place.parentId).toBe(PAGE_ID);
      expect(place.x).toBeGreaterThan(contentRight);
      expect(place.x).toBeLessThan(contentRight + 1200);
      expect(place.y).toBeGreaterThanOrEqual(contentTop);
      expect(place.y).toBeLessThan(contentTop + 600);
    }
    expect(layout.grownFrame).toBeNull();
  });
});

describe('agendaStepFrameId', () => {
  it('names the frame of a template’s step, also in an inserted method', () => {
    expect(agendaStepFrameId('prioritisation.collect')).toBe('shape:prioritisation.ideas');
    expect(agendaStepFrameId('prioritisation@2.vote')).toBe('shape:prioritisation@2.voting');
    expect(agendaStepFrameId('world-cafe.harvest')).toBe('shape:world-cafe.harvest');
    expect(agendaStepFrameId('world-cafe.round-2')).toBeNull();
    expect(agendaStepFrameId('step-1')).toBeNull();
    expect(agendaStepFrameId(null)).toBeNull();
  });

  it('names only frames the template lays out', () => {
    for (const definition of Object.values(TEMPLATES)) {
      const params = Object.fromEntries(definition.parameters.map((p) => [p.name, p.default]));
      const { records, agenda } = instantiateTemplate(definition.id, params, en);
      const frames = new Set(records.filter((r) => r.typeName === 'shape' && r.type === 'frame').map((r) => r.id));
      for (const step of agenda) {
        const frameId = agendaStepFrameId(step.id);
        if (frameId !== null) expect(frames, step.id).toContain(frameId);
      }
    }
  });
});
