import { createMigrationIds, createMigrationSequence } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { checkSchemaCompatibility } from './schema-compatibility.ts';
import { createTestStore } from './testing.ts';

const extraSequence = () => {
  const ids = createMigrationIds('com.talkoot.extra', { First: 1 });
  return createMigrationSequence({
    sequenceId: 'com.talkoot.extra',
    sequence: [{ id: ids.First, scope: 'record', up: (record) => record }],
  });
};

describe('checkSchemaCompatibility', () => {
  it('accepts the same schema', () => {
    const store = createTestStore();
    expect(checkSchemaCompatibility(store, structuredClone(store.schema.serialize()))).toEqual({ kind: 'same' });
  });

  it('calls a schema with lower versions older', () => {
    const store = createTestStore();
    const ours = store.schema.serialize();
    const stored = { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.note': 1 } };
    expect(checkSchemaCompatibility(store, stored)).toEqual({ kind: 'older', stored });
  });

  it('calls a schema that lacks one of our sequences older', () => {
    const store = createTestStore([extraSequence()]);
    const stored = createTestStore().schema.serialize();
    expect(checkSchemaCompatibility(store, stored)).toMatchObject({ kind: 'older' });
  });

  it('refuses a higher version of a sequence', () => {
    const store = createTestStore();
    const ours = store.schema.serialize();
    const stored = { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.note': 1000 } };
    expect(checkSchemaCompatibility(store, stored)).toMatchObject({ kind: 'incompatible', reason: 'newer-version' });
  });

  it('refuses a sequence it does not know', () => {
    const store = createTestStore();
    const stored = createTestStore([extraSequence()]).schema.serialize();
    expect(checkSchemaCompatibility(store, stored)).toMatchObject({
      kind: 'incompatible',
      reason: 'unknown-sequence',
      detail: 'com.talkoot.extra',
    });
  });

  it('refuses values that are not schemas', () => {
    const store = createTestStore();
    for (const value of [
      null,
      'v2',
      { schemaVersion: 3, sequences: {} },
      { schemaVersion: 2, sequences: { a: 'x' } },
    ]) {
      expect(checkSchemaCompatibility(store, value)).toMatchObject({
        kind: 'incompatible',
        reason: 'malformed-schema',
      });
    }
  });

  it('reads legacy v1 schemas', () => {
    const store = createTestStore();
    const v1 = {
      schemaVersion: 1,
      storeVersion: 4,
      recordVersions: { shape: { version: 3, subTypeKey: 'type', subTypeVersions: { geo: 7 } } },
    };
    expect(checkSchemaCompatibility(store, v1)).toMatchObject({ kind: 'older' });
  });
});
