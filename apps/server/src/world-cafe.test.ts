import {
  type BoardMeta,
  type CreateBoardResponse,
  type HarvestResponse,
  type SessionState,
  TL_RECORDS_MAP,
} from '@talkoot/protocol';
import { partShapeId } from '@talkoot/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  noteRecord,
  connectClient,
  createBoard,
  joinBoard,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

const note = noteRecord;

describe('world café on the server', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const clients: TestClient[] = [];
  let board: CreateBoardResponse;

  beforeAll(async () => {
    server = await startTestServer(data.dir);
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Café', template: 'world-cafe', templateParams: { tables: 4, rounds: 3 } }),
    });
    board = (await response.json()) as CreateBoardResponse;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    data.remove();
  });

  const go = async (stepId: string) => {
    const response = await authedFetch(
      server.url,
      `/api/boards/${board.boardId}/session`,
      board.facilitatorToken,
      'POST',
      { type: 'agenda.go', stepId },
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as { state: SessionState }).state;
  };

  it('suggests a table to every participant when a round starts, mixing people between rounds', async () => {
    const memberOf = async (token: string) =>
      ((await (await authedFetch(server.url, `/api/boards/${board.boardId}`, token)).json()) as BoardMeta).you.memberId;
    const people: string[] = [];
    for (let i = 0; i < 8; i++)
      people.push(await memberOf((await joinBoard(server.url, board.joinCode, `P${i}`)).token));
    const observer = await memberOf((await joinBoard(server.url, board.joinCode, 'Watcher', 'observer')).token);
    const round1 = await go('world-cafe.round-1');
    expect(round1.seating).toMatchObject({ stepId: 'world-cafe.round-1', round: 1 });
    const seats1 = round1.seating!.seats;
    expect(Object.keys(seats1).sort()).toEqual(people.sort());
    expect(seats1[observer]).toBeUndefined();
    // Two people per table.
    for (let table = 1; table <= 4; table++) expect(Object.values(seats1).filter((t) => t === table)).toHaveLength(2);

    const seats2 = (await go('world-cafe.round-2')).seating!.seats;
    const pairs = (seats: Record<string, number>) =>
      new Set(
        Object.keys(seats).flatMap((a) =>
          Object.keys(seats)
            .filter((b) => a < b && seats[a] === seats[b])
            .map((b) => `${a}|${b}`),
        ),
      );
    const again = [...pairs(seats2)].filter((pair) => pairs(seats1).has(pair));
    expect(again).toEqual([]);

    expect((await go('world-cafe.harvest')).seating).toBeNull();
  });

  it('harvests every table into the harvest frame, once, for facilitators only', async () => {
    const participant = await joinBoard(server.url, board.joinCode, 'Writer');
    const client = connectClient(server.url, board.boardId, participant.token);
    clients.push(client);
    await waitForSync(client);
    const records = client.doc.getMap<unknown>(TL_RECORDS_MAP);
    client.doc.transact(() => {
      records.set('shape:n1', note('shape:n1', partShapeId('world-cafe', 'table-1'), 60, 260, 'Evening classes'));
      records.set(
        'shape:n2',
        note('shape:n2', partShapeId('world-cafe', 'table-3'), 420, 260, 'مرشد في الأسابيع الأولى'),
      );
    });
    const path = `/api/boards/${board.boardId}/world-cafe/harvest`;
    // Let the notes reach the server before harvesting.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect((await authedFetch(server.url, path, participant.token, 'POST', {})).status).toBe(403);
    expect((await authedFetch(server.url, path, board.facilitatorToken, 'POST', { instance: 'X!' })).status).toBe(400);

    const [a, b] = await Promise.all([
      authedFetch(server.url, path, board.facilitatorToken, 'POST', {}),
      authedFetch(server.url, path, board.facilitatorToken, 'POST', {}),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const body = (await a.json()) as HarvestResponse;
    expect(body).toEqual({ frameId: partShapeId('world-cafe', 'harvest'), notes: 2 });

    const harvested = () =>
      [...records.values()].filter(
        (r) => (r as { meta?: { talkoot?: { part?: string } } }).meta?.talkoot?.part === 'harvested',
      ) as { parentId: string; meta: { talkoot: { table: number; source: { shapeId: string } } } }[];
    await waitFor(() => harvested().length === 2, 5000, 'harvested copies');
    expect(harvested().every((r) => r.parentId === body.frameId)).toBe(true);
    expect(
      harvested()
        .map((r) => [r.meta.talkoot.table, r.meta.talkoot.source.shapeId])
        .sort(),
    ).toEqual([
      [1, 'shape:n1'],
      [3, 'shape:n2'],
    ]);
  });

  it('refuses to harvest a board without a world café', async () => {
    const blank = await createBoard(server.url);
    const response = await authedFetch(
      server.url,
      `/api/boards/${blank.boardId}/world-cafe/harvest`,
      blank.facilitatorToken,
      'POST',
      {},
    );
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toBe('no-world-cafe');
  });
});
