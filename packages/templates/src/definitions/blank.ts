import type { TemplateDefinition } from '../template-definition.ts';

/** An empty canvas and an empty agenda. */
export const blank: TemplateDefinition = {
  id: 'blank',
  version: 1,
  nameKey: 'template.blank.name',
  descriptionKey: 'template.blank.description',
  parameters: [],
  readBack: { groupBy: [], skipParts: [] },
  layout: () => [],
  // The facilitator plans their own steps on a blank board.
  agenda: () => [],
};
