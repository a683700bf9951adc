/** A note that can be ranked: what a dot vote counts. */
export interface RankCandidate {
  /** The note's shape id (`shape:…`). */
  shapeId: string;
  /** Its plain text. */
  text: string;
  /**
   * The idea it is a copy of (its root original, see `noteOrigin` in `@talkoot/templates`);
   * notes with one origin are one idea. Absent: the note is its own origin.
   */
  origin?: string;
}

/** One idea of the ranking, represented by one of its notes. */
export type Ranked<T extends RankCandidate> = T & {
  /** Dots on the idea: on all of its notes together. */
  votes: number;
  /** 1 for the most dots; ideas with as many dots share a rank, and the next rank skips (1, 1, 3). */
  rank: number;
  /** Whether another idea shares this rank. */
  tied: boolean;
  /** Every note of the idea that got dots, the shown one first. */
  shapeIds: string[];
};

/**
 * The order of the ranking: most votes first, ties by text and then id in code-unit order,
 * which is the same on every server, in every browser and in every language, so the ranking
 * people see and the measures seeded from it list tied ideas alike.
 */
export function compareRanked(
  votesA: number,
  textA: string,
  idA: string,
  votesB: number,
  textB: string,
  idB: string,
): number {
  if (votesA !== votesB) return votesB - votesA;
  if (textA !== textB) return textA < textB ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

const votesOf = (results: Readonly<Record<string, number>>, id: string): number => {
  const n = results[id];
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
};

/**
 * The ranking of a revealed dot vote, one entry per idea: the dots on every copy of an idea
 * (same `origin`) are added up, and the idea is shown by its note with the most dots (ties:
 * the smallest id). Ideas without dots are left out; ideas with as many dots share a rank
 * ("standard competition": 1, 1, 3) and are ordered by {@link compareRanked}. `results` are
 * the session's `voting.results` (dots per shape id); each candidate counts once.
 *
 * The one ranking of Talkoot: the results panel, the top-N choice and the server's seeding of
 * the action plan all call it.
 */
export function rankIdeas<T extends RankCandidate>(
  candidates: Iterable<T>,
  results: Readonly<Record<string, number>> | null | undefined,
): Ranked<T>[] {
  if (!results) return [];
  const ideas = new Map<string, { shown: T; shownVotes: number; votes: number; shapeIds: string[] }>();
  const counted = new Set<string>();
  for (const note of candidates) {
    if (counted.has(note.shapeId)) continue;
    counted.add(note.shapeId);
    const votes = votesOf(results, note.shapeId);
    if (votes === 0) continue;
    const key = note.origin ?? note.shapeId;
    const idea = ideas.get(key);
    if (!idea) {
      ideas.set(key, { shown: note, shownVotes: votes, votes, shapeIds: [note.shapeId] });
      continue;
    }
    idea.votes += votes;
    idea.shapeIds.push(note.shapeId);
    if (votes > idea.shownVotes || (votes === idea.shownVotes && note.shapeId < idea.shown.shapeId)) {
      idea.shown = note;
      idea.shownVotes = votes;
    }
  }
  const list = [...ideas.values()].sort((a, b) =>
    compareRanked(a.votes, a.shown.text, a.shown.shapeId, b.votes, b.shown.text, b.shown.shapeId),
  );
  const perCount = new Map<number, number>();
  for (const idea of list) perCount.set(idea.votes, (perCount.get(idea.votes) ?? 0) + 1);
  let rank = 0;
  return list.map((idea, index) => {
    if (index === 0 || list[index - 1]!.votes !== idea.votes) rank = index + 1;
    const shown = idea.shown.shapeId;
    return {
      ...idea.shown,
      votes: idea.votes,
      rank,
      tied: perCount.get(idea.votes)! > 1,
      shapeIds: [shown, ...idea.shapeIds.filter((id) => id !== shown)],
    };
  });
}

/**
 * The ideas placed in the first `places` ranks, ties at the cut included: with ranks 1, 2, 2, 4
 * the top two are three ideas. What "start the action plan from the top N" takes.
 */
export function topRanked<T extends { rank: number }>(ranking: readonly T[], places: number): T[] {
  return ranking.filter((idea) => idea.rank <= places);
}

/** How many ideas past `places` the top `places` take because they tie at the cut (0: none). */
export function tiedPastCut(ranking: readonly { rank: number }[], places: number): number {
  return Math.max(0, topRanked(ranking, places).length - Math.max(0, places));
}
