export {
  actionPlanMap,
  addMeasure,
  MeasureValidationError,
  moveMeasure,
  newMeasureId,
  readActionPlan,
  removeMeasure,
  updateMeasure,
} from './action-plan.ts';
export {
  ACTION_PLAN_MAP,
  MEASURE_FIELDS,
  MEASURE_LIMITS,
  MEASURE_STATUSES,
  evidenceSchema,
  locationTagsSchema,
  measureFieldsSchema,
  measureIdSchema,
  measurePatchSchema,
  measureSchema,
  measureStatusSchema,
  noteSourceSchema,
  periodKind,
  periodSchema,
} from './measure.ts';
export type {
  Evidence,
  LocationTags,
  Measure,
  MeasureFields,
  MeasurePatch,
  MeasureStatus,
  NoteSource,
} from './measure.ts';
export { measureIdForNote, seedActionPlan, seededTitle } from './seed-action-plan.ts';
export type { RankedNote } from './seed-action-plan.ts';
export { compareRanked, rankIdeas, tiedPastCut, topRanked } from './rank-ideas.ts';
export type { RankCandidate, Ranked } from './rank-ideas.ts';
