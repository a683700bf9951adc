// Boards for this package's tests and benchmark. Not exported from the package.
import { RESOURCES } from '@talkoot/locales';
import { instantiateTemplate, partShapeId } from '@talkoot/templates';
import { b64Vecs } from '@tldraw/tlschema';

/** A `t` over the locale files with English fallback, like the server's i18next instance. */
export const translator =
  (language: string) =>
  (key: string, values?: Readonly<Record<string, string | number>>): string =>
    (RESOURCES[language]?.[key] ?? RESOURCES.en?.[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) =>
      String(values?.[name] ?? ''),
    );

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** A participant's note as the web client writes it. */
export function noteRecord(
  id: string,
  parentId: string,
  x: number,
  y: number,
  text: string,
  options: { color?: string; index?: string } = {},
): Record<string, unknown> {
  return {
    typeName: 'shape',
    id,
    type: 'note',
    x,
    y,
    rotation: 0,
    index: options.index ?? 'a1',
    parentId,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      color: options.color ?? 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: { type: 'doc', content: text.split('\n').map(paragraph) },
      scale: 1,
      textLastEditedBy: null,
    },
  };
}

/** Ids of the parts of {@link journeyBoard} tests look at. */
export const JOURNEY = {
  frame: partShapeId('journey-map', 'journey-1'),
  barriers: partShapeId('journey-map', 'journey-1.cell.arrival.barriers'),
  arabicNote: 'shape:note-ar',
  scriptNote: 'shape:note-script',
  outsideNote: 'shape:note-outside',
  secretNote: 'shape:note-secret',
} as const;

/**
 * The journey-map template in English with participants' notes (an Arabic one, one with
 * markup-like text, a redaction candidate, one outside the frame), an arrow between two
 * notes, a pen stroke and a second page that must not be drawn.
 */
export function journeyBoard(): unknown[] {
  const { records } = instantiateTemplate('journey-map', {}, { language: 'en', t: translator('en') });
  const frame = JOURNEY.frame;
  const cell = records.find((r) => r.id === JOURNEY.barriers) as unknown as { x: number; y: number };
  const x = cell.x + 20;
  const y = cell.y + 20;
  return [
    ...records,
    noteRecord('shape:note-en', frame, x - 340, y, 'Nobody explained how the residence permit works', {
      index: 'z1',
    }),
    noteRecord(JOURNEY.arabicNote, frame, x, y, 'لم أجد دروس اللغة في المساء\nعمري 34 سنة', { index: 'z2' }),
    noteRecord(JOURNEY.scriptNote, frame, x + 340, y, '<script>alert("x")</script> & ]]> \u0001 done', {
      color: 'light-red',
      index: 'z3',
    }),
    noteRecord(JOURNEY.secretNote, frame, x + 680, y, 'My caseworker is called Maria', { index: 'z4' }),
    noteRecord(JOURNEY.outsideNote, 'page:page', -400, -400, 'Outside every frame', { color: 'green', index: 'a0' }),
    {
      typeName: 'shape',
      id: 'shape:arrow-1',
      type: 'arrow',
      parentId: frame,
      index: 'z5',
      x: 0,
      y: 0,
      rotation: 0,
      opacity: 1,
      props: {
        kind: 'arc',
        color: 'blue',
        labelColor: 'black',
        fill: 'none',
        dash: 'draw',
        size: 'm',
        arrowheadStart: 'none',
        arrowheadEnd: 'arrow',
        font: 'draw',
        start: { x: x - 140, y: y + 100 },
        end: { x: x + 100, y: y + 100 },
        bend: 40,
        richText: { type: 'doc', content: [paragraph('then')] },
        labelPosition: 0.5,
        scale: 1,
        elbowMidPoint: 0.5,
      },
    },
    {
      typeName: 'binding',
      id: 'binding:arrow-1-end',
      type: 'arrow',
      fromId: 'shape:arrow-1',
      toId: JOURNEY.arabicNote,
      props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
    },
    {
      typeName: 'shape',
      id: 'shape:pen-1',
      type: 'draw',
      parentId: frame,
      index: 'z6',
      x: x + 40,
      y: y + 260,
      rotation: 0.2,
      opacity: 0.8,
      props: {
        color: 'red',
        fill: 'none',
        dash: 'draw',
        size: 'm',
        segments: [
          {
            type: 'free',
            path: b64Vecs.encodePoints([0, 1, 2, 3, 4, 5, 6].map((i) => ({ x: i * 30, y: (i % 2) * 25, z: 0.5 }))),
          },
        ],
        isComplete: true,
        isClosed: false,
        isPen: false,
        scale: 1,
        scaleX: 1,
        scaleY: 1,
      },
    },
    { typeName: 'page', id: 'page:second', name: 'Page 2', index: 'a2', meta: {} },
    noteRecord('shape:on-page-2', 'page:second', 0, 0, 'On the second page'),
  ];
}
