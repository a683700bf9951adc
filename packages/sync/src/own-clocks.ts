import * as Y from 'yjs';
import { decodedUpdateOf } from './messages.ts';

/**
 * Whether everything an update adds or deletes beyond what `doc` has seen is under client ids
 * that may be the sender's own (`isOwn`): a gap in the sender's own writing, which its sync
 * step 2 fills, rather than a claim on clocks of somebody else.
 */
export function dependsOnOwnClocks(doc: Y.Doc, update: Uint8Array, isOwn: (client: number) => boolean): boolean {
  const { structs, ds } = decodedUpdateOf(update);
  if (structs.length === 0 && ds.clients.size === 0) return false;
  for (const struct of structs) if (!isOwn(struct.id.client)) return false;
  for (const [client, ranges] of ds.clients) {
    const seen = Y.getState(doc.store, client);
    for (const range of ranges) if (range.clock + range.len > seen && !isOwn(client)) return false;
  }
  return true;
}
