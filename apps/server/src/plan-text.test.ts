import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { actionPlanMap, addMeasure, measureText, readActionPlan } from '@talkoot/action-plan';
import { CloseCode } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RawClient } from './hostile-frames.ts';
import type { RunningServer } from './server.ts';
import {
  authedFetch,
  connectClient,
  createBoard,
  joinBoard,
  startTestServer,
  tempDataDir,
  type TestClient,
  waitFor,
  waitForSync,
} from './testing.ts';

/**
 * The action plan's collaborative text (issue 14) over real websockets: two facilitators
 * typing in one cell merge, the export reads the merged text, older boards' plain strings are
 * migrated when opened, and a raw client cannot put text where the plan has no room for it,
 * over a field's limit, or at all without the right to edit the plan.
 */
describe('action-plan text', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let board: Awaited<ReturnType<typeof createBoard>>;
  let coFacilitator: { token: string };
  let participant: { token: string };
  let observer: { token: string };
  const clients: TestClient[] = [];
  const raws: RawClient[] = [];

  const client = async (token: string, boardId = board.boardId) => {
    const c = connectClient(server.url, boardId, token);
    clients.push(c);
    await waitForSync(c);
    return c;
  };
  const raw = async (token: string) => {
    const r = await RawClient.open(server.url, board.boardId, token);
    raws.push(r);
    await r.sync();
    return r;
  };
  /** Sends, through a raw socket, what `write` changes in a copy of the board. */
  const rawWrite = async (token: string, write: (doc: Y.Doc) => void) => {
    const r = await raw(token);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, r.state);
    const sv = Y.encodeStateVector(doc);
    write(doc);
    r.sendUpdate(Y.encodeStateAsUpdate(doc, sv));
    return r;
  };
  const session = (body: object) =>
    authedFetch(server.url, `/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', body);
  const exported = async (format: 'json' | 'md', boardId = board.boardId, token = board.facilitatorToken) => {
    const response = await authedFetch(server.url, `/api/boards/${boardId}/export?format=${format}`, token);
    expect(response.status).toBe(200);
    return response.text();
  };
  const titleOf = (c: TestClient, id: string) => readActionPlan(c.doc).find((m) => m.id === id)?.title;

  beforeAll(async () => {
    server = await startTestServer(data.dir);
    board = await createBoard(server.url, 'Vantaa integration plan');
    const meta = (await (
      await authedFetch(server.url, `/api/boards/${board.boardId}`, board.facilitatorToken)
    ).json()) as { coFacilitatorUrl: string };
    coFacilitator = await joinBoard(server.url, meta.coFacilitatorUrl.split('/join/')[1]!, 'Magdalena');
    participant = await joinBoard(server.url, board.joinCode, 'Amina');
    observer = await joinBoard(server.url, board.joinCode, 'Watcher', 'observer');
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const r of raws) r.close();
    await server.close();
    data.remove();
  });

  it('merges two facilitators typing in one cell at once, and the exports read the merged text', async () => {
    const sanna = await client(board.facilitatorToken);
    const magdalena = await client(coFacilitator.token);
    addMeasure(sanna.doc, { title: 'Vantaa integration unit' }, 'm:cell');
    await waitFor(() => titleOf(magdalena, 'm:cell') === 'Vantaa integration unit');
    // Both type in the same tick, before either hears of the other: concurrent edits.
    measureText(sanna.doc, 'm:cell', 'title')!.insert(7, 'city ');
    measureText(magdalena.doc, 'm:cell', 'title')!.insert(23, ', Kela');
    const merged = 'Vantaa city integration unit, Kela';
    await waitFor(() => titleOf(sanna, 'm:cell') === merged && titleOf(magdalena, 'm:cell') === merged);
    const json = JSON.parse(await exported('json')) as { actionPlan: { id: string; title: string }[] };
    expect(json.actionPlan.find((m) => m.id === 'm:cell')?.title).toBe(merged);
    expect(await exported('md')).toContain(merged);
  });

  it('lets a participant edit the plan’s text, but not while the board is locked, and never an observer', async () => {
    const sanna = await client(board.facilitatorToken);
    addMeasure(sanna.doc, { title: 'Job mentors' }, 'm:roles');
    await waitFor(() => titleOf(sanna, 'm:roles') === 'Job mentors');
    const insert = (doc: Y.Doc, at: number, text: string) => measureText(doc, 'm:roles', 'title')!.insert(at, text);

    const watcher = await rawWrite(observer.token, (doc) => insert(doc, 0, 'Evil '));
    expect(await watcher.closedWith()).toBe(CloseCode.UPDATE_REFUSED);

    expect((await session({ type: 'lock.set', locked: true })).status).toBe(200);
    const locked = await rawWrite(participant.token, (doc) => insert(doc, 0, 'Locked '));
    expect(await locked.closedWith()).toBe(CloseCode.UPDATE_REFUSED);
    expect((await session({ type: 'lock.set', locked: false })).status).toBe(200);

    const amina = await rawWrite(participant.token, (doc) => insert(doc, 11, ' for youth'));
    await waitFor(() => titleOf(sanna, 'm:roles') === 'Job mentors for youth');
    expect(amina.closed).toBeUndefined();
  });

  it('refuses plan text from a raw client where the plan has no room for it, or over a field’s limit', async () => {
    const sanna = await client(board.facilitatorToken);
    addMeasure(sanna.doc, { title: 'x'.repeat(295), need: 'Housing advice' }, 'm:target');
    await waitFor(() => titleOf(sanna, 'm:target')?.length === 295);
    const entryOf = (doc: Y.Doc) => actionPlanMap(doc).get('m:target') as Y.Map<unknown>;
    const titleText = (doc: Y.Doc) => entryOf(doc).get('title') as Y.Text;
    const cases: [string, (doc: Y.Doc) => void][] = [
      ['a text field as a plain string (it would overwrite the Y.Text)', (doc) => entryOf(doc).set('title', 'Kela')],
      ['a Y.Text under a field a measure does not have', (doc) => entryOf(doc).set('owner', new Y.Text('Mallory'))],
      ['a map where a text belongs', (doc) => entryOf(doc).set('need', new Y.Map())],
      ['a measure that is a Y.Text', (doc) => actionPlanMap(doc).set('m:evil-text', new Y.Text('evil'))],
      ['a measure id that is no id', (doc) => actionPlanMap(doc).set('not an id!', new Y.Map())],
      ['formatting in a text', (doc) => titleText(doc).format(0, 3, { bold: true })],
      ['text with attributes', (doc) => titleText(doc).insert(0, 'evil', { href: 'https://evil.example' })],
      ['an embed in a text', (doc) => titleText(doc).insertEmbed(0, { image: 'https://evil.example/x.png' })],
      ['a shared type inside a text', (doc) => titleText(doc).insertEmbed(0, new Y.Map())],
      ['a text past its field’s limit', (doc) => titleText(doc).insert(295, 'y'.repeat(6))],
      [
        'a new text past its limit',
        (doc) => {
          const entry = new Y.Map<unknown>();
          actionPlanMap(doc).set('m:evil-long', entry);
          entry.set('title', new Y.Text('z'.repeat(301)));
        },
      ],
      [
        'a new text that grows past its limit once created',
        (doc) => {
          const entry = new Y.Map<unknown>();
          actionPlanMap(doc).set('m:evil-grown', entry);
          const text = new Y.Text('z'.repeat(40));
          entry.set('start', text);
          text.insert(40, 'z');
        },
      ],
      ['a status a measure cannot have', (doc) => entryOf(doc).set('status', 'someday')],
      ['an order that is not a number', (doc) => entryOf(doc).set('order', 'first')],
      ['evidence that is not a list of notes', (doc) => entryOf(doc).set('evidence', [{ nonsense: true }])],
      [
        'a text nested a level deeper',
        (doc) => {
          const inner = new Y.Map<unknown>();
          entryOf(doc).set('need', inner);
          inner.set('deeper', new Y.Text('evil'));
        },
      ],
    ];
    for (const [what, write] of cases) {
      const r = await rawWrite(participant.token, write);
      expect(await r.closedWith(), what).toBe(CloseCode.UPDATE_REFUSED);
    }
    // Replacing the whole 295-letter title in one go is fine: what it deletes counts.
    const replace = await rawWrite(participant.token, (doc) =>
      doc.transact(() => {
        titleText(doc).delete(0, 295);
        titleText(doc).insert(0, 'Housing advice in Arabic');
      }),
    );
    await waitFor(() => titleOf(sanna, 'm:target') === 'Housing advice in Arabic');
    expect(replace.closed).toBeUndefined();

    const fresh = await client(board.facilitatorToken);
    const plan = readActionPlan(fresh.doc);
    expect(plan.find((m) => m.id === 'm:target')).toMatchObject({ need: 'Housing advice', status: 'proposed' });
    expect(plan.map((m) => m.id).filter((id) => id.includes('evil'))).toEqual([]);
    const entry = actionPlanMap(fresh.doc).get('m:target') as Y.Map<unknown>;
    expect(entry.get('title')).toBeInstanceOf(Y.Text);
    expect(entry.has('owner')).toBe(false);
    expect((entry.get('title') as Y.Text).toDelta()).toEqual([{ insert: 'Housing advice in Arabic' }]);
  });

  it('turns an older board’s plain-string plan into Y.Text when it is opened, losing nothing', async () => {
    const older = await createBoard(server.url, 'Older board');
    // A plan as boards stored it before collaborative text: plain strings in each measure.
    const legacy = new Y.Doc();
    const entry = new Y.Map<unknown>();
    actionPlanMap(legacy).set('m:old', entry);
    entry.set('title', 'Vantaa integration unit');
    entry.set('responsible', 'City of Vantaa');
    entry.set('status', 'agreed');
    entry.set('order', 1);
    await server.close();
    const db = new DatabaseSync(join(data.dir, 'talkoot.sqlite'));
    const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM doc_updates').get() as { n: number }).n;
    db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)').run(
      older.boardId,
      seq,
      Y.encodeStateAsUpdate(legacy),
    );
    db.close();
    server = await startTestServer(data.dir);

    const [a, b] = [
      await client(older.facilitatorToken, older.boardId),
      await client(older.facilitatorToken, older.boardId),
    ];
    const stored = actionPlanMap(a.doc).get('m:old') as Y.Map<unknown>;
    expect(stored.get('title')).toBeInstanceOf(Y.Text);
    expect(stored.get('responsible')).toBeInstanceOf(Y.Text);
    expect(readActionPlan(a.doc)[0]).toMatchObject({
      title: 'Vantaa integration unit',
      responsible: 'City of Vantaa',
      status: 'agreed',
    });
    // Both type into the migrated cell at once: one Y.Text, so both keep their letters.
    measureText(a.doc, 'm:old', 'title')!.insert(7, 'city ');
    measureText(b.doc, 'm:old', 'title')!.insert(23, ', Kela');
    const merged = 'Vantaa city integration unit, Kela';
    await waitFor(() => titleOf(a, 'm:old') === merged && titleOf(b, 'm:old') === merged);
    const json = JSON.parse(await exported('json', older.boardId, older.facilitatorToken)) as {
      actionPlan: { title: string; responsible: string }[];
    };
    expect(json.actionPlan[0]).toMatchObject({ title: merged, responsible: 'City of Vantaa' });
  });
});
