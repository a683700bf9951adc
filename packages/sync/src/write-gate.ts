import * as Y from 'yjs';
import { GONE, type Place, PlaceFinder, Refused } from './update-places.ts';

/**
 * Limits on one update a client sends (the numbers are in the README's "Write gate" section).
 * Stored data is loaded with {@link LOAD_LIMITS}: only what would break the document counts there.
 */
export interface WriteLimits {
  /** Structs (items and GC ranges) in one update. */
  readonly maxStructs: number;
  /** Distinct client ids in one update. */
  readonly maxClients: number;
  /** Delete ranges in one update. */
  readonly maxDeleteRanges: number;
  /** Existing items one update may delete (each is visited). */
  readonly maxDeletedItems: number;
  /** Existing items one update may split by deleting inside them (each split grows the document's struct arrays). */
  readonly maxSplits: number;
  /** Deepest nesting of shared types (a Y.Map in a Y.Map in a root map is depth 2). */
  readonly maxTypeDepth: number;
}

export const DEFAULT_WRITE_LIMITS: WriteLimits = {
  maxStructs: 20_000,
  maxClients: 256,
  maxDeleteRanges: 20_000,
  maxDeletedItems: 50_000,
  maxSplits: 1_000,
  maxTypeDepth: 8,
};

/** Limits for loading stored rows: counts are the store's business, structure is not. */
export const LOAD_LIMITS: WriteLimits = {
  maxStructs: Number.POSITIVE_INFINITY,
  maxClients: Number.POSITIVE_INFINITY,
  maxDeleteRanges: Number.POSITIVE_INFINITY,
  maxDeletedItems: Number.POSITIVE_INFINITY,
  maxSplits: Number.POSITIVE_INFINITY,
  maxTypeDepth: DEFAULT_WRITE_LIMITS.maxTypeDepth,
};

/** Why an update is refused. */
export type Refusal =
  /** It would leave structs or deletes waiting for clocks the server has not seen (Yjs's pending state). */
  | 'pending'
  /** It writes under the server's own client id. */
  | 'server-client'
  /** It writes new content under a client id another member writes with. */
  | 'foreign-client'
  /** It nests shared types deeper than the limit. */
  | 'too-deep'
  /** It is over one of the count limits. */
  | 'too-large'
  /** It points at something that cannot hold it (an item inside a non-type). */
  | 'bad-reference';

/** What happens to one top-level entry (`root` map's `key`; `null` for list roots). */
export interface EntryChange {
  readonly root: string;
  readonly key: string | null;
  /** `set`: a new value for the key; `nested`: something inside the entry's shared type; `deleted`: the entry goes. */
  readonly kind: 'set' | 'nested' | 'deleted';
  /** For `set`: the JSON value written (the last one of the item), or undefined for a shared type or binary. */
  readonly value?: unknown;
  /** For `set`: whether the new value is a shared type (Y.Map, Y.Text…) rather than JSON. */
  readonly isType?: boolean;
}

/** What one item holds: JSON, a string (text), a shared type by kind, or something else. */
export type ItemContent =
  'json' | 'string' | 'map' | 'text' | 'array' | 'xml' | 'deleted' | 'format' | 'embed' | 'binary' | 'doc';

/**
 * One item an update adds, wherever it sits: for rules about what may be nested inside an
 * entry (which fields a map may have, what a text may hold).
 */
export interface ItemChange {
  readonly root: string;
  /** The top-level entry it is in (null in a list root). */
  readonly key: string | null;
  /** 1: the entry's own value; 2: a value inside the entry's shared type; 3: inside that; … */
  readonly depth: number;
  /** The key at depth 2 (a field of the entry's map) it sits under, for depth ≥ 2; else null. */
  readonly field: string | null;
  readonly content: ItemContent;
  /** For JSON at depth 2: the (last) value it holds. */
  readonly value?: unknown;
}

/** A Y.Text an update writes into, and how long it would be afterwards. */
export interface TextChange {
  readonly root: string;
  readonly key: string | null;
  /** Depth of its characters (a Y.Text that is a field of an entry's map holds them at 3). */
  readonly depth: number;
  readonly field: string | null;
  /** Its length once the update is applied (UTF-16 code units, as `Y.Text.length`). */
  readonly length: number;
}

/** What an accepted update changes, decoded before it touches the document. */
export interface UpdateChanges {
  readonly entries: readonly EntryChange[];
  /** Every item it adds that will stay (not collected on arrival). */
  readonly items: readonly ItemChange[];
  /** Every Y.Text inside an entry (not a root) it inserts into or deletes from, with its length afterwards. */
  readonly texts: readonly TextChange[];
  /** Root types the update writes into (including ones the document does not have yet). */
  readonly roots: ReadonlySet<string>;
  /** Client ids under which the update adds new content. */
  readonly writers: ReadonlySet<number>;
  /** Whether it adds any content (an update that only deletes does not). */
  readonly adds: boolean;
}

export type GateVerdict =
  | { readonly ok: true; readonly changes: UpdateChanges }
  | { readonly ok: false; readonly reason: Refusal; readonly detail: string };

/** An update as {@link Y.decodeUpdate} returns it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

type DeleteSet = DecodedUpdate['ds'];

const refuse = (reason: Refusal, detail: string): GateVerdict => ({ ok: false, reason, detail });

/**
 * Decides, from the decoded update and the document's current state only, whether applying
 * `update` would integrate completely and safely; nothing is applied. Refused: structs under
 * the server's client id or under a client id `isForeign` says belongs to someone else; any
 * struct or delete range that Yjs would keep pending (it depends on clocks neither the
 * document nor the update has, or there is a gap); shared types nested deeper than the limit;
 * items inside something that is not a shared type; counts over the limits. For an accepted
 * update, returns which top-level entries it changes, for the caller's own rules (locks,
 * record shapes).
 */
export function inspectUpdate(
  doc: Y.Doc,
  decoded: DecodedUpdate,
  limits: WriteLimits = DEFAULT_WRITE_LIMITS,
  isForeign: (client: number) => boolean = () => false,
): GateVerdict {
  try {
    return inspect(doc, decoded, limits, isForeign);
  } catch (error) {
    if (error instanceof Refused) return refuse(error.reason, error.message);
    throw error;
  }
}

function inspect(
  doc: Y.Doc,
  { structs, ds }: DecodedUpdate,
  limits: WriteLimits,
  isForeign: (client: number) => boolean,
): GateVerdict {
  if (structs.length > limits.maxStructs) return refuse('too-large', `${structs.length} structs`);
  const byClient = new Map<number, (Y.Item | Y.GC)[]>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) return refuse('pending', 'the update has a gap');
    const client = struct.id.client;
    const list = byClient.get(client);
    if (list) list.push(struct);
    else byClient.set(client, [struct]);
  }
  if (byClient.size > limits.maxClients) return refuse('too-large', `${byClient.size} clients`);
  let ranges = 0;
  for (const list of ds.clients.values()) ranges += list.length;
  if (ranges > limits.maxDeleteRanges) return refuse('too-large', `${ranges} delete ranges`);

  const known = (client: number) => Y.getState(doc.store, client);
  const state = integrates(byClient, known);
  if (!state) return refuse('pending', 'structs depend on unseen clocks');

  const writers = new Set<number>();
  const fresh: Y.Item[] = [];
  let adds = false;
  for (const [client, list] of byClient) {
    const before = known(client);
    for (const struct of list) {
      if (struct.id.clock + struct.length <= before) continue; // already in the document
      if (client === doc.clientID) return refuse('server-client', 'the server client id');
      if (!writers.has(client)) {
        if (isForeign(client)) return refuse('foreign-client', `client ${client} belongs to another writer`);
        writers.add(client);
      }
      if (struct instanceof Y.Item) {
        fresh.push(struct);
        adds = true;
      }
    }
  }
  for (const [client, list] of ds.clients) {
    const end = state.get(client) ?? known(client);
    for (const range of list) {
      // An empty range at or past the end is kept pending by Yjs too (and breaks its encoder).
      if (range.clock + range.len > end || (range.len === 0 && range.clock >= end)) {
        return refuse('pending', 'deletes clocks the server has not seen');
      }
    }
  }

  const places = new PlaceFinder(doc, byClient, limits.maxTypeDepth);
  const entries: EntryChange[] = [];
  const items: ItemChange[] = [];
  const texts = new TextLengths(ds);
  const roots = new Set<string>();
  for (const item of fresh) {
    const place = places.of(item);
    if (place === GONE) continue;
    roots.add(place.root);
    const content = contentOf(item.content);
    const jsonValue = content === 'json' && place.depth === 2 ? { value: lastValue(item.content) } : {};
    items.push({ root: place.root, key: place.key, depth: place.depth, field: place.field, content, ...jsonValue });
    texts.added(place, item);
    const isType = item.content instanceof Y.ContentType;
    if (isType && place.depth > limits.maxTypeDepth) return refuse('too-deep', 'shared types nested too deep');
    if (item.content instanceof Y.ContentDoc) return refuse('bad-reference', 'subdocuments are not supported');
    if (place.depth === 1 && place.key !== null && item.content instanceof Y.ContentDeleted) {
      // A value that was written and deleted again before it reached the server (a client's
      // sync step 2 after working offline): it arrives deleted, and as a key's newest item it
      // deletes the value before it.
      entries.push({ root: place.root, key: place.key, kind: 'deleted' });
    } else if (place.depth === 1 && place.key !== null) {
      const value = lastValue(item.content);
      entries.push({ root: place.root, key: place.key, kind: 'set', value, isType });
    } else {
      entries.push({ root: place.root, key: place.key, kind: 'nested' });
    }
  }
  deletions(doc, ds, places, limits, entries, roots, texts);
  return { ok: true, changes: { entries: merged(entries), items, texts: texts.result(), roots, writers, adds } };
}

/**
 * Every `set` (a key set twice in one update, by two clients, keeps both values: the caller
 * checks each); for other keys one change, `deleted` winning over `nested`. A key that is set
 * also deletes its old value on the way: that is part of the `set`.
 */
function merged(entries: readonly EntryChange[]): EntryChange[] {
  const idOf = (entry: EntryChange) => `${entry.root}\u0000${entry.key ?? '\u0000'}`;
  const setKeys = new Set(entries.filter((entry) => entry.kind === 'set').map(idOf));
  const others = new Map<string, EntryChange>();
  const result: EntryChange[] = [];
  for (const entry of entries) {
    const id = idOf(entry);
    if (entry.kind === 'set') result.push(entry);
    else if (setKeys.has(id)) continue;
    else if (!others.has(id) || entry.kind === 'deleted') others.set(id, entry);
  }
  return [...result, ...others.values()];
}

/**
 * Simulates Yjs's integration order on clocks only: a struct integrates once its own client
 * has reached its clock and every id it refers to (origin, right origin, parent) is known.
 * Returns the state vector after the update, or null if any struct would stay pending.
 */
function integrates(
  byClient: Map<number, (Y.Item | Y.GC)[]>,
  known: (client: number) => number,
): Map<number, number> | null {
  const state = new Map<number, number>();
  const clock = (client: number) => state.get(client) ?? known(client);
  const next = new Map<number, number>();
  const waiting = new Map<number, number[]>();
  const queue = [...byClient.keys()];
  let left = 0;
  for (const list of byClient.values()) left += list.length;
  while (queue.length > 0) {
    const client = queue.pop()!;
    const list = byClient.get(client)!;
    let i = next.get(client) ?? 0;
    const start = i;
    while (i < list.length) {
      const struct = list[i]!;
      if (struct.id.clock > clock(client)) break; // a gap only this client could fill: never
      const missing = struct instanceof Y.Item ? missingClient(struct, clock) : undefined;
      if (missing !== undefined) {
        const list = waiting.get(missing);
        if (list) list.push(client);
        else waiting.set(missing, [client]);
        break;
      }
      state.set(client, Math.max(clock(client), struct.id.clock + struct.length));
      i++;
    }
    next.set(client, i);
    left -= i - start;
    if (i > start) {
      const woken = waiting.get(client);
      if (woken) {
        waiting.delete(client);
        queue.push(...woken);
      }
    }
  }
  return left === 0 ? state : null;
}

/** The client whose clock an item waits for, if any id it refers to is not known yet. */
function missingClient(item: Y.Item, clock: (client: number) => number): number | undefined {
  const parent = item.parent instanceof Y.ID ? item.parent : null;
  for (const id of [item.origin, item.rightOrigin, parent]) {
    if (id && id.clock >= clock(id.client)) return id.client;
  }
  return undefined;
}

/** The last JSON value an item holds (a map entry holds one). */
function lastValue(content: Y.Item['content']): unknown {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return content.arr[content.arr.length - 1];
  if (content instanceof Y.ContentString) return content.str;
  if (content instanceof Y.ContentEmbed) return content.embed;
  return undefined;
}

/** Entries the delete set removes or changes, counting visited items and splits. */
function deletions(
  doc: Y.Doc,
  ds: DeleteSet,
  places: PlaceFinder,
  limits: WriteLimits,
  entries: EntryChange[],
  roots: Set<string>,
  texts: TextLengths,
): void {
  let visited = 0;
  let splits = 0;
  for (const client of ds.clients.keys()) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const end = Y.getState(doc.store, client);
    // Sorted and merged: a range listed twice must not count (or shorten a text) twice.
    for (const range of texts.rangesOf(client)) {
      if (range.len <= 0 || range.clock >= end) continue;
      const stop = range.clock + range.len;
      for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= stop) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        if (++visited > limits.maxDeletedItems) throw new Refused('too-large', 'deletes too many items');
        if (struct.id.clock < range.clock || struct.id.clock + struct.length > stop) {
          if (++splits > limits.maxSplits) throw new Refused('too-large', 'splits too many items');
        }
        const place = places.ofDocItem(struct);
        if (place === GONE) continue;
        roots.add(place.root);
        texts.removed(place, struct, range.clock, stop);
        const whole = place.depth === 1 && place.key !== null;
        entries.push({ root: place.root, key: place.key, kind: whole ? 'deleted' : 'nested' });
      }
    }
  }
}

/** What kind of content an item holds. */
function contentOf(content: Y.Item['content']): ItemContent {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return 'json';
  if (content instanceof Y.ContentString) return 'string';
  if (content instanceof Y.ContentDeleted) return 'deleted';
  if (content instanceof Y.ContentFormat) return 'format';
  if (content instanceof Y.ContentEmbed) return 'embed';
  if (content instanceof Y.ContentBinary) return 'binary';
  if (content instanceof Y.ContentDoc) return 'doc';
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlText || type instanceof Y.XmlElement || type instanceof Y.XmlFragment) return 'xml';
    if (type instanceof Y.Text) return 'text';
    if (type instanceof Y.Map) return 'map';
    if (type instanceof Y.Array) return 'array';
    return 'xml';
  }
  return 'binary';
}

/** Whether an item (of the update or the document) holds a Y.Text. */
const holdsText = (item: Y.Item): boolean =>
  item.content instanceof Y.ContentType &&
  item.content.type instanceof Y.Text &&
  !(item.content.type instanceof Y.XmlText);

/**
 * The length each Y.Text an update touches would have: its length in the document (0 for one
 * the update creates), plus what the update inserts and keeps, minus the visible characters
 * its delete set removes.
 */
class TextLengths {
  private readonly texts = new Map<Y.Item, { place: Place; length: number }>();
  private readonly ranges = new Map<number, { clock: number; len: number }[]>();
  private readonly ds: DeleteSet;

  constructor(ds: DeleteSet) {
    this.ds = ds;
  }

  /** The delete ranges of one client, sorted and merged. */
  rangesOf(client: number): readonly { clock: number; len: number }[] {
    const known = this.ranges.get(client);
    if (known) return known;
    const sorted = [...(this.ds.clients.get(client) ?? [])]
      .filter((range) => range.len > 0)
      .sort((a, b) => a.clock - b.clock);
    const merged: { clock: number; len: number }[] = [];
    for (const { clock, len } of sorted) {
      const last = merged[merged.length - 1];
      if (last && clock <= last.clock + last.len) last.len = Math.max(last.len, clock + len - last.clock);
      else merged.push({ clock, len });
    }
    this.ranges.set(client, merged);
    return merged;
  }

  /** How many of the clocks `[clock, clock + len)` of `client` the delete set covers. */
  private covered(client: number, clock: number, len: number): number {
    let count = 0;
    for (const range of this.rangesOf(client)) {
      if (range.clock >= clock + len) break;
      count += Math.max(0, Math.min(clock + len, range.clock + range.len) - Math.max(clock, range.clock));
    }
    return count;
  }

  private of(place: Place): { place: Place; length: number } | null {
    const container = place.container;
    if (!container || !holdsText(container)) return null;
    let text = this.texts.get(container);
    if (!text) {
      const type = (container.content as Y.ContentType).type;
      // A text already in the document has its length; one the update creates starts empty.
      const length = container.parent instanceof Y.AbstractType ? (type as Y.Text).length : 0;
      text = { place, length };
      this.texts.set(container, text);
    }
    return text;
  }

  /** A fresh item of the update: its visible characters, less those the same update deletes. */
  added(place: Place, item: Y.Item): void {
    const text = this.of(place);
    if (!text || !item.content.isCountable() || item.content instanceof Y.ContentDeleted) return;
    text.length += item.length - this.covered(item.id.client, item.id.clock, item.length);
  }

  /** A visible item of the document the delete set covers from `from` to `to`. */
  removed(place: Place, item: Y.Item, from: number, to: number): void {
    if (!item.content.isCountable()) return;
    const text = this.of(place);
    if (!text) return;
    text.length -= Math.max(0, Math.min(to, item.id.clock + item.length) - Math.max(from, item.id.clock));
  }

  result(): TextChange[] {
    return [...this.texts.values()].map(({ place, length }) => ({
      root: place.root,
      key: place.key,
      depth: place.depth,
      field: place.field,
      length,
    }));
  }
}
