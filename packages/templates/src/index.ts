export { instantiateTemplate } from './instantiate-template.ts';
export type { TemplateInstance } from './instantiate-template.ts';
export { agendaStepFrameId } from './agenda-step-frame.ts';
export { locateNote } from './locate-note.ts';
export type { NoteLocation } from './locate-note.ts';
export { noteRecord } from './note-record.ts';
export { placeRevealedNotes } from './place-revealed-notes.ts';
export type { RevealedNotePlace, RevealLayout, RevealPlacementOptions } from './place-revealed-notes.ts';
export { toRichText } from './rich-text.ts';
export {
  agendaStepDefinitionSchema,
  integerParameterSchema,
  partTagsSchema,
  readBackSchema,
  templateAgendaSchema,
  templateDefinitionSchema,
  templateLayoutSchema,
  templateTextSchema,
} from './template-definition.ts';
export type {
  AgendaStepDefinition,
  LayoutChild,
  LayoutFrame,
  PartTags,
  ReadBack,
  TemplateDefinition,
  TemplateLayout,
  TemplateParameter,
  TemplateParams,
  TemplateText,
} from './template-definition.ts';
export { parseTemplateParams, TemplateParamsError, templateParamsSchema } from './template-params.ts';
export { getTemplate, listTemplates, TEMPLATES, UnknownTemplateError } from './templates.ts';
export { PAGE_ID, TEMPLATE_SCHEMA, partShapeId } from './to-tldraw-records.ts';
export type { TemplateMeta, TemplatePlacement, Translate } from './to-tldraw-records.ts';
export { harvestWorldCafe } from './world-cafe-harvest.ts';
export type { Harvest } from './world-cafe-harvest.ts';
export { suggestSeating, worldCafeRound } from './world-cafe-seating.ts';
export type { Seating } from './world-cafe-seating.ts';
export { copiedFromBoards, copyOriginOf, hiddenWithCopies } from './note-copies.ts';
export type { CopyOrigin, HiddenNotesInput } from './note-copies.ts';
export { promotedNoteId, promoteNote } from './promote-note.ts';
export type { NoteSource, Promotion } from './promote-note.ts';
export { isTemplateRendering, localizeAgendaStep, localizeTemplateText } from './localize-template-text.ts';
export type { TemplateTextReader } from './localize-template-text.ts';
export {
  agendaStepTextSource,
  parseTextSource,
  recoverShapeTextSource,
  shapeTextSource,
  textSourceOf,
} from './template-text-source.ts';
export type { StepTextSource, TextSource } from './template-text-source.ts';
export { noteOrigin } from './note-origin.ts';
export type { RecordLookup } from './note-origin.ts';
export { isInsideFrame, isTemplateScaffolding, voteRefusal } from './vote-scope.ts';
export type { VoteRefusal } from './vote-scope.ts';
