import type { Translate } from '@talkoot/templates';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { DOCX_FONT, docxFonts } from './docx-fonts.ts';
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

/** What a section's body holds. */
type Block = Paragraph | Table | TableOfContents;

type Heading = (typeof HeadingLevel)[keyof typeof HeadingLevel];

/** Largest image on a portrait A4 page with default margins, in pixels at 96 dpi. */
const MAX_IMAGE = { width: 600, height: 820 };

/** Body text in half-points: 11 pt. */
const BODY_SIZE = 22;
/** How many priorities and disagreements the executive summary lists. */
const TOP_PRIORITIES = 5;
/** Widths of the action plan's columns in twips (No., measure, need, responsible, partners, resources, when, indicators, status, evidence). */
const PLAN_COLUMNS = [560, 1800, 1700, 1400, 1300, 1300, 1200, 1600, 1250, 1790];
/** Most notes a document has for its page numbers to be laid out when it is written (about a second on 2 cores). */
const LAID_OUT_NOTES = 300;
/** The numbering of numbered lists. */
const NUMBERED = 'talkoot-numbered';
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;

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
 * The strategy document as DOCX (Office Open XML, via the `docx` package), as a city official
 * sends it on: a cover (title, organiser, date and place of the workshop, status and version),
 * contents, an executive summary, the methodology, needs by place, priorities, the action plan
 * (on a landscape page), open questions and disagreements, conclusions and next steps and an
 * appendix with `images`; a running header and "page n of m" on every page but the cover. Set in
 * Noto Sans and Noto Naskh Arabic (embedded) at 11 pt; headings stay with what follows them. A
 * part with nothing to say is left out (no empty plan page, no dialogue section without a
 * dialogue record). Characters XML cannot carry are removed; a paragraph or cell whose text is
 * Arabic or Persian is written right to left (`w:bidi`, `w:rtl`), whatever the document's language.
 */
export async function renderDocx(report: Report, t: Translate, options: { images?: readonly DocxImage[] } = {}) {
  const lang = report.language;
  const notes = reportNotesById(report);
  const base = report.direction;
  const doc = report.document;
  const n = (value: number) => formatNumber(value, lang);

  const runs = (text: string, rtl: boolean, style: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
    cleanText(text)
      .split('\n')
      .map(
        (line, i) =>
          new TextRun({
            text: line,
            rightToLeft: rtl,
            ...(style.bold ? { bold: true, boldComplexScript: true } : {}),
            ...(style.italics ? { italics: true } : {}),
            ...(style.size ? { size: style.size, sizeComplexScript: style.size } : {}),
            ...(i > 0 ? { break: 1 } : {}),
          }),
      );
  // Each numbered list starts at 1: a list of its own is a numbering instance of its own.
  let list = 0;
  const para = (
    text: string,
    options: { heading?: Heading; bold?: boolean; bullet?: boolean; numbered?: boolean; size?: number } = {},
  ) => {
    const rtl = textDirection(text, base) === 'rtl';
    return new Paragraph({
      children: runs(text, rtl, { bold: options.bold, size: options.size }),
      bidirectional: rtl,
      ...(options.heading ? { heading: options.heading } : {}),
      ...(options.bullet ? { bullet: { level: 0 } } : {}),
      ...(options.numbered ? { numbering: { reference: NUMBERED, level: 0, instance: list } } : {}),
    });
  };
  /** Paragraphs of a facilitator's text: one per paragraph they wrote. */
  const prose = (text: string) =>
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => para(p));
  const noteParagraph = (note: ReportNote, kind: 'bullet' | 'numbered' = 'bullet') => {
    const rtl = textDirection(note.text, base) === 'rtl';
    const children = runs(note.text, rtl);
    const translated = noteTranslationSuffix(note, t, lang);
    if (translated !== '') {
      // The translation is a run of its own direction, like the votes below.
      children.push(...runs(translated, textDirection(translated, base) === 'rtl'));
    }
    const votes = noteVotes(note, t, lang);
    if (votes !== '') {
      // The votes are a run of their own direction, so "(votes: 3)" keeps its order after Arabic text.
      children.push(
        new TextRun({ text: ` (${votes})`, italics: true, rightToLeft: textDirection(votes, base) === 'rtl' }),
      );
    }
    return new Paragraph({
      children,
      bidirectional: rtl,
      ...(kind === 'bullet'
        ? { bullet: { level: 0 } }
        : { numbering: { reference: NUMBERED, level: 0, instance: list } }),
    });
  };

  const cell = (text: string, header = false, size?: number) =>
    new TableCell({
      children: (text === '' ? [''] : cleanText(text).split('\n')).map((line) => {
        const rtl = textDirection(line, base) === 'rtl';
        // Cells are set tighter than body text.
        return new Paragraph({
          children: runs(line, rtl, { bold: header, ...(size ? { size } : {}) }),
          bidirectional: rtl,
          spacing: { after: 40, line: 240, lineRule: LineRuleType.AUTO },
        });
      }),
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E8ECEF', color: 'auto' } } : {}),
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
    });
  const table = (headings: string[], rows: string[][], layout: { columnWidths?: number[]; size?: number } = {}) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      ...(layout.columnWidths ? { columnWidths: layout.columnWidths, layout: TableLayoutType.FIXED } : {}),
      visuallyRightToLeft: base === 'rtl',
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: headings.map((h) => cell(h, true, layout.size)) }),
        ...rows.map(
          (cells) => new TableRow({ cantSplit: true, children: cells.map((c) => cell(c, false, layout.size)) }),
        ),
      ],
    });
  const h1 = (text: string) => para(text, { heading: HeadingLevel.HEADING_1 });
  const h2 = (text: string) => para(text, { heading: HeadingLevel.HEADING_2 });

  // The cover: what an official files the document by.
  const statusLine = [
    t(`export.document-status.${doc.status}`),
    doc.version ? `${t('export.cover.version')} ${doc.version}` : '',
  ]
    .filter((x) => x !== '')
    .join(' · ');
  const coverRows: [string, string][] = [];
  if (doc.organiser) coverRows.push([t('export.cover.organiser'), doc.organiser]);
  if (doc.date) coverRows.push([t('export.cover.date'), formatDate(doc.date, lang)]);
  if (doc.place) coverRows.push([t('export.cover.place'), doc.place]);
  coverRows.push([t('export.cover.status'), statusLine]);
  const cover: Block[] = [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    para(doc.title, { heading: HeadingLevel.TITLE }),
    para(t('export.subtitle'), { size: 28 }),
    new Paragraph({ spacing: { before: 600 }, children: [] }),
    ...coverRows.map(([label, value]) => {
      const rtl = textDirection(`${label} ${value}`, base) === 'rtl';
      return new Paragraph({
        bidirectional: rtl,
        children: [...runs(`${label}: `, rtl, { bold: true }), ...runs(value, textDirection(value, base) === 'rtl')],
      });
    }),
    new Paragraph({ spacing: { before: 1200 }, children: [] }),
    para(t('export.generated-by', { date: formatDate(report.generatedAt, lang) })),
    para(t('export.footer')),
    new Paragraph({ children: [new PageBreak()] }),
    // Styled like a heading but not one, so the contents do not list themselves.
    new Paragraph({
      bidirectional: base === 'rtl',
      spacing: { after: 200 },
      children: runs(t('export.heading.contents'), base === 'rtl', { bold: true, size: 32 }),
    }),
    new TableOfContents(t('export.heading.contents'), { hyperlink: true, headingStyleRange: '1-2' }),
  ];

  // The executive summary: the facilitator's words, then what the board says at a glance.
  const main: Block[] = [h1(t('export.heading.summary')), ...prose(doc.summary)];
  const top = report.priorities.slice(0, TOP_PRIORITIES);
  if (top.length > 0) {
    main.push(h2(t('export.summary.priorities')));
    list++;
    for (const p of top) main.push(noteParagraph(p.note, 'numbered'));
  }
  main.push(
    h2(t('export.summary.turnout')),
    table([t('export.participation.what'), t('export.participation.count')], participationRows(report, t)),
  );
  if (report.dialogue.disagreements.length > 0) {
    main.push(h2(t('export.summary.disagreements')));
    for (const note of report.dialogue.disagreements.slice(0, TOP_PRIORITIES)) main.push(noteParagraph(note));
  }

  // How the workshop was run, so a reader can weigh what it found.
  main.push(h1(t('export.heading.methodology')), h2(t('export.method.methods')));
  for (const template of report.method.templates) main.push(para(template.name, { bullet: true }));
  if (report.method.agenda.length > 0) {
    main.push(h2(t('export.method.agenda')));
    list++;
    for (const step of report.method.agenda) {
      const text =
        step.durationMinutes === null
          ? step.title
          : t('export.method.step', { title: step.title, minutes: n(step.durationMinutes) });
      main.push(para(text, { numbered: true }));
    }
    const total = report.method.agenda.reduce((sum, step) => sum + (step.durationMinutes ?? 0), 0);
    if (total > 0) main.push(para(t('export.method.total', { minutes: n(total) })));
  }
  if (report.method.voting) {
    main.push(
      h2(t('export.method.voting')),
      para(t('export.method.budget', { budget: n(report.method.voting.budget) })),
      para(t('export.method.anonymous')),
    );
  }
  if (report.method.languages.length > 0) {
    const names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
    main.push(h2(t('export.method.languages')));
    for (const { language, notes: count } of report.method.languages) {
      main.push(
        para(t('export.method.language-notes', { language: names.of(language) ?? language, count: n(count) }), {
          bullet: true,
        }),
      );
    }
  }
  main.push(h2(t('export.heading.participation')));
  if (report.people) {
    for (const person of report.people) {
      main.push(para(`${person.displayName} (${t(`export.role.${person.role}`)})`, { bullet: true }));
    }
  } else {
    main.push(para(t('export.participation.no-names')));
  }
  main.push(
    h2(t('export.method.representativeness')),
    ...(doc.representativeness ? prose(doc.representativeness) : [para(t('export.method.representativeness-default'))]),
  );

  main.push(h1(t('export.heading.needs')));
  if (report.sections.length === 0) main.push(para(t('export.needs.empty')));
  for (const section of report.sections) {
    main.push(h2(section.title));
    for (const group of section.groups) {
      if (group.label !== section.title) main.push(para(group.label, { heading: HeadingLevel.HEADING_3 }));
      for (const note of group.notes) main.push(noteParagraph(note));
    }
  }

  // Priorities only once there is a ranking: the methodology says whether a vote was held.
  if (report.participation.voting === 'revealed') {
    main.push(h1(t('export.heading.priorities')));
    if (report.priorities.length === 0) main.push(para(t('export.priorities.none')));
    else {
      main.push(
        table(
          [
            t('export.priorities.rank'),
            t('export.priorities.votes'),
            t('export.priorities.note'),
            t('export.priorities.place'),
          ],
          report.priorities.map((p) => [n(p.rank), n(p.votes), noteText(p.note, t, lang), p.note.place]),
        ),
      );
    }
  }

  // The plan gets its landscape pages only when it has measures.
  const plan: Block[] =
    report.actionPlan.length === 0
      ? []
      : [
          h1(t('export.heading.action-plan')),
          table(
            actionPlanHeadings(t),
            report.actionPlan.map((m, i) => actionPlanCells(m, i, t, lang, notes)),
            // A landscape A4 page's text width (in twips), the number narrow, the texts wider; 9 pt.
            { columnWidths: PLAN_COLUMNS, size: 18 },
          ),
        ];

  const rest: Block[] = [];
  const { disagreements, openQuestions } = report.dialogue;
  if (disagreements.length > 0 || openQuestions.length > 0) {
    rest.push(h1(t('export.heading.dialogue')));
    if (disagreements.length > 0) {
      rest.push(h2(t('export.dialogue.disagreements')));
      for (const note of disagreements) rest.push(noteParagraph(note));
    }
    if (openQuestions.length > 0) {
      rest.push(h2(t('export.dialogue.open-questions')));
      for (const note of openQuestions) rest.push(noteParagraph(note));
    }
  }
  if (doc.conclusions || report.actionPlan.length > 0) {
    rest.push(h1(t('export.heading.conclusions')), ...prose(doc.conclusions));
    if (report.actionPlan.length > 0)
      rest.push(para(t('export.conclusions.from-plan', { count: n(report.actionPlan.length) })));
  }

  const images = options.images ?? [];
  if (images.length > 0) rest.push(h1(t('export.heading.appendix')));
  for (const image of images) {
    const fit = Math.min(1, MAX_IMAGE.width / image.width, MAX_IMAGE.height / image.height);
    rest.push(
      h2(image.title),
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

  // The running header (title, status) and footer ("Page 2 of 9") of every page but the cover.
  const small = { size: 18, sizeComplexScript: 18, color: '555555' };
  const headerText = `${doc.title} — ${statusLine}`;
  const headerRtl = textDirection(headerText, base) === 'rtl';
  const header = new Header({
    children: [
      new Paragraph({
        bidirectional: headerRtl,
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'AAAAAA', space: 4 } },
        children: [new TextRun({ text: cleanText(headerText), rightToLeft: headerRtl, ...small })],
      }),
    ],
  });
  const [beforePage = '', between = '', afterPages = ''] = t('export.page', { page: '\u0000', pages: '\u0000' }).split(
    '\u0000',
  );
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        bidirectional: base === 'rtl',
        children: [
          new TextRun({
            children: [beforePage, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, afterPages],
            rightToLeft: base === 'rtl',
            ...small,
          }),
        ],
      }),
    ],
  });
  const empty = { default: new Header({ children: [new Paragraph({ children: [] })] }) };
  const portrait = { headers: { default: header }, footers: { default: footer } };

  const fonts = docxFonts();
  const arabic = ARABIC_SCRIPT.test(JSON.stringify(report)) || base === 'rtl';
  const language = OFFICE_LANGUAGE[lang] ?? 'en-GB';
  const headingRun = (size: number) => ({
    size,
    sizeComplexScript: size,
    bold: true,
    boldComplexScript: true,
    color: '1F3A5F',
  });
  const heading = (size: number, before: number) => ({
    run: headingRun(size),
    paragraph: { keepNext: true, keepLines: true, spacing: { before, after: 120 } },
  });
  const document = new Document({
    // The contents' page numbers and "of m" are laid out here, so a reader that does not update fields shows them;
    // past LAID_OUT_NOTES notes that takes seconds, and they are left for Word to fill in (it asks on opening).
    ...(report.participation.notes <= LAID_OUT_NOTES ? { pageNumbers: estimatePageNumbersWith({ guess: true }) } : {}),
    creator: 'Talkoot',
    title: cleanText(doc.title),
    description: cleanText(t('export.subtitle')),
    fonts: [
      { name: fonts.text.name, data: fonts.text.data, bold: fonts.text.bold },
      ...(arabic ? [{ name: fonts.arabic.name, data: fonts.arabic.data, bold: fonts.arabic.bold }] : []),
    ],
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 480, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: DOCX_FONT.text, hAnsi: DOCX_FONT.text, cs: DOCX_FONT.arabic, eastAsia: DOCX_FONT.text },
            size: BODY_SIZE,
            sizeComplexScript: BODY_SIZE,
            language: { value: language, ...(base === 'rtl' ? { bidirectional: language } : {}) },
          },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: {
          run: { size: 52, sizeComplexScript: 52, bold: true, boldComplexScript: true, color: '1F3A5F' },
          paragraph: { spacing: { after: 240 } },
        },
        heading1: heading(32, 360),
        heading2: heading(26, 240),
        heading3: heading(22, 200),
      },
    },
    sections: [
      // The cover has no header or footer; the contents follow it on the next page.
      {
        properties: { titlePage: true },
        headers: { ...portrait.headers, first: empty.default },
        footers: { ...portrait.footers, first: new Footer({ children: [new Paragraph({ children: [] })] }) },
        children: [...cover, ...main],
      },
      ...(plan.length > 0
        ? [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, ...portrait, children: plan }]
        : []),
      ...(rest.length > 0 ? [{ ...portrait, children: rest }] : []),
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
