import { atom } from 'tldraw';

/**
 * How many private notes each member has, as the facilitator's overview reads them from their
 * private docs (null until a member's doc has synced), so the reveal can say how many become
 * visible.
 */
export const privateNoteCounts = atom<Readonly<Record<string, number | null>>>('talkoot.private-note-counts', {});

/** Records one member's count (or forgets it, with `undefined`). */
export function setPrivateNoteCount(memberId: string, count: number | null | undefined): void {
  privateNoteCounts.update((counts) => {
    const next = { ...counts };
    if (count === undefined) delete next[memberId];
    else next[memberId] = count;
    return next;
  });
}

/** All members' notes together; null while a member's doc is still loading. */
export function privateNoteTotal(counts: Readonly<Record<string, number | null>>): number | null {
  let total = 0;
  for (const count of Object.values(counts)) {
    if (count === null) return null;
    total += count;
  }
  return total;
}
