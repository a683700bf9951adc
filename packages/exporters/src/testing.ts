// Helpers for this package's tests (and the export benchmark). Not exported from the package.
import { addMeasure, readActionPlan, seedActionPlan } from '@talkoot/action-plan';
import { RESOURCES } from '@talkoot/locales';
import type { Language, SessionState } from '@talkoot/protocol';
import {
  hiddenWithCopies,
  instantiateTemplate,
  partShapeId,
  TEMPLATE_SCHEMA,
  toRichText,
  type TemplateInstance,
  type Translate,
} from '@talkoot/templates';
import * as Y from 'yjs';
import { readBoardNotes, rankNotes } from './board-notes.ts';
import type { ReportInput } from './extract-report.ts';

/** A `t` over the locale files with English fallback; missing keys come back as the key, as in i18next. */
export function translator(language: string): Translate {
  return (key, values) => {
    const text = RESOURCES[language]?.[key] ?? RESOURCES.en?.[key];
    if (text === undefined) return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values?.[name] ?? ''));
  };
}

/** A participant's note as the tldraw client writes it. */
export function noteRecord(id: string, parentId: string, x: number, y: number, text: string, meta: object = {}) {
  return TEMPLATE_SCHEMA.types.shape.create({
    id: `shape:${id}`,
    type: 'note',
    x,
    y,
    parentId,
    index: 'a1',
    props: { richText: toRichText(text), growY: 0, scale: 1, color: 'yellow' },
    meta,
  } as never);
}

/** A part of a template instance, to place notes relative to. */
function part(instance: TemplateInstance, slug: string, copy?: string) {
  const id = partShapeId(instance.templateId, slug, copy);
  const shape = instance.records.find((r) => r.id === id) as { id: string; x: number; y: number } | undefined;
  if (!shape) throw new Error(`no part ${id}`);
  return shape;
}

/** Fixed clock of the golden files. */
export const GOLDEN_NOW = new Date('2027-03-01T12:00:00Z');
export const GOLDEN_BOARD_ID = 'board-golden-1';

/** The hidden note's text: it must appear in no export. */
export const REDACTED_TEXT = 'SECRET phone 040 123 4567';
/** The text of a note hidden on another board, copied here as a need: it must appear in no export either. */
export const FAR_REDACTED_TEXT = 'FAR SECRET address Kivikatu 5';
export const OTHER_BOARD_ID = 'board-other-1';
/** What the other board hides (as the server would find it). */
export const HIDDEN_ELSEWHERE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [OTHER_BOARD_ID, new Set(['shape:far'])],
]);

/**
 * A workshop board as the golden files show it: a journey map, a prioritisation and a
 * dialogue record side by side, notes in lanes and quadrants (Arabic and Persian among
 * them, and injection attempts for every format), revealed votes, one hidden note and an
 * action plan seeded from the ranking plus one measure typed by hand.
 */
export function goldenBoard(language: Language = 'en'): { input: ReportInput; doc: Y.Doc } {
  const t = translator('en');
  const journey = instantiateTemplate('journey-map', { journeys: 1 }, { language: 'en', t });
  const prio = instantiateTemplate(
    'prioritisation',
    {},
    { language: 'en', t, placement: { instance: '2', x: 4000, y: 0 } },
  );
  const dialogue = instantiateTemplate(
    'dialogue-record',
    {},
    { language: 'en', t, placement: { instance: '3', x: 8000, y: 0 } },
  );
  const frame = part(journey, 'journey-1');
  const cell = (stage: string, lane: string) => part(journey, `journey-1.cell.${stage}.${lane}`);
  const inCell = (id: string, stage: string, lane: string, text: string, dx = 10) => {
    const c = cell(stage, lane);
    return noteRecord(id, frame.id, c.x + dx, c.y + 10, text);
  };
  const prioFrame = (slug: string) => part(prio, slug, '2');
  const matrix = prioFrame('matrix');
  const inQuadrant = (id: string, quadrant: string, text: string) => {
    const q = prioFrame(`matrix.${quadrant}`);
    return noteRecord(id, matrix.id, q.x + 20, q.y + 20, text);
  };
  const section = (slug: string) => part(dialogue, slug, '3');
  const inSection = (id: string, slug: string, text: string) => noteRecord(id, section(slug).id, 100, 200, text);
  const myFrame = TEMPLATE_SCHEMA.types.shape.create({
    id: 'shape:my-frame',
    type: 'frame',
    x: -3000,
    y: 0,
    parentId: 'page:page',
    index: 'a9',
    props: { w: 800, h: 600, name: 'Ideas from the *break*' },
  } as never);

  const notes = [
    inCell('permit', 'arrival', 'barriers', 'Waiting months for a residence permit'),
    inCell('letters', 'arrival', 'barriers', 'لا أفهم الرسائل من مكتب الهجرة', 60),
    inCell('formula', 'arrival', 'barriers', '=HYPERLINK("http://evil.example","click")', 110),
    inCell('html', 'first-weeks', 'what-helped', '<img src=x onerror=alert(1)> Neighbours helped'),
    inCell(
      'markdown',
      'first-weeks',
      'what-helped',
      'Library *language café* | every [Tuesday](javascript:alert(1))\n# not a heading',
      60,
    ),
    inCell('cdata', 'first-year', 'feelings', 'Lonely in winter ]]> \u0007bell &amp; more'),
    inCell('secret', 'first-year', 'feelings', REDACTED_TEXT, 60),
    noteRecord(
      'persona',
      frame.id,
      part(journey, 'journey-1.persona').x + 10,
      60,
      'Persona: 34, from Syria, two children',
    ),
    // Written in Finnish, with a machine translation; the Persian one below a participant translated.
    { ...inQuadrant('courses', 'quick-wins', 'Kielikurssit iltaisin'), meta: { talkoot: { language: 'fi' } } },
    inQuadrant('plus', 'quick-wins', '+SUM(A1:A9)'),
    inQuadrant('housing', 'big-projects', 'Affordable housing for large families'),
    noteRecord('farsi', prioFrame('ideas').id, 300, 400, 'کلاس زبان برای مادران (@mention)', {
      talkoot: {
        language: 'fa',
        source: { boardId: 'board-before', shapeId: 'shape:orig', boardTitle: 'Journey map (Tuesday)' },
      },
    }),
    inSection('mandatory', 'disagreements', 'Should language courses be mandatory?'),
    inSection('childcare', 'open-questions', '-1 Who pays for childcare?'),
    inSection('heard', 'heard', 'Tab\tseparated words'),
    noteRecord('loose', 'page:page', -9000, -9000, 'A loose idea far away'),
    noteRecord('in-my-frame', 'shape:my-frame', 50, 50, 'Meet at the library'),
    noteRecord('empty', 'page:page', -9000, -8000, '   '),
    // Copies of hidden notes: a harvest copy of the one hidden here, a need sent from a board that hid it.
    noteRecord('secret-copy', 'shape:my-frame', 300, 50, REDACTED_TEXT, {
      talkoot: { part: 'harvested', source: { shapeId: 'shape:secret' } },
    }),
    noteRecord('far-copy', prioFrame('ideas').id, 600, 400, FAR_REDACTED_TEXT, {
      talkoot: { part: 'need', source: { boardId: OTHER_BOARD_ID, boardTitle: 'Café (Monday)', shapeId: 'shape:far' } },
    }),
  ];

  const doc = new Y.Doc();
  const records = doc.getMap<unknown>('tl_records');
  for (const record of [...journey.records, ...prio.records, ...dialogue.records, myFrame, ...notes]) {
    records.set(record.id, record);
  }

  const results = {
    'shape:housing': 7,
    'shape:courses': 5,
    'shape:letters': 5,
    'shape:plus': 2,
    'shape:secret': 3,
    'shape:secret-copy': 2,
    'shape:far-copy': 6,
    'shape:deleted-meanwhile': 4,
  };
  const redactedShapeIds = ['shape:secret'];
  const { notes: boardNotes } = readBoardNotes(records.values());
  const hidden = hiddenWithCopies(records.values(), {
    boardId: GOLDEN_BOARD_ID,
    redactedShapeIds,
    hiddenElsewhere: HIDDEN_ELSEWHERE,
  });
  // Two of the three ideas tied in the top two (the golden plan has two seeded measures).
  seedActionPlan(doc, rankNotes(GOLDEN_BOARD_ID, boardNotes, results, hidden).slice(0, 2), 2);
  addMeasure(
    doc,
    {
      title: "=cmd|' /C calc'!A0",
      need: 'Parents cannot attend courses',
      responsible: 'City of Espoo, adult education',
      partners: 'Red Cross; <b>NGO</b>',
      resources: '€20,000 per year',
      start: '2027-Q1',
      end: '2027-12-31',
      indicators: 'Number of participants\nSatisfaction survey',
      status: 'agreed',
      evidence: [
        { boardId: GOLDEN_BOARD_ID, shapeId: 'shape:secret', text: REDACTED_TEXT, votes: 3 },
        { boardId: GOLDEN_BOARD_ID, shapeId: 'shape:secret-copy', text: REDACTED_TEXT, votes: 2 },
        { boardId: OTHER_BOARD_ID, shapeId: 'shape:far', text: FAR_REDACTED_TEXT },
        { boardId: GOLDEN_BOARD_ID, shapeId: 'shape:childcare', text: '-1 Who pays for childcare?' },
      ],
    },
    'm:typed-by-hand',
  );

  const session: Pick<SessionState, 'voting' | 'agenda' | 'redactedShapeIds' | 'document'> = {
    voting: { status: 'revealed', budget: 5, results },
    agenda: journey.agenda,
    redactedShapeIds,
    document: {
      title: '',
      organiser: 'City of Espoo, integration services',
      date: '2027-02-16',
      place: 'Sello library, Espoo',
      status: 'draft',
      version: '0.3',
      summary:
        'Newcomers named waiting and letters they cannot read as the first barriers.\n\nThe group asked for evening language courses.',
      representativeness: '',
      conclusions: 'The integration services will present the plan to the council in April.',
    },
  };
  return {
    doc,
    input: {
      board: {
        id: GOLDEN_BOARD_ID,
        title: 'Welcome to Espoo: newcomers # 1 <b>',
        template: 'journey-map',
        language: 'en',
        createdAt: '2027-02-14T09:30:00.000Z',
      },
      records: [...records.values()],
      actionPlan: readActionPlan(doc),
      session,
      members: [
        { displayName: 'Anna (facilitator)', role: 'facilitator' },
        { displayName: 'Amina', role: 'participant' },
        { displayName: '=Olga', role: 'participant' },
        { displayName: 'Watcher', role: 'observer' },
      ],
      language,
      t: translator(language),
      includeNames: false,
      now: GOLDEN_NOW,
      hiddenElsewhere: HIDDEN_ELSEWHERE,
      translations: {
        'shape:courses': { en: { text: 'Language courses in the evenings', by: 'machine' } },
        'shape:farsi': { en: { text: 'Language classes for mothers (@mention)', by: 'participant' } },
      },
    },
  };
}
