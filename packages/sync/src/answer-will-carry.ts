import * as Y from 'yjs';
import { decodedUpdateOf } from './messages.ts';

/**
 * Whether the client's answer to the server's sync step 1 (its sync step 2) will carry what an
 * update depends on: every clock the update needs that `doc` has not seen is under a client id
 * that may be the sender's (`isOwn`), and the client said it had those clocks (`claimed`, the
 * state vector of its own sync step 1). A reconnecting y-websocket client that typed before its
 * answer went out is such a case; a frame that claims clocks nobody said they had is not.
 */
export function answerWillCarry(
  doc: Y.Doc,
  update: Uint8Array,
  claimed: ReadonlyMap<number, number>,
  isOwn: (client: number) => boolean,
): boolean {
  const { structs, ds } = decodedUpdateOf(update);
  if (structs.length === 0 && ds.clients.size === 0) return false;
  const needs = new Map<number, number>();
  const need = (client: number, upTo: number) => {
    if (upTo > Y.getState(doc.store, client)) needs.set(client, Math.max(needs.get(client) ?? 0, upTo));
  };
  for (const struct of structs) need(struct.id.client, struct.id.clock);
  for (const [client, ranges] of ds.clients) for (const range of ranges) need(client, range.clock + range.len);
  if (needs.size === 0) return false;
  for (const [client, upTo] of needs) if (!isOwn(client) || (claimed.get(client) ?? 0) < upTo) return false;
  return true;
}
