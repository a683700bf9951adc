import { type Evidence, measureIdForNote, measureSchema, seededTitle } from '@talkoot/action-plan';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-report.ts';
import { reportSchema } from './report.ts';
import { GOLDEN_BOARD_ID, goldenBoard, noteRecord, REDACTED_TEXT } from './testing.ts';

const report = (change: (input: ReturnType<typeof goldenBoard>['input']) => void = () => {}) => {
  const { input } = goldenBoard();
  change(input);
  return extractReport(input);
};

describe('extractReport', () => {
  it('groups a journey map by journey, stage and lane in the order of the template', () => {
    const journey = report().sections[0]!;
    expect(journey).toMatchObject({
      template: 'journey-map',
      instance: null,
      title: 'Journey map of migrant trajectories',
    });
    expect(journey.groups.map((g) => g.label)).toEqual([
      'Journey 1 › Persona (anonymous)',
      'Journey 1 › Arrival › Barriers',
      'Journey 1 › First weeks › What helped / ideas',
      'Journey 1 › First year › Feelings',
    ]);
    expect(journey.groups[1]).toMatchObject({
      key: 'journey=1|stage=arrival|lane=barriers',
      tags: { journey: 1, stage: 'arrival', lane: 'barriers' },
    });
    // Most votes first, then by text.
    expect(journey.groups[1]!.notes.map((n) => n.text)).toEqual([
      'لا أفهم الرسائل من مكتب الهجرة',
      '=HYPERLINK("http://evil.example","click")',
      'Waiting months for a residence permit',
    ]);
  });

  it('keeps methods added to the board apart and lists notes outside every method last', () => {
    const sections = report().sections;
    expect(sections.map((s) => [s.template, s.instance, s.title])).toEqual([
      ['journey-map', null, 'Journey map of migrant trajectories'],
      ['prioritisation', '2', 'Prioritisation (2)'],
      ['dialogue-record', '3', 'Dialogue record (3)'],
      [null, null, 'Other notes'],
    ]);
    expect(sections[1]!.groups.map((g) => g.label)).toEqual([
      'Ideas and needs',
      'Quick wins: big impact, little effort',
      'Big projects: big impact, much effort',
    ]);
    expect(sections[3]!.groups.map((g) => [g.label, g.notes.map((n) => n.text)])).toEqual([
      ['Ideas from the *break*', ['Meet at the library']],
      ['Not in a frame', ['A loose idea far away']],
    ]);
  });

  it('leaves out template examples, ground rules and empty notes', () => {
    const texts = report().sections.flatMap((s) => s.groups.flatMap((g) => g.notes.map((n) => n.text)));
    expect(texts.some((text) => text.startsWith('Example:'))).toBe(false);
    expect(texts.some((text) => text.startsWith('Listen to others'))).toBe(false);
    expect(texts).toHaveLength(16);
  });

  it('ranks revealed votes with shared places and skips notes deleted since the vote', () => {
    const { priorities, participation } = report();
    expect(priorities.map((p) => [p.rank, p.votes, p.note.text])).toEqual([
      [1, 7, 'Affordable housing for large families'],
      [2, 5, 'Kielikurssit iltaisin'],
      [2, 5, 'لا أفهم الرسائل من مكتب الهجرة'],
      [4, 2, '+SUM(A1:A9)'],
    ]);
    expect(priorities[2]!.note.place).toBe('Journey 1 › Arrival › Barriers');
    expect(participation).toMatchObject({ votes: 34, voting: 'revealed' });
  });

  it('ranks an idea once with the dots of its copies (a harvest copy, a need sent on from it)', () => {
    const { priorities } = report((input) => {
      const original = [...input.records].find(
        (r) =>
          (r as { props?: { richText?: unknown } }).props?.richText !== undefined &&
          JSON.stringify(r).includes('Affordable housing'),
      ) as { id: string; parentId: string };
      const copy = noteRecord('housing-copy', original.parentId, 900, 900, 'Affordable housing for large families', {
        talkoot: { part: 'harvested', source: { shapeId: original.id } },
      });
      const need = noteRecord('housing-need', original.parentId, 1200, 900, 'Affordable housing for large families', {
        talkoot: {
          part: 'need',
          source: { boardId: GOLDEN_BOARD_ID, boardTitle: 'Golden', shapeId: 'shape:housing-copy' },
        },
      });
      input.records = [...input.records, copy, need];
      const results = input.session.voting.results!;
      input.session.voting = { ...input.session.voting, results: { ...results, [copy.id]: 2, [need.id]: 1 } };
    });
    expect(priorities.map((p) => [p.rank, p.votes, p.note.text])).toEqual([
      [1, 10, 'Affordable housing for large families'],
      [2, 5, 'Kielikurssit iltaisin'],
      [2, 5, 'لا أفهم الرسائل من مكتب الهجرة'],
      [4, 2, '+SUM(A1:A9)'],
    ]);
  });

  it('shows no votes and no ranking before the reveal', () => {
    const r = report((input) => {
      input.session.voting = { status: 'closed', budget: 5, results: null };
    });
    expect(r.priorities).toEqual([]);
    expect(r.participation.votes).toBeNull();
    expect(r.sections[0]!.groups[1]!.notes.every((n) => n.votes === null)).toBe(true);
  });

  it('leaves a hidden note out of everything but the counts, including evidence citing it', () => {
    const r = report();
    expect(JSON.stringify(r)).not.toContain(REDACTED_TEXT);
    expect(JSON.stringify(r)).not.toContain('shape:secret');
    expect(r.participation).toMatchObject({ notes: 19, redactedNotes: 3, redactedCopies: 2 });
    expect(r.actionPlan[2]!.evidence.map((e) => e.shapeId)).toEqual(['shape:childcare']);
  });

  describe("a measure that still carries a hidden note's text", () => {
    const secret: Evidence = { boardId: GOLDEN_BOARD_ID, shapeId: 'shape:secret', text: REDACTED_TEXT, votes: 3 };
    const withMeasures = (...measures: object[]) =>
      report((input) => {
        input.actionPlan = [...input.actionPlan, ...measures.map((m) => measureSchema.parse(m))];
      });

    it('shows the hidden label instead of a title seeded from the note', () => {
      const r = withMeasures({
        id: measureIdForNote('shape:secret'),
        title: seededTitle(REDACTED_TEXT),
        evidence: [secret],
      });
      expect(JSON.stringify(r)).not.toContain(REDACTED_TEXT);
      expect(r.actionPlan.at(-1)).toMatchObject({ title: 'Hidden', evidence: [] });
    });

    it('also when the title differs only in spacing or case, or the note changed after it was cited', () => {
      const r = withMeasures(
        { id: 'm:spacing', title: `  ${REDACTED_TEXT.toLowerCase().replace(/ /g, '   ')} `, evidence: [secret] },
        { id: 'm:cited-earlier', title: 'Call me first', evidence: [{ ...secret, text: 'Call me first\nplease' }] },
      );
      expect(r.actionPlan.slice(-2).map((m) => m.title)).toEqual(['Hidden', 'Hidden']);
      expect(JSON.stringify(r)).not.toContain('Call me first');
    });

    it('also when the measure was seeded from the note and its evidence removed since', () => {
      const r = withMeasures({ id: measureIdForNote('shape:secret'), title: REDACTED_TEXT, evidence: [] });
      expect(r.actionPlan.at(-1)!.title).toBe('Hidden');
    });

    it('keeps a title the facilitator rewrote, and titles of measures citing only visible notes', () => {
      const r = withMeasures({
        id: measureIdForNote('shape:secret'),
        title: 'Interpreters at the service point',
        evidence: [secret],
      });
      expect(r.actionPlan.map((m) => m.title)).toEqual([
        'Affordable housing for large families',
        'Kielikurssit iltaisin',
        "=cmd|' /C calc'!A0",
        'Interpreters at the service point',
      ]);
    });

    it('writes the label in the language of the document', () => {
      const r = report((input) => {
        input.language = 'ar';
        input.t = goldenBoard('ar').input.t;
        input.actionPlan = [
          ...input.actionPlan,
          measureSchema.parse({ id: 'm:x', title: REDACTED_TEXT, evidence: [secret] }),
        ];
      });
      expect(r.actionPlan.at(-1)!.title).toBe('مخفي');
    });
  });

  it('collects disagreements and open questions from dialogue records', () => {
    expect(report().dialogue).toMatchObject({
      disagreements: [{ text: 'Should language courses be mandatory?', place: 'Where we saw things differently' }],
      openQuestions: [{ text: '-1 Who pays for childcare?' }],
    });
  });

  it('counts people by role and names them only when asked', () => {
    expect(report().people).toBeNull();
    expect(report().participation).toMatchObject({ facilitators: 1, participants: 2, observers: 1 });
    expect(JSON.stringify(report())).not.toContain('Amina');
    const named = report((input) => {
      input.includeNames = true;
    });
    expect(named.people).toEqual([
      { displayName: 'Anna (facilitator)', role: 'facilitator' },
      { displayName: 'Amina', role: 'participant' },
      { displayName: '=Olga', role: 'participant' },
      { displayName: 'Watcher', role: 'observer' },
    ]);
  });

  it('carries where a promoted note came from and the action plan seeded from the ranking', () => {
    const r = report();
    const farsi = r.sections[1]!.groups[0]!.notes[0]!;
    expect(farsi.source).toEqual({
      boardId: 'board-before',
      shapeId: 'shape:orig',
      boardTitle: 'Journey map (Tuesday)',
    });
    expect(r.actionPlan.map((m) => [m.title, m.evidence[0]?.votes])).toEqual([
      ['Affordable housing for large families', 7],
      ['Kielikurssit iltaisin', 5],
      ["=cmd|' /C calc'!A0", undefined],
    ]);
    expect(r.actionPlan[0]!.evidence[0]).toMatchObject({
      boardId: GOLDEN_BOARD_ID,
      location: { quadrant: 'big-projects' },
    });
  });

  it('removes characters XML cannot carry and names places in the document language', () => {
    const r = report((input) => {
      input.language = 'fi';
      input.t = goldenBoard('fi').input.t;
    });
    const feelings = r.sections[0]!.groups[3]!;
    expect(feelings.label).toBe('Polku 1 › Ensimmäinen vuosi › Tunteet');
    expect(feelings.notes[0]!.text).toBe('Lonely in winter ]]> bell &amp; more');
    expect(reportSchema.safeParse(r).success).toBe(true);
  });
});
