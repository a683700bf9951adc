import { addMeasure } from '@talkoot/action-plan';
import { type CreateBoardResponse, type PromoteNoteResponse, TL_RECORDS_MAP } from '@talkoot/protocol';
import { copyOriginOf, partShapeId, toRichText } from '@talkoot/templates';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  connectClient,
  joinBoard,
  noteRecord,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

const SECRET = 'Call Karim on 040 765 4321';
/** Pieces of the secret a leak would show even re-wrapped or cut. */
const PIECES = [SECRET, '040 765 4321', 'Karim'];

describe('hiding a note hides every copy of it, in every format', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const clients: TestClient[] = [];
  let cafe: CreateBoardResponse;
  let priorities: CreateBoardResponse;
  let cafeClient: TestClient;
  let prioClient: TestClient;
  let harvested = '';
  let need = '';

  const create = async (body: object) =>
    (await (
      await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as CreateBoardResponse;
  const connect = async (boardId: string, token: string) => {
    const client = connectClient(server.url, boardId, token);
    clients.push(client);
    await waitForSync(client);
    return client;
  };
  const exportOf = async (board: CreateBoardResponse, format: string) => {
    const response = await authedFetch(
      server.url,
      `/api/boards/${board.boardId}/export?format=${format}`,
      board.facilitatorToken,
    );
    expect(response.status, format).toBe(200);
    return new Uint8Array(await response.arrayBuffer());
  };
  /** Every text format, and every part of the DOCX, as text. */
  const texts = async (board: CreateBoardResponse) => {
    const out: Record<string, string> = {};
    for (const format of ['md', 'csv', 'json', 'svg']) out[format] = strFromU8(await exportOf(board, format));
    for (const [name, bytes] of Object.entries(unzipSync(await exportOf(board, 'docx')))) {
      out[`docx:${name}`] = strFromU8(bytes);
    }
    return out;
  };
  const rewrite = (client: TestClient, id: string, text: string) => {
    const records = client.doc.getMap<unknown>(TL_RECORDS_MAP);
    const record = records.get(id) as { props: object };
    records.set(id, { ...record, props: { ...record.props, richText: toRichText(text) } });
  };

  beforeAll(async () => {
    server = await startTestServer(data.dir, { joinAttemptsPerMinute: 1000 });
    cafe = await create({ title: 'Café Monday', template: 'world-cafe', templateParams: { tables: 2, rounds: 1 } });
    priorities = await create({ title: 'Priorities Tuesday', template: 'prioritisation' });
    cafeClient = await connect(cafe.boardId, cafe.facilitatorToken);
    prioClient = await connect(priorities.boardId, priorities.facilitatorToken);
    const records = cafeClient.doc.getMap<unknown>(TL_RECORDS_MAP);
    cafeClient.doc.transact(() => {
      records.set('shape:secret', noteRecord('shape:secret', partShapeId('world-cafe', 'table-1'), 60, 260, SECRET));
      records.set(
        'shape:open',
        noteRecord('shape:open', partShapeId('world-cafe', 'table-2'), 60, 260, 'Evening classes'),
      );
    });
    await server.rooms.settled();
    const harvest = await authedFetch(
      server.url,
      `/api/boards/${cafe.boardId}/world-cafe/harvest`,
      cafe.facilitatorToken,
      'POST',
      {},
    );
    expect(harvest.status).toBe(200);
    await waitFor(
      () => [...records.values()].some((r) => copyOriginOf(r)?.shapeId === 'shape:secret'),
      5000,
      'the harvest copy',
    );
    harvested = ([...records.values()].find((r) => copyOriginOf(r)?.shapeId === 'shape:secret') as { id: string }).id;
    // The harvest copy, not the original, is sent on as a need to the other board.
    const writer = await joinBoard(server.url, priorities.joinCode, 'Writer');
    const promoted = await authedFetch(
      server.url,
      `/api/boards/${cafe.boardId}/promote`,
      cafe.facilitatorToken,
      'POST',
      {
        shapeId: harvested,
        target: { boardId: priorities.boardId, token: writer.token },
      },
    );
    expect(promoted.status).toBe(201);
    need = ((await promoted.json()) as PromoteNoteResponse).shapeId;
    await waitFor(() => prioClient.doc.getMap(TL_RECORDS_MAP).has(need), 5000, 'the need');
    // Plan evidence citing the copies, on both boards.
    addMeasure(cafeClient.doc, {
      title: 'Interpreters',
      evidence: [{ boardId: cafe.boardId, shapeId: harvested, text: SECRET }],
    });
    addMeasure(prioClient.doc, {
      title: 'Evening services',
      evidence: [
        {
          boardId: priorities.boardId,
          shapeId: need,
          text: SECRET,
          source: { boardId: cafe.boardId, shapeId: harvested, boardTitle: 'Café Monday' },
        },
      ],
    });
    await server.rooms.settled();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    data.remove();
  });

  it('shows the copies before the note is hidden (so the checks below can fail)', async () => {
    for (const board of [cafe, priorities]) {
      const all = await texts(board);
      for (const format of ['md', 'csv', 'json', 'svg', 'docx:word/document.xml'])
        expect(all[format], `${board.boardId} ${format}`).toContain('040 765 4321');
    }
  });

  it('leaves the harvest copy, the need sent to another board and the evidence out of every format and counts them', async () => {
    const hide = await authedFetch(server.url, `/api/boards/${cafe.boardId}/session`, cafe.facilitatorToken, 'POST', {
      type: 'export.redact',
      shapeIds: ['shape:secret'],
      redacted: true,
    });
    expect(hide.status).toBe(200);
    for (const board of [cafe, priorities]) {
      const all = await texts(board);
      expect(Object.keys(all).length).toBeGreaterThan(8);
      for (const [format, text] of Object.entries(all))
        for (const piece of PIECES) expect(text, `${board.boardId} ${format}`).not.toContain(piece);
      expect(all.md).toContain('Evening');
    }
    const counts = async (board: CreateBoardResponse) =>
      (JSON.parse(strFromU8(await exportOf(board, 'json'))) as { participation: object }).participation;
    expect(await counts(cafe)).toMatchObject({ redactedNotes: 2, redactedCopies: 1 });
    expect(await counts(priorities)).toMatchObject({ redactedNotes: 1, redactedCopies: 1 });
  });

  it('draws the hidden copies the same whatever they say, in SVG and PNG, byte for byte', async () => {
    const before = {
      cafeSvg: await exportOf(cafe, 'svg'),
      cafePng: await exportOf(cafe, 'png&scale=1'),
      prioSvg: await exportOf(priorities, 'svg'),
      prioPng: await exportOf(priorities, 'png&scale=1'),
    };
    rewrite(cafeClient, harvested, 'Something else entirely, much longer than before');
    rewrite(prioClient, need, 'Another text');
    await server.rooms.settled();
    expect(await exportOf(cafe, 'svg')).toEqual(before.cafeSvg);
    expect(await exportOf(cafe, 'png&scale=1')).toEqual(before.cafePng);
    expect(await exportOf(priorities, 'svg')).toEqual(before.prioSvg);
    expect(await exportOf(priorities, 'png&scale=1')).toEqual(before.prioPng);
    // A note that is not hidden does change the picture.
    rewrite(cafeClient, 'shape:open', 'Evening classes twice a week');
    await server.rooms.settled();
    expect(await exportOf(cafe, 'png&scale=1')).not.toEqual(before.cafePng);
  });
});
