import type { LayoutChild, LayoutFrame, TemplateDefinition } from '../template-definition.ts';

/** Stages of a migrant trajectory, in time order (after the Nantes mapping of arrival paths). */
export const JOURNEY_STAGES = ['before-leaving', 'arrival', 'first-weeks', 'first-year', 'building-a-life'] as const;
/** What is noted at every stage. */
export const JOURNEY_LANES = ['what-happened', 'services-and-people', 'feelings', 'barriers', 'what-helped'] as const;

const PAD = 40;
const HEAD_W = 220;
const CELL_W = 320;
const CELL_H = 240;
const GAP = 20;
const GRID_Y = 320;
const STAGE_H = 70;
const CURVE_H = 300;
const FRAME_W = PAD + HEAD_W + GAP + JOURNEY_STAGES.length * (CELL_W + GAP) - GAP + PAD;
const CURVE_Y = GRID_Y + STAGE_H + GAP + JOURNEY_LANES.length * (CELL_H + GAP);
const FRAME_H = CURVE_Y + CURVE_H + PAD;

const key = (k: string) => ({ key: `template.journey-map.${k}` });
const stageX = (i: number) => PAD + HEAD_W + GAP + i * (CELL_W + GAP);

/**
 * Journey map of migrant trajectories: one anonymous persona per map, its path stage by
 * stage across lanes (what happened, who they met, feelings, barriers, what helped) and an
 * emotion curve. Several maps let small groups work side by side.
 */
export const journeyMap: TemplateDefinition = {
  id: 'journey-map',
  version: 1,
  nameKey: 'template.journey-map.name',
  descriptionKey: 'template.journey-map.description',
  parameters: [{ name: 'journeys', type: 'integer', labelKey: 'template.param.journeys', default: 1, min: 1, max: 6 }],
  readBack: { groupBy: ['journey', 'stage', 'lane'], skipParts: [] },

  layout({ journeys = 1 }) {
    const frames: LayoutFrame[] = [];
    for (let journey = 1; journey <= journeys; journey++) {
      const s = (slug: string) => `journey-${journey}.${slug}`;
      const children: LayoutChild[] = [
        {
          kind: 'area',
          slug: s('persona'),
          x: PAD,
          y: PAD,
          w: 600,
          h: GRID_Y - PAD - GAP * 2,
          label: key('persona'),
          color: 'violet',
          tags: { part: 'persona', journey },
        },
        {
          kind: 'label',
          slug: s('how-to'),
          x: PAD + 600 + PAD,
          y: PAD,
          w: FRAME_W - 600 - PAD * 3,
          text: key('how-to'),
          size: 's',
          tags: { part: 'instructions', journey },
        },
      ];
      JOURNEY_STAGES.forEach((stage, i) => {
        children.push({
          kind: 'area',
          slug: s(`stage.${stage}`),
          x: stageX(i),
          y: GRID_Y,
          w: CELL_W,
          h: STAGE_H,
          label: key(`stage.${stage}`),
          color: 'blue',
          tags: { part: 'stage', journey, stage },
        });
      });
      JOURNEY_LANES.forEach((lane, j) => {
        const y = GRID_Y + STAGE_H + GAP + j * (CELL_H + GAP);
        children.push({
          kind: 'area',
          slug: s(`lane.${lane}`),
          x: PAD,
          y,
          w: HEAD_W,
          h: CELL_H,
          label: key(`lane.${lane}`),
          color: lane === 'barriers' ? 'light-red' : lane === 'what-helped' ? 'light-green' : 'grey',
          tags: { part: 'lane-label', journey, lane },
        });
        JOURNEY_STAGES.forEach((stage, i) => {
          children.push({
            kind: 'area',
            slug: s(`cell.${stage}.${lane}`),
            x: stageX(i),
            y,
            w: CELL_W,
            h: CELL_H,
            label: null,
            color: 'grey',
            tags: { part: 'lane', journey, stage, lane },
          });
        });
      });
      children.push(
        {
          kind: 'area',
          slug: s('emotion-curve'),
          x: stageX(0),
          y: CURVE_Y,
          w: JOURNEY_STAGES.length * (CELL_W + GAP) - GAP,
          h: CURVE_H,
          label: key('emotion-curve'),
          color: 'orange',
          tags: { part: 'emotion-curve', journey },
        },
        {
          kind: 'label',
          slug: s('emotion-high'),
          x: PAD,
          y: CURVE_Y,
          w: HEAD_W,
          text: key('emotion-high'),
          size: 's',
          tags: { part: 'emotion-curve', journey },
        },
        {
          kind: 'label',
          slug: s('emotion-low'),
          x: PAD,
          y: CURVE_Y + CURVE_H - 50,
          w: HEAD_W,
          text: key('emotion-low'),
          size: 's',
          tags: { part: 'emotion-curve', journey },
        },
      );
      frames.push({
        kind: 'frame',
        slug: `journey-${journey}`,
        x: 0,
        y: (journey - 1) * (FRAME_H + 160),
        w: FRAME_W,
        h: FRAME_H,
        label: { key: 'template.journey-map.journey', values: { number: journey } },
        tags: { part: 'journey', journey },
        children,
      });
    }
    return frames;
  },

  agenda() {
    const step = (slug: string, durationMinutes: number) => ({
      slug,
      title: key(`agenda.${slug}.title`),
      instructions: key(`agenda.${slug}.instructions`),
      durationMinutes,
    });
    return [
      step('welcome', 10),
      step('persona', 10),
      step('stages', 30),
      step('barriers', 15),
      step('emotions', 10),
      step('share', 15),
    ];
  },
};
