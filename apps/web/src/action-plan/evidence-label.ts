import type { Evidence } from '@talkoot/action-plan';

/**
 * Where a measure's evidence came from, as short plain words: the board it was promoted from
 * and the template place (stage, lane, table…), e.g. "Journeys · arrival · barriers".
 */
export function evidencePlace(evidence: Evidence): string {
  const parts: string[] = [];
  if (evidence.source?.boardTitle) parts.push(evidence.source.boardTitle);
  const tags = evidence.source?.tags ?? evidence.location ?? {};
  for (const key of ['stage', 'lane', 'table', 'round', 'quadrant', 'area'] as const) {
    const value = tags[key];
    if (value !== undefined && value !== '') parts.push(String(value));
  }
  return parts.join(' · ');
}

/** Dots a measure's evidence received in the vote. */
export function evidenceVotes(evidence: readonly Evidence[]): number {
  return evidence.reduce((sum, e) => sum + (e.votes ?? 0), 0);
}
