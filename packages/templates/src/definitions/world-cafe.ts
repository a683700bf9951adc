import type { AgendaStepDefinition, LayoutChild, LayoutFrame, TemplateDefinition } from '../template-definition.ts';

const ROUND_W = 340;
const GAP = 20;
const PAD = 40;
const TABLE_H = 760;
const COLUMNS = 4;
/** Default questions, cycled over the tables; facilitators edit them on the board. */
const QUESTIONS = 4;

const key = (k: string) => ({ key: `template.world-cafe.${k}` });

/**
 * World café: small groups talk at tables in rounds; everyone but the table host moves on
 * after each round and builds on what the previous group left. Ends with a shared harvest.
 */
export const worldCafe: TemplateDefinition = {
  id: 'world-cafe',
  version: 1,
  nameKey: 'template.world-cafe.name',
  descriptionKey: 'template.world-cafe.description',
  parameters: [
    { name: 'tables', type: 'integer', labelKey: 'template.param.tables', default: 4, min: 2, max: 12 },
    { name: 'rounds', type: 'integer', labelKey: 'template.param.rounds', default: 3, min: 1, max: 5 },
  ],
  readBack: { groupBy: ['table', 'round'], skipParts: [] },

  layout({ tables = 4, rounds = 3 }) {
    const tableW = PAD * 2 + rounds * ROUND_W + (rounds - 1) * GAP;
    const frames: LayoutFrame[] = [];
    for (let table = 1; table <= tables; table++) {
      const column = (table - 1) % COLUMNS;
      const row = Math.floor((table - 1) / COLUMNS);
      const children: LayoutChild[] = [
        {
          kind: 'label',
          slug: `table-${table}.question`,
          x: PAD,
          y: PAD,
          w: tableW - PAD * 2,
          text: { ...key(`question-${((table - 1) % QUESTIONS) + 1}`), hint: 'template.world-cafe.question-hint' },
          size: 'm',
          tags: { part: 'question', table },
        },
        {
          kind: 'label',
          slug: `table-${table}.host`,
          x: PAD,
          y: 130,
          w: tableW - PAD * 2,
          text: key('host'),
          size: 's',
          tags: { part: 'host', table },
        },
      ];
      for (let round = 1; round <= rounds; round++) {
        children.push({
          kind: 'area',
          slug: `table-${table}.round-${round}`,
          x: PAD + (round - 1) * (ROUND_W + GAP),
          y: 220,
          w: ROUND_W,
          h: TABLE_H - 220 - PAD,
          label: { key: 'template.world-cafe.round', values: { number: round } },
          color: round % 2 === 1 ? 'light-blue' : 'light-green',
          tags: { part: 'round', table, round },
        });
      }
      frames.push({
        kind: 'frame',
        slug: `table-${table}`,
        x: column * (tableW + 120),
        y: row * (TABLE_H + 120),
        w: tableW,
        h: TABLE_H,
        label: { key: 'template.world-cafe.table', values: { number: table } },
        tags: { part: 'table', table },
        children,
      });
    }
    const harvestY = Math.ceil(tables / COLUMNS) * (TABLE_H + 120);
    const harvestW = Math.min(tables, COLUMNS) * (tableW + 120) - 120;
    const areaW = (harvestW - PAD * 2 - GAP * 2) / 3;
    const harvestAreas = ['themes', 'surprises', 'questions'] as const;
    frames.push({
      kind: 'frame',
      slug: 'harvest',
      x: 0,
      y: harvestY,
      w: harvestW,
      h: 700,
      label: key('harvest'),
      tags: { part: 'harvest' },
      children: harvestAreas.map((area, i) => ({
        kind: 'area',
        slug: `harvest.${area}`,
        x: PAD + i * (areaW + GAP),
        y: PAD,
        w: areaW,
        h: 700 - PAD * 2,
        label: key(`harvest.${area}`),
        color: 'yellow',
        tags: { part: 'harvest', area },
      })),
    });
    return frames;
  },

  agenda({ rounds = 3 }) {
    const steps: AgendaStepDefinition[] = [
      {
        slug: 'welcome',
        title: key('agenda.welcome.title'),
        instructions: key('agenda.welcome.instructions'),
        durationMinutes: 10,
      },
    ];
    for (let round = 1; round <= rounds; round++) {
      steps.push({
        slug: `round-${round}`,
        title: { key: 'template.world-cafe.agenda.round.title', values: { number: round } },
        instructions: key(round === 1 ? 'agenda.first-round.instructions' : 'agenda.round.instructions'),
        durationMinutes: 20,
      });
    }
    steps.push(
      {
        slug: 'harvest',
        title: key('agenda.harvest.title'),
        instructions: key('agenda.harvest.instructions'),
        durationMinutes: 20,
        frame: 'harvest',
      },
      {
        slug: 'close',
        title: key('agenda.close.title'),
        instructions: key('agenda.close.instructions'),
        durationMinutes: 5,
      },
    );
    return steps;
  },
};
