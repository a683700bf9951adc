import * as Y from 'yjs';
import { decodedUpdateOf } from './messages.ts';

/**
 * Whether everything an update adds or deletes beyond what `doc` has seen is under `own` client
 * ids (the sender's presence): a gap in the sender's own writing, which its sync step 2 fills,
 * rather than a claim on clocks of somebody else.
 */
export function dependsOnOwnClocks(doc: Y.Doc, update: Uint8Array, own: ReadonlySet<number>): boolean {
  if (own.size === 0) return false;
  const { structs, ds } = decodedUpdateOf(update);
  if (structs.length === 0 && ds.clients.size === 0) return false;
  for (const struct of structs) if (!own.has(struct.id.client)) return false;
  for (const [client, ranges] of ds.clients) {
    if (own.has(client)) continue;
    const seen = Y.getState(doc.store, client);
    for (const range of ranges) if (range.clock + range.len > seen) return false;
  }
  return true;
}
