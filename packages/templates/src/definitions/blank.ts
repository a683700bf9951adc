import type { TemplateDefinition } from '../template-definition.ts';

const key = (k: string) => ({ key: `template.blank.${k}` });

/** An empty canvas with a simple three-step plan. */
export const blank: TemplateDefinition = {
  id: 'blank',
  version: 1,
  nameKey: 'template.blank.name',
  descriptionKey: 'template.blank.description',
  parameters: [],
  readBack: { groupBy: [], skipParts: [] },
  layout: () => [],
  agenda() {
    const step = (slug: string, durationMinutes: number) => ({
      slug,
      title: key(`agenda.${slug}.title`),
      instructions: key(`agenda.${slug}.instructions`),
      durationMinutes,
    });
    return [step('welcome', 10), step('work', 40), step('wrap-up', 10)];
  },
};
