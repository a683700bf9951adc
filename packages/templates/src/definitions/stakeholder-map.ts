import type { LayoutChild, TemplateDefinition } from '../template-definition.ts';
import { quadrantChildren } from './quadrants.ts';

const key = (k: string) => ({ key: `template.stakeholder-map.${k}` });
/** The frame each step's notes go into (revealed private notes land there). */
const STEP_FRAMES: Readonly<Record<string, string>> = { list: 'who', place: 'matrix', missing: 'who' };
/** Examples of who may have a stake in migrant integration; people edit or remove them. */
const STARTERS = ['migrant-residents', 'migrant-organisations', 'city-services', 'employers', 'schools', 'neighbours'];
const MAP_W = 1400;
const MAP_H = 1100;

/**
 * Stakeholder map: who has a stake, placed by power and interest (keep satisfied, manage
 * closely, monitor, keep informed), to decide whom to involve and how.
 */
export const stakeholderMap: TemplateDefinition = {
  id: 'stakeholder-map',
  version: 1,
  nameKey: 'template.stakeholder-map.name',
  descriptionKey: 'template.stakeholder-map.description',
  parameters: [],
  readBack: { groupBy: ['quadrant'], skipParts: [] },

  layout() {
    const starters: LayoutChild[] = STARTERS.map((starter, i) => ({
      kind: 'note',
      slug: `who.${starter}`,
      x: 40 + (i % 3) * 260,
      y: 200 + Math.floor(i / 3) * 260,
      text: key(`starter.${starter}`),
      color: 'light-violet',
      tags: { part: 'stakeholder', starter },
    }));
    return [
      {
        kind: 'frame',
        slug: 'who',
        x: 0,
        y: 0,
        w: 860,
        h: MAP_H,
        label: key('who'),
        tags: { part: 'who' },
        children: [
          {
            kind: 'label',
            slug: 'who.how-to',
            x: 40,
            y: 40,
            w: 780,
            text: key('who.how-to'),
            size: 's',
            tags: { part: 'instructions' },
          },
          ...starters,
        ],
      },
      {
        kind: 'frame',
        slug: 'matrix',
        x: 980,
        y: 0,
        w: MAP_W,
        h: MAP_H,
        label: key('matrix'),
        tags: { part: 'matrix' },
        children: quadrantChildren({
          templateKey: 'template.stakeholder-map',
          w: MAP_W,
          h: MAP_H,
          verticalAxis: 'power',
          horizontalAxis: 'interest',
          quadrants: [
            { quadrant: 'keep-satisfied', row: 0, column: 0, color: 'yellow' },
            { quadrant: 'manage-closely', row: 0, column: 1, color: 'light-red' },
            { quadrant: 'monitor', row: 1, column: 0, color: 'grey' },
            { quadrant: 'keep-informed', row: 1, column: 1, color: 'light-blue' },
          ],
        }),
      },
    ];
  },

  agenda() {
    const step = (slug: string, durationMinutes: number) => ({
      slug,
      title: key(`agenda.${slug}.title`),
      instructions: key(`agenda.${slug}.instructions`),
      durationMinutes,
      ...(STEP_FRAMES[slug] === undefined ? {} : { frame: STEP_FRAMES[slug] }),
    });
    return [step('list', 10), step('place', 20), step('missing', 10), step('involve', 15)];
  },
};
