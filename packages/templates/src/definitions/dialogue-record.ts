import type { LayoutFrame, TemplateDefinition } from '../template-definition.ts';

const key = (k: string) => ({ key: `template.dialogue-record.${k}` });
/** The frame each step's notes go into (revealed private notes land there). */
const STEP_FRAMES: Readonly<Record<string, string>> = { dialogue: 'heard' };
const RULES = ['listen', 'own-experience', 'respect', 'confidential', 'ask'];
/** The record's sections, in reading order, with their place on a 3-column grid. */
const SECTIONS = [
  { section: 'themes', column: 1, row: 0 },
  { section: 'heard', column: 2, row: 0 },
  { section: 'agreements', column: 0, row: 1 },
  { section: 'disagreements', column: 1, row: 1 },
  { section: 'open-questions', column: 2, row: 1 },
] as const;
const W = 1000;
const H = 800;
const GAP = 120;

/**
 * Dialogue record in the Timeout style: ground rules, the themes, what was heard, where
 * people agreed and disagreed, and open questions. Many voices; no need for consensus.
 */
export const dialogueRecord: TemplateDefinition = {
  id: 'dialogue-record',
  version: 1,
  nameKey: 'template.dialogue-record.name',
  descriptionKey: 'template.dialogue-record.description',
  parameters: [],
  readBack: { groupBy: ['section'], skipParts: ['ground-rule'] },

  layout() {
    const frames: LayoutFrame[] = [
      {
        kind: 'frame',
        slug: 'ground-rules',
        x: 0,
        y: 0,
        w: W,
        h: H,
        label: key('ground-rules'),
        tags: { part: 'section', section: 'ground-rules' },
        children: RULES.map((rule, i) => ({
          kind: 'note',
          slug: `ground-rules.${rule}`,
          x: 40 + (i % 3) * 300,
          y: 60 + Math.floor(i / 3) * 300,
          text: key(`rule.${rule}`),
          color: 'light-green',
          tags: { part: 'ground-rule', rule },
        })),
      },
    ];
    for (const { section, column, row } of SECTIONS) {
      frames.push({
        kind: 'frame',
        slug: section,
        x: column * (W + GAP),
        y: row * (H + GAP),
        w: W,
        h: H,
        label: key(section),
        tags: { part: 'section', section },
        children: [
          {
            kind: 'label',
            slug: `${section}.how-to`,
            x: 40,
            y: 40,
            w: W - 80,
            text: key(`${section}.how-to`),
            size: 's',
            tags: { part: 'instructions', section },
          },
        ],
      });
    }
    return [
      {
        kind: 'label',
        slug: 'motto',
        x: 0,
        y: -140,
        w: 3 * W + 2 * GAP,
        text: key('motto'),
        size: 'l',
        tags: { part: 'motto' },
      },
      ...frames,
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
    return [
      step('welcome', 10),
      step('opening', 15),
      step('dialogue', 45),
      step('deepen', 20),
      step('closing', 10),
      step('record', 10),
    ];
  },
};
