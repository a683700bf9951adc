import { addMeasure, readActionPlan } from '@talkoot/action-plan';
import {
  type CreateBoardResponse,
  type ErrorBody,
  type SeedActionPlanResponse,
  TL_RECORDS_MAP,
} from '@talkoot/protocol';
import { RESOURCES } from '@talkoot/locales';
import { partShapeId, TEMPLATE_SCHEMA, toRichText } from '@talkoot/templates';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentDisposition, exportFileName } from './export-service.ts';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  connectClient,
  joinBoard,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

const SECRET = 'Private detail: my neighbour Karim';

/** A note inside a journey map cell, as the tldraw client writes it. */
function laneNote(id: string, stage: string, lane: string, text: string, dx: number) {
  const cell = { stage: ['before-leaving', 'arrival', 'first-weeks'].indexOf(stage), lane };
  return TEMPLATE_SCHEMA.types.shape.create({
    id: `shape:${id}`,
    type: 'note',
    // Cells start at x = 280 + stage × 340 and y = 410 + lane × 260 inside the journey frame.
    x: 290 + cell.stage * 340 + dx,
    y: lane === 'barriers' ? 410 + 3 * 260 + 10 : 410 + 10,
    parentId: partShapeId('journey-map', 'journey-1'),
    index: 'a1',
    props: { richText: toRichText(text), growY: 0, scale: 1 },
  } as never);
}

describe('exports and the action plan over HTTP', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const clients: TestClient[] = [];
  let board: CreateBoardResponse;
  let participant: string;
  let observer: string;

  const call = (path: string, token: string, method = 'GET', body?: unknown) =>
    authedFetch(server.url, `/api/boards/${board.boardId}${path}`, token, method, body);
  const exportAs = (query: string, token = board.facilitatorToken) => call(`/export?${query}`, token);
  const text = async (query: string) => {
    const response = await exportAs(query);
    expect(response.status, await response.clone().text()).toBe(200);
    return response.text();
  };
  const docxXml = async (query: string) => {
    const response = await exportAs(query);
    expect(response.status).toBe(200);
    return strFromU8(unzipSync(new Uint8Array(await response.arrayBuffer()))['word/document.xml']!);
  };

  beforeAll(async () => {
    server = await startTestServer(data.dir, { joinAttemptsPerMinute: 1000 });
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Kotoutuminen Espoossa: työpaja 2', template: 'journey-map', language: 'fi' }),
    });
    board = (await created.json()) as CreateBoardResponse;
    participant = (await joinBoard(server.url, board.joinCode, 'Amina')).token;
    observer = (await joinBoard(server.url, board.joinCode, 'Watcher', 'observer')).token;

    const f = connectClient(server.url, board.boardId, board.facilitatorToken);
    clients.push(f);
    await waitForSync(f);
    const records = f.doc.getMap(TL_RECORDS_MAP);
    for (const note of [
      laneNote('permit', 'arrival', 'barriers', 'Waiting months for a residence permit', 0),
      laneNote('letters', 'arrival', 'barriers', 'لا أفهم الرسائل من مكتب الهجرة', 100),
      laneNote('formula', 'first-weeks', 'barriers', '=HYPERLINK("http://evil.example","x")', 0),
      laneNote('secret', 'first-weeks', 'barriers', SECRET, 100),
    ]) {
      records.set(note.id, note);
    }
    await server.rooms.settled();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    data.remove();
  });

  it('gives the facilitator each format with its type and a file name', async () => {
    const cases = [
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['md', 'text/markdown; charset=utf-8'],
      ['csv', 'text/csv; charset=utf-8'],
      ['json', 'application/json; charset=utf-8'],
      ['svg', 'image/svg+xml'],
      ['png', 'image/png'],
    ] as const;
    for (const [format, type] of cases) {
      const response = await exportAs(`format=${format}`);
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      const body = new Uint8Array(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length'))).toBe(body.byteLength);
      expect(response.headers.get('content-disposition'), format).toMatch(
        new RegExp(
          `^attachment; filename="Kotoutuminen-Espoossa-tyopaja-2-\\d{4}-\\d{2}-\\d{2}\\.${format}"; filename\\*=UTF-8''Kotoutuminen%20Espoossa%20ty%C3%B6paja%202-`,
        ),
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('writes the board in its own language unless another is asked for', async () => {
    expect(await text('format=md')).toContain('## Tunnistetut tarpeet');
    const arabic = await text('format=md&lang=ar');
    expect(arabic).toContain('## الاحتياجات التي ظهرت');
    expect(arabic).toContain('لا أفهم الرسائل من مكتب الهجرة');
    expect(await docxXml('format=docx&lang=ar')).toContain('<w:bidi/>');
  });

  it('keeps Arabic note text intact and right to left in DOCX, Markdown and SVG', async () => {
    const arabic = 'لا أفهم الرسائل من مكتب الهجرة';
    // Markdown: the very characters, unescaped and in logical order (a viewer lays them out).
    expect((await text('format=md')).split('\n')).toContain(`- ${arabic}`);
    // DOCX, in a Finnish document: the note's paragraph is right to left (w:bidi), its run too (w:rtl).
    const paragraphs = (await docxXml('format=docx')).match(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/gs) ?? [];
    const noteParagraph = paragraphs.find((p) => p.includes(arabic));
    expect(noteParagraph).toBeDefined();
    expect(noteParagraph).toContain('<w:bidi/>');
    expect(noteParagraph).toMatch(new RegExp(`<w:rtl/>(?:(?!</w:r>).)*<w:t[^>]*>${arabic}</w:t>`, 's'));
    const permit = paragraphs.find((p) => p.includes('Waiting months for a residence permit'));
    expect(permit).not.toContain('<w:bidi/>');
    // SVG: each line of the (wrapped) note is set right to left and embedded as such, and the
    // lines together are the note's text.
    const lines = [...(await text('format=svg')).matchAll(/<text ([^>]*)>([^<]*\p{Script=Arabic}[^<]*)<\/text>/gu)];
    expect(lines.length).toBeGreaterThan(0);
    for (const [, attributes] of lines) expect(attributes).toContain('direction="rtl"');
    for (const [, , content] of lines) expect(content).toMatch(/^&#x202B;.*&#x202C;$/);
    expect(lines.map(([, , content]) => content!.slice('&#x202B;'.length, -'&#x202C;'.length)).join(' ')).toBe(arabic);
  });

  it('refuses participants, observers and strangers, and a query it does not know', async () => {
    expect((await exportAs('format=md', participant)).status).toBe(403);
    expect((await exportAs('format=md', observer)).status).toBe(403);
    expect((await exportAs('format=md', 'not-a-token')).status).toBe(401);
    expect((await call('/action-plan/seed', participant, 'POST', { count: 1 })).status).toBe(403);
    const bad = await exportAs('format=pdf');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error).toBe('invalid-query');
    expect((await exportAs('format=md&lang=xx')).status).toBe(400);
    expect((await exportAs('format=svg&frame=shape:nope')).status).toBe(404);
  });

  it('seeds the action plan from the revealed ranking once, however often it is asked', async () => {
    const early = await call('/action-plan/seed', board.facilitatorToken, 'POST', { count: 2 });
    expect(early.status).toBe(409);
    expect(((await early.json()) as ErrorBody).error).toBe('votes-not-revealed');

    await call('/session', board.facilitatorToken, 'POST', { type: 'voting.open', budget: 5 });
    const vote = (shapeId: string) => call('/votes', participant, 'POST', { shapeId });
    for (const shapeId of ['shape:permit', 'shape:permit', 'shape:letters', 'shape:letters', 'shape:secret']) {
      expect((await vote(shapeId)).status).toBe(200);
    }
    await call('/session', board.facilitatorToken, 'POST', { type: 'voting.reveal' });

    const seeds = await Promise.all(
      [1, 2].map(() => call('/action-plan/seed', board.facilitatorToken, 'POST', { count: 2 })),
    );
    const answers = (await Promise.all(seeds.map((r) => r.json()))) as SeedActionPlanResponse[];
    expect(seeds.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.flatMap((a) => a.added).sort()).toEqual(['note:shape:letters', 'note:shape:permit']);
    expect(answers.map((a) => a.total)).toEqual([2, 2]);

    const f = clients[0]!;
    await waitFor(() => readActionPlan(f.doc).length === 2, 5000, 'seeded plan');
    expect(readActionPlan(f.doc)[0]).toMatchObject({
      title: 'Waiting months for a residence permit',
      evidence: [{ shapeId: 'shape:permit', votes: 2, location: { stage: 'arrival', lane: 'barriers' } }],
    });
    const csv = await text('format=csv');
    expect(csv).toContain('"Waiting months for a residence permit"');
    expect(csv).toContain('(ääniä: 2)');
  });

  it('leaves a hidden note out of every format and names out unless asked', async () => {
    const f = clients[0]!;
    addMeasure(f.doc, {
      title: 'Interpreters at the service point',
      evidence: [{ boardId: board.boardId, shapeId: 'shape:secret', text: SECRET, votes: 1 }],
    });
    await server.rooms.settled();
    expect(await text('format=json')).toContain(SECRET);

    const hide = await call('/session', board.facilitatorToken, 'POST', {
      type: 'export.redact',
      shapeIds: ['shape:secret'],
      redacted: true,
    });
    expect(hide.status).toBe(200);
    for (const format of ['md', 'csv', 'json', 'svg'])
      expect(await text(`format=${format}`), format).not.toContain(SECRET);
    expect(await docxXml('format=docx')).not.toContain(SECRET);
    expect(await text('format=csv')).toContain('Interpreters at the service point');
    expect(await text('format=svg')).toContain('Piilotettu');
    // The board itself keeps the note.
    expect(f.doc.getMap(TL_RECORDS_MAP).has('shape:secret')).toBe(true);

    expect(await text('format=md')).not.toContain('Amina');
    const named = await text('format=md&names=1');
    expect(named).toContain('Amina');
    expect(JSON.parse(await text('format=json')).people).toBeNull();
  });

  it("shows 'hidden' instead of a hidden note's text where a measure was seeded from it", async () => {
    const arabic = 'لا أفهم الرسائل من مكتب الهجرة';
    expect(await text('format=csv')).toContain(arabic);
    const hide = await call('/session', board.facilitatorToken, 'POST', {
      type: 'export.redact',
      shapeIds: ['shape:letters'],
      redacted: true,
    });
    expect(hide.status).toBe(200);
    for (const format of ['md', 'csv', 'json', 'svg'])
      expect(await text(`format=${format}`), format).not.toContain(arabic);
    expect(await docxXml('format=docx')).not.toContain(arabic);
    const plan = (JSON.parse(await text('format=json')) as { actionPlan: { id: string; title: string }[] }).actionPlan;
    expect(plan.find((m) => m.id === 'note:shape:letters')?.title).toBe('Piilotettu');
    expect(plan.find((m) => m.id === 'note:shape:permit')?.title).toBe('Waiting months for a residence permit');
    expect(await text('format=csv')).toContain('"Piilotettu"');
    expect(await docxXml('format=docx&lang=ar')).toContain('مخفي');
    // The facilitator's own copy of the plan keeps the title.
    expect(readActionPlan(clients[0]!.doc).find((m) => m.id === 'note:shape:letters')?.title).toBe(arabic);
  });

  it('escapes what a note could smuggle into a spreadsheet', async () => {
    const f = clients[0]!;
    addMeasure(f.doc, { title: '=1+1', partners: '@SUM(A1)' });
    await server.rooms.settled();
    const csv = await text('format=csv');
    expect(csv).toContain(`"'=1+1"`);
    expect(csv).toContain(`"'@SUM(A1)"`);
  });

  it('reads the stored board without writing to it', async () => {
    await server.rooms.settled();
    const stored = async (name: string) => {
      const doc = new Y.Doc();
      for (const update of await server.storage.docs.load(name)) Y.applyUpdate(doc, update);
      return Y.encodeStateVector(doc);
    };
    const before = [await stored(board.boardId), await stored(`${board.boardId}/session`)];
    for (const format of ['docx', 'md', 'json', 'png']) expect((await exportAs(`format=${format}`)).status).toBe(200);
    await server.rooms.settled();
    expect([await stored(board.boardId), await stored(`${board.boardId}/session`)]).toEqual(before);
  });

  it("renders the template's own texts in the document's language, and a rewritten one as written", async () => {
    const ar = RESOURCES.ar!;
    const fi = RESOURCES.fi!;
    const arabic = await text('format=md&lang=ar');
    expect(arabic).toContain(ar['template.journey-map.agenda.persona.title']);
    const json = JSON.parse(await text('format=json&lang=ar')) as { method: { agenda: { instructions: string }[] } };
    expect(json.method.agenda.map((step) => step.instructions)).toContain(
      ar['template.journey-map.agenda.persona.instructions'],
    );
    expect(arabic).not.toContain(fi['template.journey-map.agenda.persona.title']);
    expect(await text('format=md')).toContain(fi['template.journey-map.agenda.persona.title']);
    const stage = partShapeId('journey-map', 'journey-1.stage.arrival');
    const svg = async (query: string) => (await exportAs(query)).text();
    expect(await svg('format=svg&lang=ar')).toContain(ar['template.journey-map.stage.arrival']);
    expect(await svg('format=svg')).toContain(fi['template.journey-map.stage.arrival']);

    const records = clients[0]!.doc.getMap<unknown>(TL_RECORDS_MAP);
    const label = records.get(stage) as { props: object };
    records.set(stage, { ...label, props: { ...label.props, richText: toRichText('Saapuminen Espooseen') } });
    await server.rooms.settled();
    const rewritten = await svg('format=svg&lang=ar');
    expect(rewritten).toContain('Saapuminen Espooseen');
    expect(rewritten).not.toContain(ar['template.journey-map.stage.arrival']);
  });
});

describe('export file names', () => {
  const now = new Date('2027-03-01T10:00:00Z');

  it('keeps an ASCII name for old clients and the whole title in filename*', () => {
    expect(exportFileName('Kotoutuminen Espoossa: työpaja', now, 'docx')).toBe(
      'Kotoutuminen-Espoossa-tyopaja-2027-03-01.docx',
    );
    expect(exportFileName('ورشة العمل', now, 'md')).toBe('talkoot-board-2027-03-01.md');
    const header = contentDisposition('talkoot-board-2027-03-01.md', 'ورشة "العمل"/1', now, 'md');
    expect(header).toBe(
      `attachment; filename="talkoot-board-2027-03-01.md"; filename*=UTF-8''${encodeURIComponent('ورشة العمل 1-2027-03-01.md')}`,
    );
  });
});
