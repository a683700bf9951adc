import * as Y from 'yjs';
import { inspectUpdate, LOAD_LIMITS, type Refusal } from './write-gate.ts';

/** A stored update that could not be applied safely, kept aside rather than applied. */
export interface QuarantinedUpdate {
  /** Its position in the list given to {@link applyStoredUpdates}. */
  readonly index: number;
  readonly reason: Refusal | 'undecodable';
  readonly detail: string;
}

/**
 * Applies stored updates (a board's log, in order) to `doc` in one transaction, each first
 * checked by the write gate against the state the earlier ones made: what Yjs would keep
 * pending, shared types nested too deep, items inside non-types are not applied but returned,
 * so a board that holds hostile content from before the gate still loads, without it.
 * Nothing here recurses on user-controlled depth: the gate bounds type nesting, and JSON
 * nesting was bounded when the updates were received.
 */
export function applyStoredUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): QuarantinedUpdate[] {
  const quarantined: QuarantinedUpdate[] = [];
  doc.transact(() => {
    updates.forEach((update, index) => {
      let decoded: ReturnType<typeof Y.decodeUpdate>;
      try {
        decoded = Y.decodeUpdate(update);
      } catch (error) {
        quarantined.push({
          index,
          reason: 'undecodable',
          detail: error instanceof Error ? error.message : 'bad bytes',
        });
        return;
      }
      const verdict = inspectUpdate(doc, decoded, LOAD_LIMITS);
      if (!verdict.ok) {
        quarantined.push({ index, reason: verdict.reason, detail: verdict.detail });
        return;
      }
      Y.applyUpdate(doc, update);
    });
  }, origin);
  return quarantined;
}
