import { CloseCode, TL_RECORDS_MAP } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import {
  closeCodesOf,
  closeOf,
  connectClient,
  createBoard,
  joinBoard,
  openRawSocket,
  startTestServer,
  tempDataDir,
  waitFor,
  waitForSync,
} from './testing.ts';

describe('private writing', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    server = await startTestServer(data.dir);
  });
  afterAll(async () => {
    for (const c of cleanups) c();
    await server.close();
    data.remove();
  });

  const memberId = async (boardId: string, token: string) =>
    (
      (await (
        await fetch(`${server.url}/api/boards/${boardId}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        you: { memberId: string };
      }
    ).you.memberId;

  const privateClient = (boardId: string, owner: string, token: string) => {
    const client = connectClient(server.url, `${boardId}/private/${owner}`, token);
    cleanups.push(() => client.destroy());
    return client;
  };

  it('keeps a participant’s private notes from other participants until the facilitator reveals them', async () => {
    const board = await createBoard(server.url);
    const amina = await joinBoard(server.url, board.joinCode, 'Amina');
    const olga = await joinBoard(server.url, board.joinCode, 'Olga');
    const aminaId = await memberId(board.boardId, amina.token);

    // Olga watches the board with a raw socket that records every byte she is sent.
    const received: Buffer[] = [];
    const olgaSocket = await openRawSocket(
      `${server.url.replace('http', 'ws')}/sync/${board.boardId}?token=${olga.token}`,
    );
    olgaSocket.on('message', (data: Buffer) => received.push(data));
    const olgaBoard = connectClient(server.url, board.boardId, olga.token);
    cleanups.push(
      () => olgaBoard.destroy(),
      () => olgaSocket.close(),
    );
    await waitForSync(olgaBoard);

    const mine = privateClient(board.boardId, aminaId, amina.token);
    await waitFor(() => mine.provider.synced);
    const note = (id: string, extra: object = {}) => ({
      id,
      typeName: 'shape',
      type: 'note',
      parentId: 'page:page',
      meta: { privateAuthor: aminaId },
      ...extra,
    });
    mine.doc.getMap(TL_RECORDS_MAP).set('shape:secret', note('shape:secret', { text: 'my private worry' }));
    // Forgeries a hand-crafted client could put in its own private doc: none may reach the board.
    mine.doc
      .getMap(TL_RECORDS_MAP)
      .set('document:document', { id: 'document:document', typeName: 'document', name: 'hacked' });
    mine.doc.getMap(TL_RECORDS_MAP).set('shape:public', note('shape:public', { text: 'overwritten' }));
    mine.doc.getMap(TL_RECORDS_MAP).set('shape:in-frame', note('shape:in-frame', { parentId: 'shape:frame' }));
    await waitFor(
      () =>
        server.rooms.get(`${board.boardId}/private/${aminaId}`)?.doc.getMap(TL_RECORDS_MAP).has('shape:secret') ===
        true,
    );

    // Olga may not open Amina's private notes; the facilitator may.
    const sneak = await openRawSocket(
      `${server.url.replace('http', 'ws')}/sync/${board.boardId}/private/${aminaId}?token=${olga.token}`,
    );
    expect((await closeOf(sneak)).code).toBe(CloseCode.FORBIDDEN);
    const facilitatorView = privateClient(board.boardId, aminaId, board.facilitatorToken);
    await waitFor(() => facilitatorView.doc.getMap(TL_RECORDS_MAP).has('shape:secret'));
    // Facilitators read private notes but cannot change them: the delete is refused (4409).
    const facilitatorCloses = closeCodesOf(facilitatorView);
    facilitatorView.doc.getMap(TL_RECORDS_MAP).delete('shape:secret');
    await waitFor(() => facilitatorCloses.length > 0, 5000, "the facilitator's delete to be refused");
    expect(facilitatorCloses).toEqual([CloseCode.UPDATE_REFUSED]);
    await server.rooms.settled();
    expect(
      server.rooms.get(`${board.boardId}/private/${aminaId}`)!.doc.getMap(TL_RECORDS_MAP).has('shape:secret'),
    ).toBe(true);

    await server.rooms.settled();
    expect(Buffer.concat(received).includes('my private worry')).toBe(false);
    expect(olgaBoard.doc.getMap(TL_RECORDS_MAP).has('shape:secret')).toBe(false);

    olgaBoard.doc.getMap(TL_RECORDS_MAP).set('shape:public', note('shape:public', { text: 'original' }));
    await waitFor(() => server.rooms.get(board.boardId)?.doc.getMap(TL_RECORDS_MAP).has('shape:public') === true);
    const reveal = await fetch(`${server.url}/api/boards/${board.boardId}/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'private.reveal' }),
    });
    expect(reveal.status).toBe(200);
    await waitFor(() => olgaBoard.doc.getMap(TL_RECORDS_MAP).has('shape:secret'));
    const revealed = olgaBoard.doc.getMap(TL_RECORDS_MAP).get('shape:secret') as { text: string; meta: object };
    expect(revealed.text).toBe('my private worry');
    expect(revealed.meta).toEqual({});
    const boardRecords = server.rooms.get(board.boardId)!.doc.getMap(TL_RECORDS_MAP);
    // The board's own document (written at creation from its template) is not replaced.
    expect((boardRecords.get('document:document') as { name: string }).name).toBe('');
    expect(boardRecords.has('shape:in-frame')).toBe(false);
    expect((boardRecords.get('shape:public') as { text: string }).text).toBe('original');
    await waitFor(() => !mine.doc.getMap(TL_RECORDS_MAP).has('shape:secret'));
    // What could not be revealed stays with its author, nothing is lost.
    expect(mine.doc.getMap(TL_RECORDS_MAP).has('shape:in-frame')).toBe(true);
  });

  it('lands revealed notes inside the current step’s frame, or the focus frame, overlapping nothing', async () => {
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Ideas', template: 'prioritisation', language: 'en' }),
    });
    const board = (await created.json()) as { boardId: string; joinCode: string; facilitatorToken: string };
    const send = async (body: object) => {
      const response = await fetch(`${server.url}/api/boards/${board.boardId}/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.facilitatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
    };
    const people = [
      await joinBoard(server.url, board.joinCode, 'Amina'),
      await joinBoard(server.url, board.joinCode, 'Olek'),
    ];
    const writeNotes = async (count: number, prefix: string) => {
      for (const [p, person] of people.entries()) {
        const id = await memberId(board.boardId, person.token);
        const mine = privateClient(board.boardId, id, person.token);
        await waitFor(() => mine.provider.synced);
        for (let i = 0; i < count; i++) {
          // Where an older client put private notes: far to the right of the board.
          mine.doc.getMap(TL_RECORDS_MAP).set(`shape:${prefix}-${p}-${i}`, {
            id: `shape:${prefix}-${p}-${i}`,
            typeName: 'shape',
            type: 'note',
            parentId: 'page:page',
            x: 9000 + i * 240,
            y: 4000,
            index: `a${i + 1}`,
            props: { scale: 1, growY: 0, text: `${prefix} ${p} ${i}` },
            meta: { privateAuthor: id },
          });
        }
        await waitFor(
          () => server.rooms.get(`${board.boardId}/private/${id}`)?.doc.getMap(TL_RECORDS_MAP).size === count,
          5000,
          'the private notes to arrive',
        );
        mine.destroy();
      }
    };
    type Shape = { id: string; type: string; parentId: string; x: number; y: number; props: { w: number; h: number } };
    const shapes = () =>
      [...server.rooms.get(board.boardId)!.doc.getMap<Shape>(TL_RECORDS_MAP).values()].filter(
        (r) => (r as { typeName?: string }).typeName === 'shape',
      );
    const overlap = (a: Shape, b: Shape) => a.x < b.x + 200 && b.x < a.x + 200 && a.y < b.y + 200 && b.y < a.y + 200;
    const expectLaidOutIn = (frameId: string, prefix: string, count: number) => {
      const frame = shapes().find((s) => s.id === frameId)!;
      const revealed = shapes().filter((s) => s.id.startsWith(`shape:${prefix}-`));
      expect(revealed).toHaveLength(count);
      const notesThere = shapes().filter((s) => s.type === 'note' && s.parentId === frameId);
      for (const note of revealed) {
        expect(note.parentId).toBe(frameId);
        expect(note.x).toBeGreaterThanOrEqual(0);
        expect(note.y).toBeGreaterThanOrEqual(0);
        expect(note.x + 200).toBeLessThanOrEqual(frame.props.w);
        expect(note.y + 200).toBeLessThanOrEqual(frame.props.h);
        for (const other of notesThere) if (other.id !== note.id) expect(overlap(note, other)).toBe(false);
      }
    };

    // Step "collect ideas": its frame is the ideas frame.
    await send({ type: 'agenda.go', stepId: 'prioritisation.collect' });
    await send({ type: 'private.start' });
    await writeNotes(3, 'first');
    await send({ type: 'private.reveal' });
    expectLaidOutIn('shape:prioritisation.ideas', 'first', 6);

    // With a focus frame, that one.
    await send({ type: 'focus.set', frameId: 'shape:prioritisation.voting' });
    await send({ type: 'private.start' });
    await writeNotes(2, 'second');
    await send({ type: 'private.reveal' });
    expectLaidOutIn('shape:prioritisation.voting', 'second', 4);
  });
});
