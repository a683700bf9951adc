import { RESOURCES, SUPPORTED_LANGUAGES } from '@talkoot/locales';
import { describe, expect, it } from 'vitest';
import { instantiateTemplate } from './instantiate-template.ts';
import { localizeTemplateText, type TemplateTextReader } from './localize-template-text.ts';
import { agendaStepTextSource, recoverShapeTextSource, shapeTextSource } from './template-text-source.ts';
import { translator } from './testing.ts';

// Template texts are one paragraph of plain text.
const fromRichText = (richText: unknown) =>
  ((richText as { content?: { content?: { text: string }[] }[] } | undefined)?.content ?? [])
    .map((p) => (p.content ?? []).map((c) => c.text).join(''))
    .join('\n');
const canonical = SUPPORTED_LANGUAGES.map((language) => translator(language.code));
const reader = (language: string, showHints = false): TemplateTextReader => ({
  t: translator(language),
  canonical,
  showHints,
});
const ar = (key: string) => RESOURCES.ar![key]!;
const so = (key: string) => RESOURCES.so![key]!;

describe('localizeTemplateText', () => {
  const question = { key: 'template.world-cafe.question-1', hint: 'template.world-cafe.question-hint' };

  it('shows a text still as the template wrote it in the reader’s language', () => {
    const stored = RESOURCES.en!['template.world-cafe.question-1']!;
    expect(localizeTemplateText(stored, question, reader('ar'))).toBe(ar('template.world-cafe.question-1'));
    expect(localizeTemplateText(stored, question, reader('so'))).toBe(so('template.world-cafe.question-1'));
  });

  it('recognises the template’s text in any board language', () => {
    const stored = RESOURCES.fi!['template.world-cafe.question-1']!;
    expect(localizeTemplateText(stored, question, reader('ar'))).toBe(ar('template.world-cafe.question-1'));
  });

  it('shows a rewritten text as written, to everyone', () => {
    const stored = 'What do you need from the library?';
    expect(localizeTemplateText(stored, question, reader('ar'))).toBe(stored);
    expect(localizeTemplateText(stored, question, reader('so', true))).toBe(stored);
  });

  it('interpolates values into the reader’s text', () => {
    const source = { key: 'template.world-cafe.table', values: { number: 3 } };
    expect(localizeTemplateText('Table 3', source, reader('ar'))).toBe(
      ar('template.world-cafe.table').replace('{{number}}', '3'),
    );
    // The same key with another number is not this text: someone renumbered the table.
    expect(localizeTemplateText('Table 4', source, reader('ar'))).toBe('Table 4');
  });

  it('adds the hint for facilitators only', () => {
    const stored = RESOURCES.en!['template.world-cafe.question-2']!;
    const source = { ...question, key: 'template.world-cafe.question-2' };
    expect(localizeTemplateText(stored, source, reader('so', true))).toBe(
      `${so('template.world-cafe.question-2')} ${so('template.world-cafe.question-hint')}`,
    );
    expect(localizeTemplateText(stored, source, reader('so', false))).toBe(so('template.world-cafe.question-2'));
  });

  it('recognises a question stored with its hint, as boards made before the hint was split off have it', () => {
    const stored = `${RESOURCES.sv!['template.world-cafe.question-3']} ${RESOURCES.sv!['template.world-cafe.question-hint']}`;
    const source = { ...question, key: 'template.world-cafe.question-3' };
    expect(localizeTemplateText(stored, source, reader('ar'))).toBe(ar('template.world-cafe.question-3'));
  });

  it('leaves a text without a source, or with a key no locale has, as stored', () => {
    expect(localizeTemplateText('Table 1', null, reader('ar'))).toBe('Table 1');
    expect(localizeTemplateText('template.nope', { key: 'template.nope' }, reader('ar'))).toBe('template.nope');
  });
});

describe('template text sources on a board', () => {
  const board = instantiateTemplate('world-cafe', { tables: 5, rounds: 2 }, { language: 'en', t: translator('en') });
  const shapes = board.records.filter((r) => r.typeName === 'shape');

  it('stores a source for every text a template laid out, which renders its stored text', () => {
    let texts = 0;
    for (const shape of shapes) {
      const props = shape.props as { richText?: unknown; name?: string };
      const stored = props.name ?? fromRichText(props.richText);
      if (stored === '') continue;
      texts++;
      const source = shapeTextSource(shape);
      expect(source, shape.id).not.toBeNull();
      expect(translator('en')(source!.key, source!.values)).toBe(stored);
    }
    expect(texts).toBeGreaterThan(20);
  });

  it('recovers the same source from the id on a board made before sources were stored', () => {
    for (const shape of shapes) {
      const source = shapeTextSource(shape);
      if (!source) continue;
      const talkoot = { ...(shape.meta.talkoot as Record<string, unknown>) };
      delete talkoot.text;
      expect(shapeTextSource({ id: shape.id, meta: { talkoot } }), shape.id).toEqual(source);
    }
  });

  it('refuses forged sources that would show text of the writer’s choosing', () => {
    const forged = (text: unknown) => shapeTextSource({ id: 'shape:x', meta: { talkoot: { part: 'note', text } } });
    expect(forged({ key: 'app.name' })).toBeNull();
    expect(forged({ key: 'template.world-cafe.table', values: { number: 'Vote for me' } })).toBeNull();
    expect(forged({ key: 'template.world-cafe.table', hint: 'board.invite.copy-link' })).toBeNull();
    expect(forged({ key: 'template.world-cafe.table', values: { number: 2 } })).toEqual({
      key: 'template.world-cafe.table',
      values: { number: 2 },
    });
  });
});

describe('recovering sources on older boards', () => {
  it('finds every part’s text from its id whatever the parameters were (a slug’s text never depends on them)', () => {
    for (const id of ['world-cafe', 'journey-map', 'prioritisation', 'stakeholder-map', 'dialogue-record']) {
      for (const tables of [2, 5, 12]) {
        const params = id === 'world-cafe' ? { tables, rounds: (tables % 5) + 1 } : {};
        const board = instantiateTemplate(id, params, { language: 'en', t: translator('en') });
        for (const shape of board.records) {
          if (shape.typeName !== 'shape') continue;
          const stored = (shape.meta.talkoot as { text?: unknown }).text;
          expect(recoverShapeTextSource(shape.id) ?? undefined, shape.id).toEqual(stored);
        }
      }
    }
  });

  it('finds an agenda step’s title and instructions from its id, also in an inserted method', () => {
    const board = instantiateTemplate('world-cafe', { rounds: 2 }, { language: 'en', t: translator('en') });
    for (const step of board.agenda) {
      const source = agendaStepTextSource(step.id)!;
      expect(translator('en')(source.title.key, source.title.values)).toBe(step.title);
      expect(translator('en')(source.instructions.key, source.instructions.values)).toBe(step.instructions);
    }
    expect(agendaStepTextSource('world-cafe@2.round-2')?.title).toEqual({
      key: 'template.world-cafe.agenda.round.title',
      values: { number: 2 },
    });
    expect(agendaStepTextSource('step-1')).toBeNull();
  });
});
