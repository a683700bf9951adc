import type { SerializedSchema, SerializedSchemaV2, TLStore } from 'tldraw';

/**
 * How the schema stored in a board's Y.Doc relates to this client's tldraw schema.
 *
 * - `same`: nothing to migrate.
 * - `older`: the doc was written by an older client; records must be migrated up on load.
 * - `incompatible`: the doc was written by a newer (or unknown) client; this client must not touch it.
 */
export type SchemaCompatibility =
  | { kind: 'same' }
  | { kind: 'older'; stored: SerializedSchema }
  | { kind: 'incompatible'; reason: IncompatibleReason; detail: string };

/** Machine-readable reason why a stored schema cannot be used by this client. */
export type IncompatibleReason = 'malformed-schema' | 'unknown-sequence' | 'newer-version' | 'no-migration-path';

/**
 * Compares a schema read from the doc (untrusted JSON) with the store's schema.
 *
 * tldraw's `getMigrationsSince` silently ignores sequences it does not know, but a record
 * type from a newer client (a new shape, say) would fail validation here, so an unknown
 * sequence counts as incompatible too.
 */
export function checkSchemaCompatibility(store: TLStore, stored: unknown): SchemaCompatibility {
  const normalized = normalizeSchema(stored);
  if (!normalized) {
    return { kind: 'incompatible', reason: 'malformed-schema', detail: 'stored schema is not a tldraw schema' };
  }
  const ours = store.schema.serialize().sequences;
  for (const [sequenceId, version] of Object.entries(normalized.sequences)) {
    const ourVersion = ours[sequenceId];
    if (ourVersion === undefined) {
      return { kind: 'incompatible', reason: 'unknown-sequence', detail: sequenceId };
    }
    if (version > ourVersion) {
      return { kind: 'incompatible', reason: 'newer-version', detail: `${sequenceId}: ${version} > ${ourVersion}` };
    }
  }
  const migrations = store.schema.getMigrationsSince(stored as SerializedSchema);
  if (!migrations.ok) {
    return { kind: 'incompatible', reason: 'no-migration-path', detail: migrations.error };
  }
  const sameSequences =
    Object.keys(ours).length === Object.keys(normalized.sequences).length &&
    Object.entries(ours).every(([id, version]) => normalized.sequences[id] === version);
  if (migrations.value.length === 0 && sameSequences) return { kind: 'same' };
  return { kind: 'older', stored: stored as SerializedSchema };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isVersion = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Brings a v1 or v2 serialized schema to the v2 shape; null if it is neither. */
function normalizeSchema(value: unknown): SerializedSchemaV2 | null {
  if (!isRecord(value)) return null;
  if (value.schemaVersion === 2) {
    if (!isRecord(value.sequences) || !Object.values(value.sequences).every(isVersion)) return null;
    return value as unknown as SerializedSchemaV2;
  }
  if (value.schemaVersion === 1) {
    // Same mapping as @tldraw/store's internal upgradeSchema.
    if (!isVersion(value.storeVersion) || !isRecord(value.recordVersions)) return null;
    const sequences: Record<string, number> = { 'com.tldraw.store': value.storeVersion };
    for (const [typeName, entry] of Object.entries(value.recordVersions)) {
      if (!isRecord(entry) || !isVersion(entry.version)) return null;
      sequences[`com.tldraw.${typeName}`] = entry.version;
      if (isRecord(entry.subTypeVersions)) {
        for (const [subType, version] of Object.entries(entry.subTypeVersions)) {
          if (!isVersion(version)) return null;
          sequences[`com.tldraw.${typeName}.${subType}`] = version;
        }
      }
    }
    return { schemaVersion: 2, sequences };
  }
  return null;
}
