export {
  actionPlanMap,
  addMeasure,
  findMeasureText,
  MeasureValidationError,
  measureText,
  migratePlanText,
  moveMeasure,
  newMeasureId,
  planNeedsMigration,
  readActionPlan,
  removeMeasure,
  updateMeasure,
} from './action-plan.ts';
export {
  ACTION_PLAN_MAP,
  MEASURE_FIELDS,
  MEASURE_LIMITS,
  MEASURE_STATUSES,
  MEASURE_TEXT_FIELDS,
  MEASURE_TEXT_LIMITS,
  evidenceSchema,
  isMeasureTextField,
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
  MeasureTextField,
  NoteSource,
} from './measure.ts';
export { bindTextField } from './bind-text-field.ts';
export type { BindTextFieldOptions, TextFieldBinding, TextFieldLike } from './bind-text-field.ts';
export { diffText, mapIndex, rebaseEdit, setText } from './text-diff.ts';
export type { TextDelta, TextEdit } from './text-diff.ts';
export { measureIdForNote, seedActionPlan, seededTitle } from './seed-action-plan.ts';
export type { RankedNote } from './seed-action-plan.ts';
export { compareRanked, rankIdeas, tiedPastCut, topRanked } from './rank-ideas.ts';
export type { RankCandidate, Ranked } from './rank-ideas.ts';
