import { type CreateBoardResponse, type PromoteNoteResponse, TL_RECORDS_MAP } from '@talkoot/protocol';
import { partShapeId } from '@talkoot/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  noteRecord,
  connectClient,
  joinBoard,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

describe('promoting a note as a need', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const clients: TestClient[] = [];
  let journey: CreateBoardResponse;
  let priorities: CreateBoardResponse;

  const create = async (title: string, template: string) =>
    (await (
      await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, template }),
      })
    ).json()) as CreateBoardResponse;
  const connect = async (boardId: string, token: string) => {
    const client = connectClient(server.url, boardId, token);
    clients.push(client);
    await waitForSync(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer(data.dir);
    journey = await create('Journeys', 'journey-map');
    priorities = await create('Priorities', 'prioritisation');
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    data.remove();
  });

  it('sends a journey-map note to another board’s prioritisation, once, with where it came from', async () => {
    const writer = await joinBoard(server.url, journey.joinCode, 'Writer');
    const writerThere = await joinBoard(server.url, priorities.joinCode, 'Writer');
    const source = await connect(journey.boardId, writer.token);
    const records = source.doc.getMap<unknown>(TL_RECORDS_MAP);
    const lane = [...records.values()].find((r) => {
      const tags = (r as { meta?: { talkoot?: { stage?: string; lane?: string } } }).meta?.talkoot;
      return tags?.stage === 'arrival' && tags.lane === 'barriers';
    }) as { x: number; y: number; parentId: string };
    records.set(
      'shape:barrier',
      noteRecord(
        'shape:barrier',
        lane.parentId,
        lane.x + 20,
        lane.y + 20,
        'No interpreter at the housing office',
        'a9',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const path = `/api/boards/${journey.boardId}/promote`;
    const body = { shapeId: 'shape:barrier', target: { boardId: priorities.boardId, token: writerThere.token } };

    const [first, second] = await Promise.all([
      authedFetch(server.url, path, writer.token, 'POST', body),
      authedFetch(server.url, path, writer.token, 'POST', body),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 201]);
    const need = (await first.json()) as PromoteNoteResponse;
    expect(need.boardId).toBe(priorities.boardId);

    const target = await connect(priorities.boardId, priorities.facilitatorToken);
    const copies = () =>
      [...target.doc.getMap<unknown>(TL_RECORDS_MAP).values()].filter(
        (r) => (r as { meta?: { talkoot?: { part?: string } } }).meta?.talkoot?.part === 'need',
      ) as { id: string; parentId: string; meta: { talkoot: { source: Record<string, unknown> } } }[];
    await waitFor(() => copies().length === 1, 5000, 'the need');
    expect(copies()[0]).toMatchObject({
      id: need.shapeId,
      parentId: partShapeId('prioritisation', 'ideas'),
      meta: {
        talkoot: {
          source: {
            boardId: journey.boardId,
            boardTitle: 'Journeys',
            shapeId: 'shape:barrier',
            tags: { stage: 'arrival', lane: 'barriers' },
          },
        },
      },
    });
  });

  it('refuses observers, unknown notes, bad target tokens, boards without a prioritisation and locked boards', async () => {
    const observer = await joinBoard(server.url, journey.joinCode, 'Watcher', 'observer');
    const path = `/api/boards/${journey.boardId}/promote`;
    const target = { boardId: priorities.boardId, token: priorities.facilitatorToken };
    const post = (token: string, body: unknown) => authedFetch(server.url, path, token, 'POST', body);
    expect((await post(observer.token, { shapeId: 'shape:barrier', target })).status).toBe(403);
    expect((await post(journey.facilitatorToken, { shapeId: 'shape:nothing', target })).status).toBe(404);
    const badToken = await post(journey.facilitatorToken, {
      shapeId: 'shape:barrier',
      target: { boardId: priorities.boardId, token: 'nope' },
    });
    expect([401, 403]).toContain(badToken.status);
    const sameBoard = await post(journey.facilitatorToken, { shapeId: 'shape:barrier' });
    expect(sameBoard.status).toBe(409);
    expect(((await sameBoard.json()) as { error: string }).error).toBe('no-prioritisation');
    expect((await post(journey.facilitatorToken, { shapeId: 42 })).status).toBe(400);

    const lock = await authedFetch(
      server.url,
      `/api/boards/${priorities.boardId}/session`,
      priorities.facilitatorToken,
      'POST',
      { type: 'lock.set', locked: true },
    );
    expect(lock.status).toBe(200);
    const participant = await joinBoard(server.url, priorities.joinCode, 'Late');
    const locked = await post(journey.facilitatorToken, {
      shapeId: 'shape:barrier',
      target: { boardId: priorities.boardId, token: participant.token },
    });
    expect(locked.status).toBe(409);
  });
});
