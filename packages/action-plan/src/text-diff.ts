import type * as Y from 'yjs';

/** One contiguous change of a string: at `index`, `remove` characters go and `insert` comes. */
export interface TextEdit {
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

/**
 * The smallest single edit that turns `before` into `after`. With `caret` (where the caret is
 * in `after`, e.g. an input's `selectionEnd` right after the keystroke), a pure insertion or
 * deletion is placed at the caret: typing an "a" into "aaa" inserts where the person typed, not
 * at the end of the common prefix, so a concurrent edit by someone else lands on the right side.
 */
export function diffText(before: string, after: string, caret?: number): TextEdit | null {
  if (before === after) return null;
  if (caret !== undefined && caret >= 0 && caret <= after.length) {
    const added = after.length - before.length;
    if (added > 0 && caret >= added) {
      const index = caret - added;
      if (after.slice(0, index) + after.slice(caret) === before) {
        return { index, remove: 0, insert: after.slice(index, caret) };
      }
    } else if (added < 0 && caret <= before.length + added) {
      if (before.slice(0, caret) + before.slice(caret - added) === after) {
        return { index: caret, remove: -added, insert: '' };
      }
    }
  }
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a surrogate pair: Y.Text would store half an emoji.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Changes `text` into `next` with the smallest edit (see {@link diffText}), so a concurrent
 * edit of another part of the text merges instead of being overwritten. Returns whether
 * anything changed.
 */
export function setText(text: Y.Text, next: string, caret?: number, origin?: unknown): boolean {
  const edit = diffText(text.toString(), next, caret);
  if (!edit) return false;
  const apply = () => {
    if (edit.remove > 0) text.delete(edit.index, edit.remove);
    if (edit.insert !== '') text.insert(edit.index, edit.insert);
  };
  if (text.doc) text.doc.transact(apply, origin);
  else apply();
  return true;
}

/** A change of a Y.Text as its observer event gives it. */
export type TextDelta = readonly { insert?: unknown; delete?: number; retain?: number }[];

/**
 * Where a position of the text before `delta` is after it. An insertion exactly at the
 * position stays after it (the position does not move), so a caret keeps its place while
 * someone else types right there, and its owner's next keystroke joins their own word.
 */
export function mapIndex(delta: TextDelta, index: number): number {
  let old = 0;
  let shift = 0;
  for (const op of delta) {
    if (old > index) break;
    if (op.retain !== undefined) {
      old += op.retain;
    } else if (op.delete !== undefined) {
      shift -= Math.max(0, Math.min(op.delete, index - old));
      old += op.delete;
    } else if (op.insert !== undefined) {
      if (old < index) shift += typeof op.insert === 'string' ? op.insert.length : 1;
    }
  }
  return Math.max(0, index + shift);
}

/**
 * Moves an edit made against an older copy of the text through the changes that arrived
 * since (`deltas`, oldest first), so it lands where it was meant.
 */
export function rebaseEdit(edit: TextEdit, deltas: readonly TextDelta[]): TextEdit {
  let { index, remove } = edit;
  for (const delta of deltas) {
    const start = mapIndex(delta, index);
    const end = mapIndex(delta, index + remove);
    index = start;
    remove = Math.max(0, end - start);
  }
  return { index, remove, insert: edit.insert };
}
