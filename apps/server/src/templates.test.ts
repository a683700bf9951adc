import {
  type CreateBoardResponse,
  type ErrorBody,
  SESSION_MAP,
  SESSION_STATE_KEY,
  type SessionState,
  TL_META_MAP,
  TL_RECORDS_MAP,
  TL_SCHEMA_KEY,
  type InsertTemplateResponse,
  type TemplateListResponse,
} from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface TaggedRecord {
  typeName: string;
  type?: string;
  x?: number;
  props?: { name?: string; w?: number };
  meta?: { talkoot?: { part: string; table?: number } };
}

describe('board templates over HTTP and sync', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const clients: TestClient[] = [];
  const post = (body: unknown) =>
    fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const frames = (client: TestClient) =>
    [...client.doc.getMap<TaggedRecord>(TL_RECORDS_MAP).values()].filter((r) => r.type === 'frame');

  beforeAll(async () => {
    server = await startTestServer(data.dir);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    data.remove();
  });

  it('lists the templates with their parameters', async () => {
    const response = await fetch(`${server.url}/api/templates`);
    expect(response.status).toBe(200);
    const { templates } = (await response.json()) as TemplateListResponse;
    expect(templates.map((t) => t.id).sort()).toEqual(
      ['blank', 'dialogue-record', 'journey-map', 'prioritisation', 'stakeholder-map', 'world-cafe'].sort(),
    );
    expect(templates.find((t) => t.id === 'world-cafe')?.parameters).toContainEqual(
      expect.objectContaining({ name: 'tables', default: 4, min: 2, max: 12 }),
    );
  });

  it('lays a world café out once, in the board language, for clients connecting at the same time', async () => {
    const response = await post({
      title: 'Café',
      template: 'world-cafe',
      templateParams: { tables: 4 },
      language: 'fi',
    });
    expect(response.status).toBe(201);
    const board = (await response.json()) as CreateBoardResponse;
    const a = connectClient(server.url, board.boardId, board.facilitatorToken);
    const b = connectClient(server.url, board.boardId, board.facilitatorToken);
    clients.push(a, b);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    for (const client of [a, b]) {
      const parts = frames(client).map((f) => f.meta?.talkoot?.part);
      expect(parts.filter((p) => p === 'table')).toHaveLength(4);
      expect(parts.filter((p) => p === 'harvest')).toHaveLength(1);
      expect(frames(client).map((f) => f.props?.name)).toContain('Pöytä 4');
      expect(client.doc.getMap(TL_RECORDS_MAP).get('page:page')).toMatchObject({ name: 'Sivu 1' });
      expect(client.doc.getMap(TL_META_MAP).get(TL_SCHEMA_KEY)).toMatchObject({ schemaVersion: 2 });
    }
    expect(a.doc.getMap(TL_RECORDS_MAP).toJSON()).toEqual(b.doc.getMap(TL_RECORDS_MAP).toJSON());

    const session = connectClient(server.url, `${board.boardId}/session`, board.facilitatorToken);
    clients.push(session);
    await waitForSync(session);
    const state = session.doc.getMap(SESSION_MAP).get(SESSION_STATE_KEY) as SessionState;
    expect(state.agenda.map((s) => s.id)).toContain('world-cafe.round-3');
  });

  it('inserts more methods into a board in use, beside its content, with agenda steps appended', async () => {
    const created = (await (
      await post({ title: 'Jam', template: 'journey-map', displayName: 'Fac' })
    ).json()) as CreateBoardResponse;
    const participant = await joinBoard(server.url, created.joinCode, 'Amina');
    const path = `/api/boards/${created.boardId}/templates`;
    const forbidden = await authedFetch(server.url, path, participant.token, 'POST', { template: 'prioritisation' });
    expect(forbidden.status).toBe(403);
    const unknown = await authedFetch(server.url, path, created.facilitatorToken, 'POST', { template: 'mind-map' });
    expect(unknown.status).toBe(400);
    const badParams = await authedFetch(server.url, path, created.facilitatorToken, 'POST', {
      template: 'world-cafe',
      templateParams: { tables: 99 },
    });
    expect(badParams.status).toBe(400);

    const client = connectClient(server.url, created.boardId, created.facilitatorToken);
    clients.push(client);
    await waitForSync(client);
    const before = client.doc.getMap(TL_RECORDS_MAP).size;
    const journeyRight = Math.max(...frames(client).map((f) => (f.x ?? 0) + (f.props?.w ?? 0)));

    // Two facilitators inserting at once: both methods land, apart, with all their steps.
    const [first, second] = await Promise.all(
      ['prioritisation', 'prioritisation'].map(async (template) => {
        const response = await authedFetch(server.url, path, created.facilitatorToken, 'POST', { template });
        expect(response.status).toBe(201);
        return (await response.json()) as InsertTemplateResponse;
      }),
    );
    expect(new Set([first!.instance, second!.instance]).size).toBe(2);
    expect(first!.bounds.x).toBeGreaterThan(journeyRight);
    const [left, right] = [first!, second!].sort((a, b) => a.bounds.x - b.bounds.x);
    expect(right!.bounds.x).toBeGreaterThanOrEqual(left!.bounds.x + left!.bounds.w);

    await waitFor(
      () => frames(client).filter((f) => f.meta?.talkoot?.part === 'matrix').length === 2,
      5000,
      'two matrices',
    );
    expect(client.doc.getMap(TL_RECORDS_MAP).size).toBeGreaterThan(before);
    const session = (await (
      await authedFetch(server.url, `/api/boards/${created.boardId}/session`, created.facilitatorToken)
    ).json()) as { state: SessionState };
    const ids = session.state.agenda.map((s) => s.id);
    expect(ids[0]).toMatch(/^journey-map\./);
    expect(ids.filter((id) => id.startsWith('prioritisation@')).length).toBe(2 * first!.agendaSteps);
  });

  it('refuses an unknown template and parameters out of range, creating nothing', async () => {
    const unknown = await post({ title: 'Board', template: 'mind-map' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).error).toBe('invalid-body');
    const tooMany = await post({ title: 'Board', template: 'world-cafe', templateParams: { tables: 13 } });
    expect(tooMany.status).toBe(400);
    const body = (await tooMany.json()) as ErrorBody;
    expect(body.issues?.map((i) => i.path)).toEqual(['templateParams.tables']);
    const foreign = await post({ title: 'Board', templateParams: { tables: 4 } });
    expect(foreign.status).toBe(400);
  });
});
