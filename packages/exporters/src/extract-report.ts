import { type Measure, measureIdForNote, seededTitle } from '@talkoot/action-plan';
import { directionOf } from '@talkoot/locales';
import {
  type AgendaStep,
  type DocumentInfo,
  EMPTY_DOCUMENT_INFO,
  type Language,
  type Role,
  type VotingState,
} from '@talkoot/protocol';
import { hiddenWithCopies, type Translate } from '@talkoot/templates';
import { type BoardNote, rankNotes, readBoardNotes } from './board-notes.ts';
import { cleanText } from './clean-text.ts';
import { comparePlaces, type Place, placeLabel, placeOf, templateName } from './place-label.ts';
import {
  REPORT_FORMAT,
  REPORT_VERSION,
  type Report,
  type ReportGroup,
  type ReportNote,
  type ReportSection,
} from './report.ts';

/** What an export is made from: the stored board, its session state and members. */
export interface ReportInput {
  board: { id: string; title: string; template: string; language: Language; createdAt: string };
  /** The board document's tldraw records (`tl_records` values). */
  records: Iterable<unknown>;
  /** `readActionPlan` of the board document. */
  actionPlan: readonly Measure[];
  session: {
    voting: VotingState;
    agenda: readonly AgendaStep[];
    redactedShapeIds: readonly string[];
    /** The facilitator's cover fields and texts (absent: none). */
    document?: DocumentInfo;
  };
  members: readonly { displayName: string; role: Role }[];
  /** Language of the document's own texts. */
  language: Language;
  t: Translate;
  /** List people's display names (default: counts only). */
  includeNames: boolean;
  now: Date;
  /**
   * Notes hidden on other boards (with their copies, see `hiddenWithCopies`), by board id: a
   * need sent from there, and evidence citing one, is hidden here too.
   */
  hiddenElsewhere?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Translations of notes by shape id and language (see `ReportNote.translations`). */
  translations?: Readonly<Record<string, NonNullable<ReportNote['translations']>>>;
}

const DIALOGUE_TEMPLATE = 'dialogue-record';

const byText = (language: string) => {
  const collator = new Intl.Collator(language);
  return (a: ReportNote, b: ReportNote) =>
    (b.votes ?? 0) - (a.votes ?? 0) || collator.compare(a.text, b.text) || (a.id < b.id ? -1 : 1);
};

/** The section a note belongs to: its template copy, or (outside every template) `other`. */
const sectionKey = (note: BoardNote) =>
  note.location && typeof note.location.template === 'string'
    ? `${note.location.template}@${note.location.instance ?? ''}`
    : 'other';

/**
 * Builds the content of every export from a stored board: needs grouped by method and place,
 * the ranking, the action plan, dialogue disagreements and open questions, participation
 * counts. Notes the facilitator hid are left out everywhere but in the counts, and so is
 * evidence citing them; a measure title that still is such a note's text shows the "hidden"
 * label instead. Names appear only with `includeNames`. Pure and deterministic.
 */
export function extractReport(input: ReportInput): Report {
  const { t, language } = input;
  const records = [...input.records];
  // A hidden note hides every copy made of it (harvest copies, needs sent on), here or elsewhere.
  const redacted = hiddenWithCopies(records, {
    boardId: input.board.id,
    redactedShapeIds: input.session.redactedShapeIds,
    ...(input.hiddenElsewhere ? { hiddenElsewhere: input.hiddenElsewhere } : {}),
  });
  const direct = new Set(input.session.redactedShapeIds);
  const { notes: all, frames } = readBoardNotes(records, input.board.id);
  const frameNames = new Map(frames.map((f) => [f.id, f.name]));
  const revealed = input.session.voting.status === 'revealed' && input.session.voting.results !== null;
  const results = revealed ? (input.session.voting.results ?? {}) : {};
  const visible = all.filter((note) => !redacted.has(note.id));

  // Sections and groups, with each note's place name.
  const sections = new Map<
    string,
    { section: ReportSection; groups: Map<string, { place: Place; group: ReportGroup }> }
  >();
  const reportNotes = new Map<string, ReportNote>();
  for (const note of visible) {
    const key = sectionKey(note);
    let entry = sections.get(key);
    if (!entry) {
      const template = key === 'other' ? null : String(note.location!.template);
      const instance =
        key === 'other' || note.location!.instance === undefined ? null : String(note.location!.instance);
      entry = {
        section: {
          template,
          instance,
          title: template === null ? t('export.section.other') : templateName(template, instance, t),
          groups: [],
        },
        groups: new Map(),
      };
      sections.set(key, entry);
    }
    const place: Place = note.location
      ? placeOf(note.location)
      : { tags: note.frameId ? [['frame', note.frameId]] : [], key: note.frameId ? `frame=${note.frameId}` : '' };
    const label = note.location
      ? placeLabel(note.location, place, t) || entry.section.title
      : note.frameId
        ? frameNames.get(note.frameId) || t('export.group.unnamed-frame')
        : t('export.group.no-frame');
    const reportNote: ReportNote = {
      id: note.id,
      text: note.text,
      votes: revealed ? (results[note.id] ?? 0) : null,
      frameId: note.frameId,
      location: note.location,
      place: label,
      ...(note.source ? { source: note.source } : {}),
      language: note.language ?? input.board.language,
      translations: input.translations?.[note.id] ?? {},
    };
    reportNotes.set(note.id, reportNote);
    let group = entry.groups.get(place.key);
    if (!group) {
      group = { place, group: { key: place.key, label, tags: Object.fromEntries(place.tags), notes: [] } };
      entry.groups.set(place.key, group);
    }
    group.group.notes.push(reportNote);
  }

  const sortNotes = byText(language);
  const orderedSections = [...sections.entries()]
    .sort(([a, x], [b, y]) => {
      if (a === 'other' || b === 'other') return a === 'other' ? (b === 'other' ? 0 : 1) : -1;
      // The board's first method, then methods added later by their number.
      const ix = x.section.instance === null ? 0 : Number(x.section.instance) || Number.MAX_SAFE_INTEGER;
      const iy = y.section.instance === null ? 0 : Number(y.section.instance) || Number.MAX_SAFE_INTEGER;
      return ix - iy || (a < b ? -1 : a > b ? 1 : 0);
    })
    .map(([, { section, groups }]) => ({
      ...section,
      groups: [...groups.values()]
        .sort((a, b) =>
          section.template === null
            ? a.group.label.localeCompare(b.group.label, language) || (a.place.key < b.place.key ? -1 : 1)
            : comparePlaces(section.template, a.place, b.place),
        )
        .map(({ group }) => ({ ...group, notes: group.notes.sort(sortNotes) })),
    }));

  // One idea once: a note's copies (harvest, needs sent on) share its dots and its place.
  const priorities = (revealed ? rankNotes(input.board.id, visible, results) : []).flatMap((idea) => {
    const note = reportNotes.get(idea.shapeId);
    return note ? [{ rank: idea.rank, votes: idea.votes, note }] : [];
  });

  const dialogue = (section: string) =>
    visible
      .filter((n) => n.location?.template === DIALOGUE_TEMPLATE && n.location.section === section)
      .map((n) => reportNotes.get(n.id)!)
      .sort(sortNotes);

  const roles = (role: Role) => input.members.filter((m) => m.role === role).length;
  const templates = orderedSections.flatMap((s) =>
    s.template === null ? [] : [{ id: s.template, instance: s.instance, name: s.title }],
  );
  if (!templates.some((x) => x.id === input.board.template && x.instance === null)) {
    templates.unshift({ id: input.board.template, instance: null, name: templateName(input.board.template, null, t) });
  }

  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: input.now.toISOString(),
    language,
    direction: directionOf(language),
    board: {
      id: input.board.id,
      title: cleanText(input.board.title),
      template: input.board.template,
      templateName: templateName(input.board.template, null, t),
      language: input.board.language,
      createdAt: input.board.createdAt,
    },
    document: documentOf(input.session.document ?? EMPTY_DOCUMENT_INFO, input.board.title),
    method: {
      voting: revealed ? { budget: input.session.voting.budget, anonymous: true } : null,
      languages: languagesOf([...reportNotes.values()], language),
      templates,
      agenda: input.session.agenda.map((step) => ({
        title: cleanText(step.title),
        instructions: cleanText(step.instructions),
        durationMinutes: step.durationMinutes ?? null,
      })),
    },
    participation: {
      facilitators: roles('facilitator'),
      participants: roles('participant'),
      observers: roles('observer'),
      notes: all.length,
      redactedNotes: all.length - visible.length,
      redactedCopies: all.filter((note) => redacted.has(note.id) && !direct.has(note.id)).length,
      votes: revealed ? Object.entries(results).reduce((sum, [, n]) => sum + n, 0) : null,
      voting: input.session.voting.status,
    },
    people: input.includeNames
      ? input.members.map((m) => ({ displayName: cleanText(m.displayName), role: m.role }))
      : null,
    sections: orderedSections,
    priorities,
    actionPlan: input.actionPlan.map((measure) =>
      cleanMeasure(measure, {
        boardId: input.board.id,
        redacted,
        elsewhere: input.hiddenElsewhere ?? new Map(),
        noteTexts: new Map(all.map((note) => [note.id, note.text])),
        hiddenLabel: t('export.redacted-label'),
      }),
    ),
    dialogue: { disagreements: dialogue('disagreements'), openQuestions: dialogue('open-questions') },
    frames: frames.filter((f) => f.topLevel).map((f) => ({ id: f.id, name: f.name })),
  };
}

/** The facilitator's document fields, cleaned, with the board's title where none was given. */
function documentOf(info: DocumentInfo, boardTitle: string): Report['document'] {
  return {
    title: cleanText(info.title) || cleanText(boardTitle),
    organiser: cleanText(info.organiser),
    date: info.date,
    place: cleanText(info.place),
    status: info.status,
    version: cleanText(info.version),
    summary: cleanText(info.summary),
    representativeness: cleanText(info.representativeness),
    conclusions: cleanText(info.conclusions),
  };
}

/** How many notes are written in each language, most first (ties in code order). */
function languagesOf(notes: readonly ReportNote[], fallback: Language): Report['method']['languages'] {
  const counts = new Map<Language, number>();
  for (const note of notes) counts.set(note.language ?? fallback, (counts.get(note.language ?? fallback) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([language, count]) => ({ language, notes: count }));
}

/** What {@link cleanMeasure} needs to know about the board's hidden notes. */
interface HiddenNotes {
  boardId: string;
  /** Ids of the notes hidden from exports: those the facilitator hid and their copies. */
  redacted: ReadonlySet<string>;
  /** The same for other boards, by board id. */
  elsewhere: ReadonlyMap<string, ReadonlySet<string>>;
  /** Current text of every note on the board, hidden ones included. */
  noteTexts: ReadonlyMap<string, string>;
  /** The translated "hidden" label shown in place of a hidden note's text. */
  hiddenLabel: string;
}

/** Whether evidence quotes a hidden note: the note cited, or the original it is a copy of. */
function citesHidden(evidence: Measure['evidence'][number], hidden: HiddenNotes): boolean {
  const isHidden = (boardId: string, shapeId: string) =>
    boardId === hidden.boardId ? hidden.redacted.has(shapeId) : (hidden.elsewhere.get(boardId)?.has(shapeId) ?? false);
  return (
    isHidden(evidence.boardId, evidence.shapeId) ||
    (evidence.source !== undefined && isHidden(evidence.source.boardId, evidence.source.shapeId))
  );
}

/** Compares titles the way a reader would: same words, whatever the spacing or case. */
const sameWords = (text: string) => cleanText(text).normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The titles a measure would carry if it still showed a hidden note's text: the seeded title
 * of each hidden note it cites (as cited and as the note reads now) and, for a measure seeded
 * from a hidden note, of that note even after its evidence was removed.
 */
function hiddenTitles(measure: Measure, hidden: HiddenNotes): Set<string> {
  const texts: string[] = [];
  for (const e of measure.evidence) {
    if (!citesHidden(e, hidden)) continue;
    texts.push(e.text, hidden.noteTexts.get(e.shapeId) ?? '');
  }
  for (const id of hidden.redacted) {
    if (measure.id === measureIdForNote(id)) texts.push(hidden.noteTexts.get(id) ?? '');
  }
  return new Set(texts.map((text) => sameWords(seededTitle(text))).filter((title) => title !== ''));
}

/**
 * A measure with cleaned texts, without evidence that cites a hidden note, and with the hidden
 * label for a title that is still a hidden note's text (seeded from it and not rewritten since):
 * hiding a note must hold in the action plan too. A title the facilitator rewrote stays.
 */
function cleanMeasure(measure: Measure, hidden: HiddenNotes): Measure {
  const titleIsHidden = hiddenTitles(measure, hidden).has(sameWords(measure.title));
  return {
    ...measure,
    title: titleIsHidden ? hidden.hiddenLabel : cleanText(measure.title),
    need: cleanText(measure.need),
    responsible: cleanText(measure.responsible),
    partners: cleanText(measure.partners),
    resources: cleanText(measure.resources),
    start: cleanText(measure.start),
    end: cleanText(measure.end),
    indicators: cleanText(measure.indicators),
    evidence: measure.evidence.filter((e) => !citesHidden(e, hidden)).map((e) => ({ ...e, text: cleanText(e.text) })),
  };
}
