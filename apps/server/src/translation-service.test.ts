import { type LibreTranslateTestServer, startLibreTranslateTestServer } from '@talkoot/translate/testing';
import { textHash } from '@talkoot/translate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  connectClient,
  createBoard,
  joinBoard,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitForSync,
} from './testing.ts';
import { askTranslations, countingTranslator, writeNote } from './translation-testing.ts';

describe('translation service (LibreTranslate API)', () => {
  const data = tempDataDir();
  const counter = countingTranslator();
  let mt: LibreTranslateTestServer;
  let server: RunningServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    mt = await startLibreTranslateTestServer();
    server = await startTestServer(data.dir, {
      translate: { api: 'libretranslate', url: mt.url, apiKey: undefined, timeoutMs: 300 },
      wrapTranslator: counter.wrap,
    });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    await mt.close();
    data.remove();
  });
  beforeEach(() => {
    mt.behaviour = {};
    counter.batches.length = 0;
  });

  const boardWithNote = async (text: string, language = 'fi') => {
    const board = await createBoard(server.url);
    const client = connectClient(server.url, board.boardId, board.facilitatorToken);
    clients.push(client);
    await waitForSync(client);
    await writeNote(server, client, board.boardId, 'shape:n', text, language);
    const reader = await joinBoard(server.url, board.joinCode, 'Reader');
    return { board, client, reader };
  };
  const ask = (boardId: string, token: string, target = 'en', shapeIds = ['shape:n']) =>
    askTranslations(server, boardId, token, { target, shapeIds });

  it('asks the MT server once however many readers ask at once', async () => {
    const { board, reader } = await boardWithNote('lisää puistoja');
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask(board.boardId, reader.token)));
    for (const a of answers)
      expect(a.body.translations['shape:n']).toMatchObject({ text: 'more parks', by: 'machine' });
    expect(counter.batches).toHaveLength(1);
    expect(mt.requests.filter((r) => JSON.stringify(r.q).includes('lisää puistoja'))).toHaveLength(1);
  });

  it('lets a participant’s correction win for everyone until the original changes', async () => {
    const { board, client, reader } = await boardWithNote('lisää puistoja');
    const put = await authedFetch(
      server.url,
      `/api/boards/${board.boardId}/translations/shape:n`,
      reader.token,
      'PUT',
      {
        target: 'en',
        text: 'More parks, please',
      },
    );
    expect(put.status).toBe(200);
    const other = await joinBoard(server.url, board.joinCode, 'Other');
    expect((await ask(board.boardId, other.token)).body.translations['shape:n']).toEqual({
      state: 'translated',
      source: 'fi',
      text: 'More parks, please',
      by: 'participant',
    });
    await writeNote(server, client, board.boardId, 'shape:n', 'iltaisin', 'fi');
    expect((await ask(board.boardId, other.token)).body.translations['shape:n']).toEqual({
      state: 'translated',
      source: 'fi',
      text: 'in the evenings',
      by: 'machine',
      correctionStale: true,
    });
  });

  it('refuses corrections from observers and for notes in the target language', async () => {
    const { board } = await boardWithNote('iltaisin');
    const observer = await joinBoard(server.url, board.joinCode, 'Watcher', 'observer');
    const path = `/api/boards/${board.boardId}/translations/shape:n`;
    expect((await authedFetch(server.url, path, observer.token, 'PUT', { target: 'en', text: 'x' })).status).toBe(403);
    expect(
      (await authedFetch(server.url, path, board.facilitatorToken, 'PUT', { target: 'fi', text: 'x' })).status,
    ).toBe(409);
  });

  it('degrades to the original when the MT server fails, is slow or answers garbage, and sync goes on', async () => {
    const { board, client, reader } = await boardWithNote('lisää puistoja');
    mt.behaviour = { fail: true };
    expect((await ask(board.boardId, reader.token)).body.translations['shape:n']).toEqual({
      state: 'failed',
      source: 'fi',
      reason: 'unavailable',
    });
    mt.behaviour = { delayMs: 1000 };
    const started = Date.now();
    expect((await ask(board.boardId, reader.token)).body.translations['shape:n']).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(900);
    mt.behaviour = { garbage: true };
    expect((await ask(board.boardId, reader.token)).body.translations['shape:n']).toMatchObject({
      reason: 'bad-response',
    });
    // Editing and syncing are untouched by the outage.
    const readerClient = connectClient(server.url, board.boardId, reader.token);
    clients.push(readerClient);
    await waitForSync(readerClient);
    await writeNote(server, client, board.boardId, 'shape:m', 'iltaisin', 'fi');
    mt.behaviour = {};
    expect((await ask(board.boardId, reader.token, 'en', ['shape:n'])).body.translations['shape:n']).toMatchObject({
      text: 'more parks',
    });
  });

  it('never sends a note hidden from exports to the MT server, and deletes what it had', async () => {
    const { board, reader } = await boardWithNote('lisää puistoja');
    await ask(board.boardId, reader.token);
    const key = [{ hash: textHash('lisää puistoja'), source: 'fi' }];
    expect((await server.storage.translations.machine(board.boardId, 'en', key)).size).toBe(1);
    const session = await authedFetch(
      server.url,
      `/api/boards/${board.boardId}/session`,
      board.facilitatorToken,
      'POST',
      {
        type: 'export.redact',
        shapeIds: ['shape:n'],
        redacted: true,
      },
    );
    expect(session.status).toBe(200);
    expect((await server.storage.translations.machine(board.boardId, 'en', key)).size).toBe(0);
    mt.requests.length = 0;
    const answer = await ask(board.boardId, reader.token, 'ar');
    expect(answer.body.translations).toEqual({});
    expect(mt.requests).toEqual([]);
  });

  it('translates private-writing notes only for their author and facilitators', async () => {
    const board = await createBoard(server.url);
    const amina = await joinBoard(server.url, board.joinCode, 'Amina');
    const olga = await joinBoard(server.url, board.joinCode, 'Olga');
    const me = (await (await authedFetch(server.url, `/api/boards/${board.boardId}`, amina.token)).json()) as {
      you: { memberId: string };
    };
    const docName = `${board.boardId}/private/${me.you.memberId}`;
    const client = connectClient(server.url, docName, amina.token);
    clients.push(client);
    await waitForSync(client);
    await writeNote(server, client, docName, 'shape:p', 'iltaisin', 'fi');
    const body = { target: 'en', shapeIds: ['shape:p'], doc: { privateOf: me.you.memberId } };
    expect((await askTranslations(server, board.boardId, olga.token, body)).status).toBe(403);
    for (const token of [amina.token, board.facilitatorToken]) {
      const answer = await askTranslations(server, board.boardId, token, body);
      expect(answer.body.translations['shape:p']).toMatchObject({ text: 'in the evenings' });
    }
    // Not on the board itself.
    expect((await ask(board.boardId, olga.token, 'en', ['shape:p'])).body.translations).toEqual({});
  });

  it('deletes a board’s translations when the board is deleted now', async () => {
    const { board, reader } = await boardWithNote('lisää puistoja');
    await authedFetch(server.url, `/api/boards/${board.boardId}/translations/shape:n`, reader.token, 'PUT', {
      target: 'ar',
      text: 'المزيد من الحدائق',
    });
    await ask(board.boardId, reader.token);
    const key = [{ hash: textHash('lisää puistoja'), source: 'fi' }];
    expect((await server.storage.translations.machine(board.boardId, 'en', key)).size).toBe(1);
    const deleted = await authedFetch(server.url, `/api/boards/${board.boardId}`, board.facilitatorToken, 'DELETE');
    expect(deleted.status).toBeLessThan(300);
    expect((await server.storage.translations.machine(board.boardId, 'en', key)).size).toBe(0);
    expect((await server.storage.translations.corrections(board.boardId, 'ar', ['shape:n'])).size).toBe(0);
  });

  it('does not translate text a client sends: only notes named by id', async () => {
    const { board, reader } = await boardWithNote('iltaisin');
    const response = await authedFetch(server.url, `/api/boards/${board.boardId}/translations`, reader.token, 'POST', {
      target: 'en',
      shapeIds: ['shape:n'],
      q: 'free text to translate',
    });
    expect(response.status).toBe(400);
  });
});

describe('translation service without an MT server', () => {
  const data = tempDataDir();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(data.dir);
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('says machine translation is off and still serves people’s translations', async () => {
    const board = await createBoard(server.url);
    const client = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(client);
    await writeNote(server, client, board.boardId, 'shape:n', 'Хорошая школа', 'ru');
    client.destroy();
    const ask = () =>
      askTranslations(server, board.boardId, board.facilitatorToken, { target: 'uk', shapeIds: ['shape:n'] });
    expect((await ask()).body).toEqual({
      machine: 'off',
      translations: { 'shape:n': { state: 'failed', source: 'ru', reason: 'unavailable' } },
    });
    await authedFetch(server.url, `/api/boards/${board.boardId}/translations/shape:n`, board.facilitatorToken, 'PUT', {
      target: 'uk',
      text: 'Хороша школа',
    });
    expect((await ask()).body.translations['shape:n']).toMatchObject({ text: 'Хороша школа', by: 'participant' });
  });

  it('treats a note without a language as written in the board’s language', async () => {
    const board = await createBoard(server.url);
    const client = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(client);
    await writeNote(server, client, board.boardId, 'shape:n', 'Parks');
    client.destroy();
    const answer = await askTranslations(server, board.boardId, board.facilitatorToken, {
      target: 'en',
      shapeIds: ['shape:n'],
    });
    expect(answer.body.translations['shape:n']).toEqual({ state: 'original', source: 'en' });
  });
});
