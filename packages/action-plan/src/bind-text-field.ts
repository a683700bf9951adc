import type * as Y from 'yjs';
import { diffText, mapIndex, rebaseEdit, type TextDelta, type TextEdit } from './text-diff.ts';

/** What the binding needs of an `<input>` or `<textarea>` (so it can be tested without a DOM). */
export interface TextFieldLike {
  value: string;
  readonly selectionStart: number | null;
  readonly selectionEnd: number | null;
  readonly selectionDirection?: 'forward' | 'backward' | 'none' | null;
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
}

/** A running binding of a text field to a Y.Text. */
export interface TextFieldBinding {
  /** Call on every `input` event: writes what changed (only that) into the Y.Text. */
  input(): void;
  /** Call on `compositionstart`: changes from others wait until the word is composed. */
  compositionStart(): void;
  /** Call on `compositionend`. */
  compositionEnd(): void;
  /** Whether `focused` tells the binding to keep the caret (only a focused field has one). */
  setFocused(focused: boolean): void;
  dispose(): void;
}

/** Options of {@link bindTextField}. */
export interface BindTextFieldOptions {
  /** Longest text the field may hold; a longer local value is cut (the server refuses more). */
  maxLength?: number;
  /** Whether the field has focus now (its caret is kept through others' changes). */
  focused?: boolean;
}

/**
 * Binds a text field to a Y.Text both ways: a keystroke becomes the smallest edit of the text
 * (so what others typed meanwhile in another part stays), and others' edits show at once,
 * with this field's caret and selection moved along with the text around them. While an input
 * method composes a word, nothing is exchanged (setting the value would cancel the composition):
 * the composed word is written when it ends, moved through what others changed meanwhile.
 */
export function bindTextField(
  text: Y.Text,
  field: TextFieldLike,
  options: BindTextFieldOptions = {},
): TextFieldBinding {
  const origin = { binding: 'text-field' };
  /** The field's value as the text was when last shown (local edits are diffed against it). */
  let shown = text.toString();
  let composing = false;
  let focused = options.focused ?? false;
  /** Others' changes not shown yet (while composing), oldest first. */
  let waiting: TextDelta[] = [];
  field.value = shown;

  const show = () => {
    const next = text.toString();
    if (field.value === next) {
      shown = next;
      waiting = [];
      return;
    }
    const start = field.selectionStart;
    const end = field.selectionEnd;
    const direction = field.selectionDirection ?? undefined;
    field.value = next;
    if (focused && start !== null && end !== null) {
      let s = start;
      let e = end;
      for (const delta of waiting) {
        s = mapIndex(delta, s);
        e = mapIndex(delta, e);
      }
      field.setSelectionRange(Math.min(s, next.length), Math.min(e, next.length), direction);
    }
    shown = next;
    waiting = [];
  };

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    waiting.push(event.delta as TextDelta);
    if (!composing) show();
  };
  text.observe(observer);

  const write = (edit: TextEdit) => {
    const apply = () => {
      const length = text.length;
      const index = Math.min(edit.index, length);
      const remove = Math.min(edit.remove, length - index);
      if (remove > 0) text.delete(index, remove);
      let insert = edit.insert;
      if (options.maxLength !== undefined) insert = insert.slice(0, Math.max(0, options.maxLength - (length - remove)));
      if (insert !== '') text.insert(index, insert);
    };
    if (text.doc) text.doc.transact(apply, origin);
    else apply();
  };

  /** Writes what the field changed since it last showed the text; returns where the edit ends. */
  const commit = (): number | null => {
    const value = field.value;
    const caret = field.selectionEnd ?? undefined;
    const edit = diffText(shown, value, caret);
    if (!edit) return null;
    // Others' changes not shown yet (while composing): this edit was made against the older copy.
    const rebased = waiting.length > 0 ? rebaseEdit(edit, waiting) : edit;
    write(rebased);
    return caret === edit.index + edit.insert.length ? rebased.index + rebased.insert.length : null;
  };

  return {
    input() {
      if (composing) return;
      commit();
      shown = field.value;
      // Cut to the length limit, or a change arrived inside the same tick.
      if (text.toString() !== shown) show();
    },
    compositionStart() {
      composing = true;
    },
    compositionEnd() {
      composing = false;
      const caret = commit();
      if (caret === null || !focused) {
        show();
        return;
      }
      waiting = [];
      const next = text.toString();
      if (field.value !== next) field.value = next;
      shown = next;
      field.setSelectionRange(Math.min(caret, next.length), Math.min(caret, next.length));
    },
    setFocused(next) {
      focused = next;
    },
    dispose() {
      text.unobserve(observer);
    },
  };
}
