import * as Y from 'yjs';
import type { Refusal } from './write-gate.ts';

/**
 * Where the items of an update, or of the document, sit: root type, top-level key, depth.
 * Used by the write gate; nothing here recurses on user data.
 */

/** Where an item sits: its root, its top-level key, and how deep it is (a root's child is 1). */
export interface Place {
  readonly root: string;
  readonly key: string | null;
  readonly depth: number;
  /** The key at depth 2 (a field of the top-level entry's map), for the item there and all inside it. */
  readonly field: string | null;
  /** The item that holds the shared type the item sits directly in (null at depth 1). */
  readonly container: Y.Item | null;
}

/** The place of a child of a type whose own item (`container`) sits at `parent`. */
const childPlace = (parent: Place, container: Y.Item, parentSub: string | null): Place => ({
  root: parent.root,
  key: parent.key,
  depth: parent.depth + 1,
  field: parent.depth + 1 === 2 ? parentSub : parent.field,
  container,
});

/** An item that will be garbage collected on arrival (its neighbour or parent is gone): harmless. */
export const GONE = 'gone' as const;
export type PlaceOrGone = Place | typeof GONE;

/** Thrown while reading an update to refuse it (caught by the gate). */
export class Refused extends Error {
  readonly reason: Refusal;
  constructor(reason: Refusal, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

/** Finds where items (of the update or of the document) sit, without recursion on user data. */
export class PlaceFinder {
  private readonly memo = new Map<Y.Item, PlaceOrGone>();
  private readonly docMemo = new Map<Y.AbstractType<unknown>, PlaceOrGone>();
  private readonly doc: Y.Doc;
  private readonly update: Map<number, (Y.Item | Y.GC)[]>;
  private readonly maxDepth: number;

  constructor(doc: Y.Doc, update: Map<number, (Y.Item | Y.GC)[]>, maxDepth: number) {
    this.doc = doc;
    this.update = update;
    this.maxDepth = maxDepth;
  }

  /** An item of the update or the document that contains `id`, if any. */
  private find(id: Y.ID): Y.Item | Y.GC | undefined {
    const list = this.update.get(id.client);
    if (list) {
      const found = containing(list, id.clock);
      if (found) return found;
    }
    const structs = this.doc.store.clients.get(id.client);
    if (!structs || id.clock >= Y.getState(this.doc.store, id.client)) return undefined;
    return structs[Y.findIndexSS(structs, id.clock)];
  }

  /** Place of an update item: follow parents and neighbours in a loop, then unwind. */
  of(item: Y.Item): PlaceOrGone {
    // `parent`: the item whose type `item` is a child of (its place is the next one up), or null
    // for a step to a neighbour, whose place is the same.
    const path: { item: Y.Item; parent: Y.Item | null }[] = [];
    let current: Y.Item = item;
    let base: PlaceOrGone | undefined;
    for (let steps = 0; base === undefined; steps++) {
      if (steps > this.memo.size + this.update.size + 100_000) throw new Refused('bad-reference', 'reference loop');
      const memo = this.memo.get(current);
      if (memo !== undefined) {
        base = memo;
        break;
      }
      if (current.parent === null || current.parent instanceof Y.ID || typeof current.parent === 'string') {
        // Still as decoded: an update item.
      } else {
        base = this.ofDocItem(current);
        break;
      }
      const step = this.stepOf(current);
      if (step.kind === 'done') {
        path.push({ item: current, parent: null });
        base = step.place;
        break;
      }
      if (step.kind === 'doc') {
        path.push({ item: current, parent: step.parent });
        base = step.place;
        break;
      }
      path.push({ item: current, parent: step.parent });
      current = step.next;
    }
    let place = base;
    for (let i = path.length - 1; i >= 0; i--) {
      const { item: at, parent } = path[i]!;
      if (place !== GONE && parent) {
        place = childPlace(place, parent, at.parentSub);
        if (place.depth > this.maxDepth + 1) throw new Refused('too-deep', 'shared types nested too deep');
      }
      this.memo.set(at, place);
    }
    return place;
  }

  /** One step up from an update item: to its parent type's item, its left/right neighbour, or a root. */
  private stepOf(
    item: Y.Item,
  ):
    | { kind: 'done'; place: PlaceOrGone }
    | { kind: 'doc'; place: PlaceOrGone; parent: Y.Item | null }
    | { kind: 'next'; next: Y.Item; parent: Y.Item | null } {
    if (item.origin || item.rightOrigin) {
      const left = item.origin ? this.find(item.origin) : undefined;
      const right = item.rightOrigin ? this.find(item.rightOrigin) : undefined;
      if (left instanceof Y.GC || right instanceof Y.GC) return { kind: 'done', place: GONE };
      const neighbour = left ?? right;
      if (!neighbour) throw new Refused('pending', 'refers to an unknown item');
      if (isDocItem(neighbour)) return { kind: 'doc', place: this.ofDocItem(neighbour), parent: null };
      return { kind: 'next', next: neighbour, parent: null };
    }
    if (typeof item.parent === 'string') {
      return {
        kind: 'done',
        place: { root: item.parent, key: item.parentSub, depth: 1, field: null, container: null },
      };
    }
    if (item.parent instanceof Y.ID) {
      const parent = this.find(item.parent);
      if (parent === undefined) throw new Refused('pending', 'refers to an unknown parent');
      // A parent deleted meanwhile (concurrently, legitimately): Yjs collects the item on arrival.
      if (parent instanceof Y.GC || (isDocItem(parent) && parent.deleted)) return { kind: 'done', place: GONE };
      if (!(parent.content instanceof Y.ContentType)) throw new Refused('bad-reference', 'parent is not a shared type');
      if (isDocItem(parent)) return { kind: 'doc', place: this.ofDocItem(parent), parent };
      return { kind: 'next', next: parent, parent };
    }
    return { kind: 'done', place: GONE };
  }

  /** Place of an item already in the document: walk its types up to the root (bounded). */
  ofDocItem(item: Y.Item): PlaceOrGone {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return GONE;
    const cached = this.docMemo.get(parent);
    let typePlace: PlaceOrGone;
    if (cached !== undefined) {
      typePlace = cached;
    } else {
      typePlace = this.ofDocType(parent);
      this.docMemo.set(parent, typePlace);
    }
    if (typePlace === GONE) return GONE;
    if (typePlace.depth === 0) {
      return { root: typePlace.root, key: item.parentSub, depth: 1, field: null, container: null };
    }
    return childPlace(typePlace, parent._item!, item.parentSub);
  }

  /** A document type's place (that of its item); a root type is depth 0 with no key. */
  private ofDocType(type: Y.AbstractType<unknown>): PlaceOrGone {
    let depth = 0;
    let top: Y.Item | null = null;
    // The items of the types from `type` up: the second from the top sits at depth 2.
    const chain: Y.Item[] = [];
    let current: Y.AbstractType<unknown> = type;
    while (current._item) {
      depth++;
      if (depth > this.maxDepth + 1) throw new Refused('too-deep', 'shared types nested too deep');
      top = current._item;
      chain.push(top);
      const up = current._item.parent;
      if (!(up instanceof Y.AbstractType)) return GONE;
      current = up;
    }
    let root: string | undefined;
    for (const [name, value] of this.doc.share) {
      if (value === current) {
        root = name;
        break;
      }
    }
    if (root === undefined) return GONE;
    const field = chain.length >= 2 ? chain[chain.length - 2]!.parentSub : null;
    const container = type._item?.parent instanceof Y.AbstractType ? type._item.parent._item : null;
    return { root, key: top ? top.parentSub : null, depth, field, container };
  }
}

/** Whether an item is integrated into a document (its parent is a type, not a decoded reference). */
const isDocItem = (item: Y.Item): boolean => item.parent instanceof Y.AbstractType;

/** The struct of one client's list (sorted by clock) containing `clock`. */
function containing<T extends Y.Item | Y.GC>(list: readonly T[], clock: number): T | undefined {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = list[mid]!;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return undefined;
}
