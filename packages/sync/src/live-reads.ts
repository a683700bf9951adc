import type * as Y from 'yjs';

interface Reading {
  value: unknown;
  stale: boolean;
}

/**
 * Readings of loaded documents kept up to date (e.g. a board's lock state, asked on every
 * update): `read` runs again only after the document changed, and only when asked.
 */
export class LiveReads {
  private readonly readings = new WeakMap<Y.Doc, Map<string, Reading>>();

  /** `read(doc)` as of now; `key` names the reading (one per key and document). */
  get<T>(doc: Y.Doc, key: string, read: (doc: Y.Doc) => T): T {
    let byKey = this.readings.get(doc);
    if (!byKey) {
      const created = new Map<string, Reading>();
      byKey = created;
      this.readings.set(doc, created);
      doc.on('update', () => {
        for (const reading of created.values()) reading.stale = true;
      });
    }
    let reading = byKey.get(key);
    if (!reading) {
      reading = { value: read(doc), stale: false };
      byKey.set(key, reading);
    } else if (reading.stale) {
      reading.value = read(doc);
      reading.stale = false;
    }
    return reading.value as T;
  }
}
