/** Suggested tables for one round: member id → table number (1-based). */
export type Seating = Record<string, number>;

/**
 * Suggests a table for everyone in each round of a world café so that groups mix: tables stay
 * even (sizes differ by at most one) and each person, in turn, goes to the table with room
 * where they would meet the fewest people they already sat with. Deterministic for the same
 * people in the same order (oldest member first), so every instance and every retry agree.
 * Returns one seating per round, round 1 first.
 */
export function suggestSeating(memberIds: readonly string[], tables: number, rounds: number): Seating[] {
  const t = Math.max(1, Math.floor(tables));
  const people = [...new Set(memberIds)];
  const met = new Map<string, Set<string>>(people.map((id) => [id, new Set<string>()]));
  const result: Seating[] = [];
  for (let round = 1; round <= rounds; round++) {
    const capacity = Math.ceil(people.length / t);
    const seated: string[][] = Array.from({ length: t }, () => []);
    // Rotate who chooses first each round so nobody always gets the first pick.
    const order = people.map((_, i) => people[(i + (round - 1) * 7) % people.length]!);
    for (const person of order) {
      const known = met.get(person)!;
      let best = -1;
      let bestScore = Infinity;
      for (let k = 0; k < t; k++) {
        // Round 1 seats people round-robin; later rounds also avoid the table they just left.
        const table = (k + (round === 1 ? 0 : round - 1 + people.indexOf(person))) % t;
        const group = seated[table]!;
        if (group.length >= capacity) continue;
        const repeats = group.filter((other) => known.has(other)).length;
        const stayed = round > 1 && result[round - 2]![person] === table + 1 ? 1 : 0;
        const score = repeats * 10 + stayed * 5 + group.length;
        if (score < bestScore) {
          bestScore = score;
          best = table;
        }
      }
      seated[best]!.push(person);
    }
    const seating: Seating = {};
    seated.forEach((group, table) => {
      for (const person of group) {
        seating[person] = table + 1;
        for (const other of group) if (other !== person) met.get(person)!.add(other);
      }
    });
    result.push(seating);
  }
  return result;
}

/**
 * The world-café round an agenda step runs, from its id (`world-cafe.round-2`, or
 * `world-cafe@3.round-2` for a café inserted into a board in use); null for other steps.
 */
export function worldCafeRound(stepId: string | null): { instance: string | undefined; round: number } | null {
  const match = /^world-cafe(?:@([a-z0-9-]+))?\.round-(\d+)$/.exec(stepId ?? '');
  if (!match) return null;
  return { instance: match[1], round: Number(match[2]) };
}
