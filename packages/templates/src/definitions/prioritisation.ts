import type { TemplateDefinition } from '../template-definition.ts';
import { quadrantChildren } from './quadrants.ts';

const key = (k: string) => ({ key: `template.prioritisation.${k}` });
/** The frame each step's notes go into (revealed private notes land there). */
const STEP_FRAMES: Readonly<Record<string, string>> = {
  collect: 'ideas',
  cluster: 'ideas',
  place: 'matrix',
  vote: 'voting',
};
const MATRIX_W = 1400;
const MATRIX_H = 1100;

/**
 * Prioritisation: collect ideas and needs, place them on an impact/effort matrix, then move
 * the strongest to a dot-voting area (the voting itself is a separate feature).
 */
export const prioritisation: TemplateDefinition = {
  id: 'prioritisation',
  version: 1,
  nameKey: 'template.prioritisation.name',
  descriptionKey: 'template.prioritisation.description',
  parameters: [],
  readBack: { groupBy: ['part', 'quadrant'], skipParts: ['example'] },

  layout() {
    return [
      {
        kind: 'frame',
        slug: 'ideas',
        x: 0,
        y: 0,
        w: 900,
        h: MATRIX_H,
        label: key('ideas'),
        tags: { part: 'ideas' },
        children: [
          {
            kind: 'label',
            slug: 'ideas.how-to',
            x: 40,
            y: 40,
            w: 820,
            text: key('ideas.how-to'),
            size: 's',
            tags: { part: 'instructions' },
          },
          {
            kind: 'note',
            slug: 'ideas.example',
            x: 40,
            y: 200,
            text: key('ideas.example'),
            color: 'yellow',
            tags: { part: 'example' },
          },
        ],
      },
      {
        kind: 'frame',
        slug: 'matrix',
        x: 1020,
        y: 0,
        w: MATRIX_W,
        h: MATRIX_H,
        label: key('matrix'),
        tags: { part: 'matrix' },
        children: quadrantChildren({
          templateKey: 'template.prioritisation',
          w: MATRIX_W,
          h: MATRIX_H,
          verticalAxis: 'impact',
          horizontalAxis: 'effort',
          quadrants: [
            { quadrant: 'quick-wins', row: 0, column: 0, color: 'light-green' },
            { quadrant: 'big-projects', row: 0, column: 1, color: 'yellow' },
            { quadrant: 'small-tasks', row: 1, column: 0, color: 'light-blue' },
            { quadrant: 'reconsider', row: 1, column: 1, color: 'light-red' },
          ],
        }),
      },
      {
        kind: 'frame',
        slug: 'voting',
        x: 2540,
        y: 0,
        w: 900,
        h: MATRIX_H,
        label: key('voting'),
        tags: { part: 'voting' },
        children: [
          {
            kind: 'label',
            slug: 'voting.how-to',
            x: 40,
            y: 40,
            w: 820,
            text: key('voting.how-to'),
            size: 's',
            tags: { part: 'instructions' },
          },
        ],
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
    return [step('collect', 10), step('cluster', 10), step('place', 20), step('vote', 10), step('next', 10)];
  },
};
