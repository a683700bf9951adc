import { RESOURCES, SOURCE_LANGUAGE } from '@talkoot/locales';
import { instantiateTemplate, type Translate } from '@talkoot/templates';
import i18next from 'i18next';
import type { TLShape } from 'tldraw';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOutline } from '../outline/outline-model.ts';
import { localizeAgendaStep, localizeShapeText, templateTextReader } from './template-text-reader.ts';

const en: Translate = (key, values) => RESOURCES.en![key]!.replace('{{number}}', String(values?.number ?? ''));
const ar = (key: string, number?: number) => RESOURCES.ar![key]!.replace('{{number}}', String(number ?? ''));

beforeAll(async () => {
  // As the app starts i18next (i18n.ts), without reading the page's language.
  await i18next.init({
    resources: Object.fromEntries(Object.entries(RESOURCES).map(([code, strings]) => [code, { translation: strings }])),
    lng: 'en',
    fallbackLng: SOURCE_LANGUAGE,
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
  });
});

describe('template texts in the web app', () => {
  const board = instantiateTemplate('world-cafe', { tables: 2, rounds: 2 }, { language: 'en', t: en });
  const shapes = board.records.filter((r): r is TLShape => r.typeName === 'shape');

  it('gives the outline a template board in the reader’s language, keeping the stored text for editing', () => {
    const reader = templateTextReader('ar', false);
    const outline = buildOutline(shapes, { localize: (shape, stored) => localizeShapeText(shape, stored, reader) });
    expect(outline.frames.map((frame) => frame.name)).toContain(ar('template.world-cafe.table', 2));
    const question = outline.frames
      .flatMap((frame) => frame.notes)
      .find((note) => note.id === 'shape:world-cafe.table-1.question')!;
    expect(question.shown).toBe(ar('template.world-cafe.question-1'));
    expect(question.text).toBe(RESOURCES.en!['template.world-cafe.question-1']);
  });

  it('shows facilitators the hint after a question, in their language', () => {
    const shape = shapes.find((s) => s.id === 'shape:world-cafe.table-2.question')!;
    const stored = RESOURCES.en!['template.world-cafe.question-2']!;
    expect(localizeShapeText(shape, stored, templateTextReader('ar', true))).toBe(
      `${ar('template.world-cafe.question-2')} ${ar('template.world-cafe.question-hint')}`,
    );
  });

  it('localizes the template’s agenda steps, and leaves a rewritten one as written', () => {
    const reader = templateTextReader('ar', false);
    const round = board.agenda.find((step) => step.id === 'world-cafe.round-2')!;
    expect(localizeAgendaStep(round, reader)).toMatchObject({
      title: ar('template.world-cafe.agenda.round.title', 2),
      instructions: ar('template.world-cafe.agenda.round.instructions'),
    });
    const rewritten = { ...round, title: 'Kierros 2: kirjasto' };
    expect(localizeAgendaStep(rewritten, reader)).toMatchObject({
      title: 'Kierros 2: kirjasto',
      instructions: ar('template.world-cafe.agenda.round.instructions'),
    });
  });
});
