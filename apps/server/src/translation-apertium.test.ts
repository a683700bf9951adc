import { apertiumInstalled, type ApertiumProcess, startApertium } from '@talkoot/translate/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  connectClient,
  createBoard,
  joinBoard,
  startTestServer,
  tempDataDir,
  waitForSync,
} from './testing.ts';
import { askTranslations, countingTranslator, writeNote } from './translation-testing.ts';

const present = apertiumInstalled();
if (!present && process.env.CI === 'true') throw new Error('apertium-apy with apertium-rus-ukr is not installed');

describe.skipIf(!present)('translating notes with a real Apertium APY', () => {
  const data = tempDataDir();
  const counter = countingTranslator();
  let apy: ApertiumProcess;
  let server: RunningServer;

  beforeAll(async () => {
    apy = await startApertium();
    server = await startTestServer(data.dir, {
      translate: { api: 'apertium', url: apy.url, apiKey: undefined, timeoutMs: 5000 },
      wrapTranslator: counter.wrap,
    });
  });
  afterAll(async () => {
    await server.close();
    await apy.stop();
    data.remove();
  });

  it('gives a Ukrainian reader a Russian note in Ukrainian, asking APY once for the whole room', async () => {
    const board = await createBoard(server.url);
    const olga = await joinBoard(server.url, board.joinCode, 'Olga');
    const client = connectClient(server.url, board.boardId, olga.token);
    await waitForSync(client);
    await writeNote(server, client, board.boardId, 'shape:school', 'Хорошая школа', 'ru');
    await writeNote(server, client, board.boardId, 'shape:work', 'Мы хотим работу', 'ru');
    client.destroy();

    const readers = await Promise.all(
      ['Oksana', 'Taras', 'Iryna'].map((name) => joinBoard(server.url, board.joinCode, name)),
    );
    const started = Date.now();
    const answers = await Promise.all(
      readers.map((r) =>
        askTranslations(server, board.boardId, r.token, { target: 'uk', shapeIds: ['shape:school', 'shape:work'] }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        machine: 'on',
        translations: {
          'shape:school': { state: 'translated', source: 'ru', text: 'Хороша школа', by: 'machine' },
          'shape:work': { state: 'translated', source: 'ru', text: 'Ми хочемо роботу', by: 'machine' },
        },
      });
    }
    expect(counter.batches).toEqual([{ texts: ['Хорошая школа', 'Мы хотим работу'], source: 'ru', target: 'uk' }]);

    // Later readers get the stored translation; the author sees her own text as it is.
    const later = await askTranslations(server, board.boardId, readers[0]!.token, {
      target: 'uk',
      shapeIds: ['shape:school'],
    });
    expect(later.body.translations['shape:school']).toMatchObject({ state: 'translated', text: 'Хороша школа' });
    const own = await askTranslations(server, board.boardId, olga.token, { target: 'ru', shapeIds: ['shape:school'] });
    expect(own.body.translations['shape:school']).toEqual({ state: 'original', source: 'ru' });
    expect(counter.batches).toHaveLength(1);
  });

  it('says there is no translation into Somali instead of failing', async () => {
    const board = await createBoard(server.url);
    const client = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(client);
    await writeNote(server, client, board.boardId, 'shape:so', 'Хорошая школа', 'ru');
    client.destroy();
    const answer = await askTranslations(server, board.boardId, board.facilitatorToken, {
      target: 'so',
      shapeIds: ['shape:so'],
    });
    expect(answer.body.translations['shape:so']).toEqual({ state: 'unavailable', source: 'ru' });
  });

  it('exports a Russian note in a Ukrainian document with its original, language and translation', async () => {
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Школа', language: 'uk' }),
    });
    const board = (await created.json()) as { boardId: string; facilitatorToken: string };
    const client = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(client);
    await writeNote(server, client, board.boardId, 'shape:ru', 'Мы хотим работу', 'ru');
    await writeNote(server, client, board.boardId, 'shape:uk', 'Гарна школа', 'uk');
    client.destroy();
    const exported = async (format: string) =>
      (
        await authedFetch(server.url, `/api/boards/${board.boardId}/export?format=${format}`, board.facilitatorToken)
      ).text();
    const before = counter.batches.length;
    const markdown = await exported('md');
    expect(markdown).toContain('- Мы хотим работу (ru) — Ми хочемо роботу, машинний переклад');
    expect(markdown).toContain('- Гарна школа\n');
    const json = JSON.parse(await exported('json')) as {
      sections: { groups: { notes: { id: string; text: string; language: string; translations: unknown }[] }[] }[];
    };
    const notes = json.sections.flatMap((s) => s.groups.flatMap((g) => g.notes));
    expect(notes.find((n) => n.id === 'shape:ru')).toMatchObject({
      text: 'Мы хотим работу',
      language: 'ru',
      translations: { uk: { text: 'Ми хочемо роботу', by: 'machine' } },
    });
    expect(notes.find((n) => n.id === 'shape:uk')).toMatchObject({ language: 'uk', translations: {} });
    // The second export used the stored translation.
    expect(counter.batches.length - before).toBe(1);
  });
});
