import { makePng } from '@talkoot/assets/testing';
import { CloseCode, TL_RECORDS_MAP } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RawClient } from './hostile-frames.ts';
import type { RunningServer } from './server.ts';
import {
  connectClient,
  createBoard,
  joinBoard,
  startTestServer,
  tempDataDir,
  waitFor,
  waitForSync,
} from './testing.ts';

/** A tldraw image asset record as tldraw 5 stores it. */
const imageAsset = (id: string, src: string | null) => ({
  id,
  typeName: 'asset',
  type: 'image',
  props: { name: 'photo.jpg', src, w: 10, h: 10, mimeType: 'image/jpeg', isAnimated: false },
  meta: {},
});

/** An update of `state` that sets `record` under its id, as a raw client would send it. */
function setRecordUpdate(state: Uint8Array, record: { id: string; [key: string]: unknown }): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  doc.getMap<unknown>(TL_RECORDS_MAP).set(record.id, record);
  return Y.encodeStateAsUpdate(doc, before);
}

/**
 * Asset records name files in the board's asset store: a client that writes a file into the
 * document as a `data:` URL (or points an image at `javascript:`) is refused like any other
 * malformed write, whatever its role.
 */
describe('asset records in the board document', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const raws: RawClient[] = [];
  const raw = async (boardId: string, token: string) => {
    const r = await RawClient.open(server.url, boardId, token);
    raws.push(r);
    await r.sync();
    return r;
  };

  beforeAll(async () => {
    server = await startTestServer(data.dir, { joinAttemptsPerMinute: 1000 });
  });
  afterAll(async () => {
    for (const r of raws) r.close();
    await server.close();
    data.remove();
  });

  it('refuses a new image asset whose src is a data: URL, from a participant and a facilitator', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Mallory');
    const dataUrl = `data:image/png;base64,${Buffer.from(makePng(2, 2)).toString('base64')}`;
    for (const token of [participant.token, board.facilitatorToken]) {
      const r = await raw(board.boardId, token);
      r.sendUpdate(setRecordUpdate(r.state, imageAsset('asset:inline', dataUrl)));
      expect(await r.closedWith()).toBe(CloseCode.UPDATE_REFUSED);
    }
    const reader = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(reader);
    expect(reader.doc.getMap(TL_RECORDS_MAP).has('asset:inline')).toBe(false);
    reader.destroy();
  });

  it('refuses data: URLs in any prop (a bookmark’s image), in any case, and javascript: sources', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Mallory');
    const records = [
      {
        id: 'asset:bookmark',
        typeName: 'asset',
        type: 'bookmark',
        props: {
          src: 'https://example.org/',
          title: '',
          description: '',
          image: ' DATA:text/html,<script>x()</script>',
          favicon: '',
        },
        meta: {},
      },
      imageAsset('asset:js', 'javascript:alert(1)'),
      imageAsset('asset:blob', 'blob:http://127.0.0.1/1234'),
    ];
    for (const record of records) {
      const r = await raw(board.boardId, participant.token);
      r.sendUpdate(setRecordUpdate(r.state, record));
      expect(await r.closedWith(), record.id).toBe(CloseCode.UPDATE_REFUSED);
    }
  });

  it('accepts an asset that points at the board’s own store, first without a src as tldraw creates it', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    const writer = connectClient(server.url, board.boardId, participant.token);
    await waitForSync(writer);
    const records = writer.doc.getMap<unknown>(TL_RECORDS_MAP);
    records.set('asset:photo', imageAsset('asset:photo', null));
    const src = `/api/boards/${board.boardId}/assets/${'a'.repeat(64)}`;
    records.set('asset:photo', imageAsset('asset:photo', src));
    const reader = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(reader);
    await waitFor(
      () =>
        (reader.doc.getMap(TL_RECORDS_MAP).get('asset:photo') as { props: { src: string } } | undefined)?.props.src ===
        src,
    );
    writer.destroy();
    reader.destroy();
  });

  it('keeps an inline image a board had before the asset store when its record is written again unchanged', async () => {
    const board = await createBoard(server.url);
    const dataUrl = `data:image/png;base64,${Buffer.from(makePng(2, 2)).toString('base64')}`;
    // The board as an older version stored it: written by the server itself.
    await server.rooms.changeDoc(board.boardId, (doc) => {
      doc.getMap(TL_RECORDS_MAP).set('asset:old', imageAsset('asset:old', dataUrl));
    });
    const r = await raw(board.boardId, board.facilitatorToken);
    r.sendUpdate(setRecordUpdate(r.state, { ...imageAsset('asset:old', dataUrl), meta: { touched: true } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.closed).toBeUndefined();
  });
});
