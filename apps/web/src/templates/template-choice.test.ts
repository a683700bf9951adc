import { describe, expect, it } from 'vitest';
import { defaultChoice, knownKey, paramsToSend } from './template-choice.ts';
import type { TemplateInfo } from './use-templates.ts';

const cafe: TemplateInfo = {
  id: 'world-cafe',
  version: 1,
  nameKey: 'template.world-cafe.name',
  descriptionKey: 'template.world-cafe.description',
  parameters: [
    { name: 'tables', type: 'integer', labelKey: 'template.param.tables', default: 4, min: 2, max: 12 },
    { name: 'rounds', type: 'integer', labelKey: 'template.param.rounds', default: 3, min: 1, max: 5 },
  ],
};

describe('template choice', () => {
  it('starts from the template defaults', () => {
    expect(defaultChoice(cafe)).toEqual({ template: 'world-cafe', params: { tables: 4, rounds: 3 } });
  });

  it('sends whole numbers within range, defaults for fields left empty', () => {
    expect(paramsToSend(cafe, { tables: 40, rounds: Number.NaN })).toEqual({ tables: 12, rounds: 3 });
    expect(paramsToSend(cafe, { tables: 0.4, rounds: 2.6 })).toEqual({ tables: 2, rounds: 3 });
  });

  it('knows only keys the locale files have', () => {
    expect(knownKey('template.world-cafe.name')).toBe('template.world-cafe.name');
    expect(knownKey('template.mind-map.name')).toBeNull();
    expect(knownKey('toString')).toBeNull();
  });
});
