import { getTemplate } from './templates.ts';
import { partShapeId } from './to-tldraw-records.ts';
import { largestParams, splitPartId } from './template-text-source.ts';

/**
 * The id of the frame where the notes of an agenda step a template made belong
 * (`prioritisation@2.collect` → `shape:prioritisation@2.ideas`), from the step's id and its
 * template's plan; null for a step without one (a world-café round, a step a facilitator added).
 * The frame may since have been deleted: look it up on the board.
 */
export function agendaStepFrameId(stepId: string | null): string | null {
  const part = stepId === null ? null : splitPartId(stepId);
  if (!part) return null;
  const params = largestParams(part.templateId);
  if (!params) return null;
  const frame = getTemplate(part.templateId)
    .agenda(params)
    .find((step) => step.slug === part.slug)?.frame;
  return frame === undefined ? null : partShapeId(part.templateId, frame, part.instance);
}
