import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindTextField, type TextFieldLike } from './bind-text-field.ts';

/** A stand-in for an `<input>`: a value and a selection, like the DOM keeps them. */
class FakeField implements TextFieldLike {
  value = '';
  selectionStart: number | null = 0;
  selectionEnd: number | null = 0;
  selectionDirection: 'forward' | 'backward' | 'none' | null = 'none';
  setSelectionRange(start: number, end: number) {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  /** Types `text` at the caret (replacing a selection), as a keystroke would. */
  type(text: string) {
    const start = this.selectionStart ?? this.value.length;
    const end = this.selectionEnd ?? start;
    this.value = this.value.slice(0, start) + text + this.value.slice(end);
    this.selectionStart = this.selectionEnd = start + text.length;
  }
  backspace() {
    const at = this.selectionStart ?? 0;
    if (at === 0) return;
    this.value = this.value.slice(0, at - 1) + this.value.slice(at);
    this.selectionStart = this.selectionEnd = at - 1;
  }
  caret(at: number) {
    this.selectionStart = this.selectionEnd = at;
  }
}

/** Two browsers on one board: their updates are held back until `sync()`, so edits are concurrent. */
function twoPeople(initial = '') {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.getText('cell').insert(0, initial);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const queue: [Y.Doc, Uint8Array][] = [];
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && queue.push([b, u]));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && queue.push([a, u]));
  const sync = () => {
    for (const [doc, update] of queue.splice(0)) Y.applyUpdate(doc, update, 'remote');
  };
  const fieldA = new FakeField();
  const fieldB = new FakeField();
  const bindA = bindTextField(a.getText('cell'), fieldA, { focused: true });
  const bindB = bindTextField(b.getText('cell'), fieldB, { focused: true });
  const typeA = (text: string) => {
    for (const ch of text) {
      fieldA.type(ch);
      bindA.input();
    }
  };
  const typeB = (text: string) => {
    for (const ch of text) {
      fieldB.type(ch);
      bindB.input();
    }
  };
  return { a, b, fieldA, fieldB, bindA, bindB, typeA, typeB, sync };
}

describe('bindTextField', () => {
  it('shows the text and writes each keystroke into the Y.Text', () => {
    const { a, fieldA, typeA } = twoPeople('Vantaa');
    expect(fieldA.value).toBe('Vantaa');
    fieldA.caret(6);
    typeA(' city');
    expect(a.getText('cell').toString()).toBe('Vantaa city');
  });

  it('merges two people typing in one cell at the same time, and both see the merged text', () => {
    const { a, b, fieldA, fieldB, typeA, typeB, sync } = twoPeople('Vantaa unit');
    fieldA.caret(7);
    fieldB.caret(11);
    // Interleaved keystrokes, each side syncing only now and then: concurrent edits.
    for (let i = 0; i < 6; i++) {
      if (i < 5) typeA('city '[i]!);
      typeB(', Kela'[i]!);
      if (i % 2 === 1) sync();
    }
    sync();
    expect(a.getText('cell').toString()).toBe('Vantaa city unit, Kela');
    expect(b.getText('cell').toString()).toBe('Vantaa city unit, Kela');
    expect(fieldA.value).toBe('Vantaa city unit, Kela');
    expect(fieldB.value).toBe('Vantaa city unit, Kela');
  });

  it('keeps the caret where its owner is typing while the other inserts before it', () => {
    const { fieldB, typeA, typeB, sync, fieldA } = twoPeople('integration unit');
    fieldA.caret(0);
    fieldB.caret(16);
    typeB(' (Vantaa)');
    typeA('City ');
    sync();
    expect(fieldB.value).toBe('City integration unit (Vantaa)');
    // B's caret moved by the five letters A put before it, so B's next letter follows B's own.
    expect(fieldB.selectionStart).toBe(30);
    typeB('!');
    sync();
    expect(fieldA.value).toBe('City integration unit (Vantaa)!');
    expect(fieldA.selectionStart).toBe(5);
  });

  it('keeps a selection over the same words when others edit before it', () => {
    const { fieldA, fieldB, typeB, sync } = twoPeople('Kela office');
    fieldA.setSelectionRange(5, 11);
    fieldB.caret(0);
    typeB('The ');
    sync();
    expect(fieldA.value.slice(fieldA.selectionStart!, fieldA.selectionEnd!)).toBe('office');
  });

  it('does not interleave the letters of two people typing at the same spot', () => {
    const { a, fieldA, fieldB, typeA, typeB, sync } = twoPeople('Plan: ');
    fieldA.caret(6);
    fieldB.caret(6);
    for (let i = 0; i < 4; i++) {
      typeA('Kela'[i]!);
      typeB('city'[i]!);
      sync();
    }
    const merged = a.getText('cell').toString();
    expect(merged).toHaveLength(14);
    expect(merged.includes('Kela')).toBe(true);
    expect(merged.includes('city')).toBe(true);
    expect(fieldA.value).toBe(merged);
    expect(fieldB.value).toBe(merged);
  });

  it('cuts local text at the length limit', () => {
    const doc = new Y.Doc();
    const field = new FakeField();
    const binding = bindTextField(doc.getText('cell'), field, { maxLength: 5, focused: true });
    field.type('Vantaa city');
    binding.input();
    expect(doc.getText('cell').toString()).toBe('Vantaa city'.slice(0, 5));
    expect(field.value).toBe('Vanta');
  });

  it('holds others’ edits while a word is composed, then writes the word where it was typed', () => {
    const { a, b, fieldA, bindA, typeB, fieldB, sync } = twoPeople('unit');
    fieldA.caret(4);
    fieldB.caret(0);
    bindA.compositionStart();
    fieldA.type(' 市');
    bindA.input();
    typeB('City ');
    sync();
    // The composition is not disturbed: the field still shows only its own text.
    expect(fieldA.value).toBe('unit 市');
    bindA.compositionEnd();
    sync();
    expect(a.getText('cell').toString()).toBe('City unit 市');
    expect(b.getText('cell').toString()).toBe('City unit 市');
    expect(fieldA.value).toBe('City unit 市');
    expect(fieldA.selectionStart).toBe(11);
    expect(fieldB.value).toBe('City unit 市');
  });

  it('stops following the text once disposed', () => {
    const { fieldA, bindA, typeB, sync } = twoPeople('x');
    bindA.dispose();
    typeB('y');
    sync();
    expect(fieldA.value).toBe('x');
  });
});
