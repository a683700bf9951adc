import type { Translate } from '@talkoot/templates';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { cleanText, textDirection } from './clean-text.ts';
import type { Report, ReportNote } from './report.ts';
import {
  actionPlanCells,
  actionPlanHeadings,
  formatDate,
  formatNumber,
  noteText,
  noteTranslationSuffix,
  noteVotes,
  participationRows,
  reportNotesById,
} from './report-text.ts';

/** An image for the appendix: a PNG of a board or frame, with its size in pixels. */
export interface DocxImage {
  title: string;
  png: Uint8Array;
  width: number;
  height: number;
}

type Heading = (typeof HeadingLevel)[keyof typeof HeadingLevel];

/** Largest image on a portrait A4 page with default margins, in pixels at 96 dpi. */
const MAX_IMAGE = { width: 600, height: 820 };

/** Office language tags of our languages, for spell checking and complex-script shaping. */
const OFFICE_LANGUAGE: Record<string, string> = {
  en: 'en-GB',
  fi: 'fi-FI',
  sv: 'sv-SE',
  ar: 'ar-SA',
  fa: 'fa-IR',
  uk: 'uk-UA',
  ru: 'ru-RU',
  so: 'so-SO',
};

/**
 * The strategy document as DOCX (Office Open XML, via the `docx` package): title, date,
 * method, participation figures, needs by place, priorities with votes, the action plan
 * (on a landscape page), open questions and disagreements, and an appendix with `images`.
 * Characters XML cannot carry are removed; a paragraph or cell whose text is Arabic or
 * Persian is written right to left (`w:bidi`, `w:rtl`), whatever the document's language.
 */
export async function renderDocx(report: Report, t: Translate, options: { images?: readonly DocxImage[] } = {}) {
  const lang = report.language;
  const notes = reportNotesById(report);
  const base = report.direction;

  const runs = (text: string, rtl: boolean, bold = false): ParagraphChild[] =>
    cleanText(text)
      .split('\n')
      .map((line, i) => new TextRun({ text: line, bold, rightToLeft: rtl, ...(i > 0 ? { break: 1 } : {}) }));
  const para = (text: string, options: { heading?: Heading; bold?: boolean; bullet?: boolean } = {}) => {
    const rtl = textDirection(text, base) === 'rtl';
    return new Paragraph({
      children: runs(text, rtl, options.bold),
      bidirectional: rtl,
      ...(options.heading ? { heading: options.heading } : {}),
      ...(options.bullet ? { bullet: { level: 0 } } : {}),
    });
  };
  const noteParagraph = (note: ReportNote) => {
    const rtl = textDirection(note.text, base) === 'rtl';
    const children = runs(note.text, rtl);
    const translated = noteTranslationSuffix(note, t, lang);
    if (translated !== '') {
      // The translation is a run of its own direction, like the votes below.
      const translationRtl = textDirection(translated, base) === 'rtl';
      children.push(...runs(translated, translationRtl));
    }
    const votes = noteVotes(note, t, lang);
    if (votes !== '') {
      // The votes are a run of their own direction, so "(votes: 3)" keeps its order after Arabic text.
      children.push(
        new TextRun({ text: ` (${votes})`, italics: true, rightToLeft: textDirection(votes, base) === 'rtl' }),
      );
    }
    return new Paragraph({ children, bidirectional: rtl, bullet: { level: 0 } });
  };

  const cell = (text: string, header = false) =>
    new TableCell({
      children: (text === '' ? [''] : cleanText(text).split('\n')).map((line) => para(line, { bold: header })),
    });
  const table = (headings: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      visuallyRightToLeft: base === 'rtl',
      rows: [
        new TableRow({ tableHeader: true, children: headings.map((h) => cell(h, true)) }),
        ...rows.map((cells) => new TableRow({ children: cells.map((c) => cell(c)) })),
      ],
    });

  const main: (Paragraph | Table)[] = [
    para(report.board.title, { heading: HeadingLevel.TITLE }),
    para(t('export.subtitle'), { bold: true }),
    para(t('export.workshop-date', { date: formatDate(report.board.createdAt, lang) })),
    para(t('export.generated', { date: formatDate(report.generatedAt, lang) })),
    para(t('export.heading.method'), { heading: HeadingLevel.HEADING_1 }),
    ...report.method.templates.map((template) => para(template.name, { bullet: true })),
  ];
  if (report.method.agenda.length > 0) {
    main.push(para(t('export.method.agenda'), { heading: HeadingLevel.HEADING_2 }));
    report.method.agenda.forEach((step, i) => {
      const text =
        step.durationMinutes === null
          ? step.title
          : t('export.method.step', { title: step.title, minutes: formatNumber(step.durationMinutes, lang) });
      main.push(para(`${formatNumber(i + 1, lang)}. ${text}`));
    });
  }

  main.push(
    para(t('export.heading.participation'), { heading: HeadingLevel.HEADING_1 }),
    table([t('export.participation.what'), t('export.participation.count')], participationRows(report, t)),
  );
  if (report.people) {
    main.push(para(t('export.participation.people'), { heading: HeadingLevel.HEADING_2 }));
    for (const person of report.people) {
      main.push(para(`${person.displayName} (${t(`export.role.${person.role}`)})`, { bullet: true }));
    }
  } else {
    main.push(para(t('export.participation.no-names')));
  }

  main.push(para(t('export.heading.needs'), { heading: HeadingLevel.HEADING_1 }));
  if (report.sections.length === 0) main.push(para(t('export.needs.empty')));
  for (const section of report.sections) {
    main.push(para(section.title, { heading: HeadingLevel.HEADING_2 }));
    for (const group of section.groups) {
      if (group.label !== section.title) main.push(para(group.label, { heading: HeadingLevel.HEADING_3 }));
      for (const note of group.notes) main.push(noteParagraph(note));
    }
  }

  main.push(para(t('export.heading.priorities'), { heading: HeadingLevel.HEADING_1 }));
  if (report.participation.voting !== 'revealed') main.push(para(t('export.priorities.not-revealed')));
  else if (report.priorities.length === 0) main.push(para(t('export.priorities.none')));
  else {
    main.push(
      table(
        [
          t('export.priorities.rank'),
          t('export.priorities.votes'),
          t('export.priorities.note'),
          t('export.priorities.place'),
        ],
        report.priorities.map((p) => [
          formatNumber(p.rank, lang),
          formatNumber(p.votes, lang),
          noteText(p.note, t, lang),
          p.note.place,
        ]),
      ),
    );
  }

  const plan: (Paragraph | Table)[] = [para(t('export.heading.action-plan'), { heading: HeadingLevel.HEADING_1 })];
  if (report.actionPlan.length === 0) plan.push(para(t('export.action-plan.empty')));
  else
    plan.push(
      table(
        actionPlanHeadings(t),
        report.actionPlan.map((m, i) => actionPlanCells(m, i, t, lang, notes)),
      ),
    );

  const rest: (Paragraph | Table)[] = [para(t('export.heading.dialogue'), { heading: HeadingLevel.HEADING_1 })];
  const { disagreements, openQuestions } = report.dialogue;
  if (disagreements.length === 0 && openQuestions.length === 0) rest.push(para(t('export.dialogue.empty')));
  if (disagreements.length > 0) {
    rest.push(para(t('export.dialogue.disagreements'), { heading: HeadingLevel.HEADING_2 }));
    for (const note of disagreements) rest.push(noteParagraph(note));
  }
  if (openQuestions.length > 0) {
    rest.push(para(t('export.dialogue.open-questions'), { heading: HeadingLevel.HEADING_2 }));
    for (const note of openQuestions) rest.push(noteParagraph(note));
  }

  const images = options.images ?? [];
  rest.push(para(t('export.heading.appendix'), { heading: HeadingLevel.HEADING_1 }));
  if (images.length === 0) rest.push(para(t('export.appendix.none')));
  for (const image of images) {
    const fit = Math.min(1, MAX_IMAGE.width / image.width, MAX_IMAGE.height / image.height);
    rest.push(
      para(image.title, { heading: HeadingLevel.HEADING_2 }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ImageRun({
            type: 'png',
            data: image.png,
            transformation: {
              width: Math.max(1, Math.round(image.width * fit)),
              height: Math.max(1, Math.round(image.height * fit)),
            },
            altText: {
              name: cleanText(image.title),
              title: cleanText(image.title),
              description: cleanText(image.title),
            },
          }),
        ],
      }),
    );
  }
  rest.push(para(t('export.footer')));

  const language = OFFICE_LANGUAGE[lang] ?? 'en-GB';
  const document = new Document({
    creator: 'Talkoot',
    title: cleanText(report.board.title),
    description: cleanText(t('export.subtitle')),
    styles: {
      default: {
        document: {
          run: { language: { value: language, ...(base === 'rtl' ? { bidirectional: language } : {}) } },
        },
      },
    },
    sections: [
      { children: main },
      { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: plan },
      { children: rest },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
