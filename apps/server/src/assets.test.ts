import { createHash } from 'node:crypto';
import { fakeJpeg, fakeWebm, makePng, withExif } from '@talkoot/assets/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { TL_RECORDS_MAP } from '@talkoot/protocol';
import {
  authedFetch,
  connectClient,
  createBoard,
  joinBoard,
  startTestServer,
  tempDataDir,
  waitForSync,
} from './testing.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('asset store over HTTP', () => {
  const data = tempDataDir();
  let server: RunningServer;
  const upload = (boardId: string, token: string | undefined, body: Uint8Array, declared = 'image/png') =>
    fetch(`${server.url}/api/boards/${boardId}/assets`, {
      method: 'POST',
      headers: { 'content-type': declared, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: Buffer.from(body),
    });
  const read = (path: string, token: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  beforeAll(async () => {
    server = await startTestServer(data.dir, {
      joinAttemptsPerMinute: 1000,
      assetLimits: { imageBytes: 300_000, audioBytes: 100_000, boardBytes: 700_000 },
    });
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('stores a participant’s photo without its EXIF, named by the hash of what it keeps', async () => {
    const board = await createBoard(server.url);
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    const photo = withExif(fakeJpeg(), 'GPS 60.1699N 24.9384E');
    const response = await upload(board.boardId, participant.token, photo, 'application/octet-stream');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { hash: string; src: string; contentType: string; size: number };
    const stored = fakeJpeg();
    expect(body).toEqual({
      hash: sha256(stored),
      src: `/api/boards/${board.boardId}/assets/${sha256(stored)}`,
      contentType: 'image/jpeg',
      size: stored.length,
    });
    const served = await read(body.src, participant.token);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.includes('60.1699N')).toBe(false);
    expect(bytes.equals(Buffer.from(stored))).toBe(true);
    // The same bytes again: nothing new is stored.
    expect((await upload(board.boardId, participant.token, photo)).status).toBe(200);
  });

  it('serves assets with their sniffed type, nosniff, a sandbox CSP and an immutable private cache', async () => {
    const board = await createBoard(server.url);
    const png = makePng(10, 10);
    const { src } = (await (await upload(board.boardId, board.facilitatorToken, png, 'image/jpeg')).json()) as {
      src: string;
    };
    const served = await read(src, board.facilitatorToken);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(served.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const etag = served.headers.get('etag')!;
    expect((await read(src, board.facilitatorToken, { 'if-none-match': etag })).status).toBe(304);
  });

  it('answers range requests, as audio players make them', async () => {
    const board = await createBoard(server.url);
    const audio = fakeWebm(new Uint8Array(5000).map((_, i) => i % 251));
    const response = await upload(board.boardId, board.facilitatorToken, audio, 'audio/webm;codecs=opus');
    expect(response.status).toBe(201);
    const { src, contentType } = (await response.json()) as { src: string; contentType: string };
    expect(contentType).toBe('audio/webm');
    const part = await read(src, board.facilitatorToken, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${audio.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(audio.subarray(100, 200)))).toBe(true);
    const tail = await read(src, board.facilitatorToken, { range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(Buffer.from(audio.subarray(-10)))).toBe(true);
    const beyond = await read(src, board.facilitatorToken, { range: `bytes=${audio.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${audio.length}`);
  });

  it('refuses a script disguised as a PNG, and an SVG, whatever the upload declares', async () => {
    const board = await createBoard(server.url);
    const script = new TextEncoder().encode('<script>fetch("/api/boards").then(alert)</script>');
    const disguised = await upload(board.boardId, board.facilitatorToken, script, 'image/png');
    expect(disguised.status).toBe(415);
    expect(((await disguised.json()) as { error: string }).error).toBe('unsupported-asset-type');
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect((await upload(board.boardId, board.facilitatorToken, svg, 'image/svg+xml')).status).toBe(415);
    // A PNG signature followed by HTML is no PNG: its chunks do not hold together.
    const polyglot = Buffer.concat([
      Buffer.from(makePng(2, 2).subarray(0, 16)),
      Buffer.from('<html><script>x()</script>'),
    ]);
    expect((await upload(board.boardId, board.facilitatorToken, polyglot)).status).toBe(422);
  });

  it('refuses uploads from observers, from participants of a locked board, and without a token', async () => {
    const board = await createBoard(server.url);
    const observer = await joinBoard(server.url, board.joinCode, 'Olli', 'observer');
    const participant = await joinBoard(server.url, board.joinCode, 'Pia');
    const png = makePng(3, 3);
    const refused = await upload(board.boardId, observer.token, png);
    expect(refused.status).toBe(403);
    expect((await upload(board.boardId, undefined, png)).status).toBe(401);
    const lock = await authedFetch(server.url, `/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', {
      type: 'lock.set',
      locked: true,
    });
    expect(lock.status).toBe(200);
    const locked = await upload(board.boardId, participant.token, png);
    expect(locked.status).toBe(403);
    expect(((await locked.json()) as { error: string }).error).toBe('board-locked');
    const stored = await upload(board.boardId, board.facilitatorToken, png);
    expect(stored.status).toBe(201);
    // Observers may read what is on the board.
    expect((await read(((await stored.json()) as { src: string }).src, observer.token)).status).toBe(200);
  });

  it('lets only members of the board read its assets', async () => {
    const board = await createBoard(server.url);
    const other = await createBoard(server.url);
    const png = makePng(4, 3);
    const { hash, src } = (await (await upload(board.boardId, board.facilitatorToken, png)).json()) as {
      hash: string;
      src: string;
    };
    expect((await fetch(`${server.url}${src}`)).status).toBe(401);
    expect((await read(src, other.facilitatorToken)).status).toBe(401);
    // Nor through the other board's path: assets are per board.
    expect((await read(`/api/boards/${other.boardId}/assets/${hash}`, other.facilitatorToken)).status).toBe(404);
    expect((await read(`/api/boards/${board.boardId}/assets/..%2F..%2Fetc`, board.facilitatorToken)).status).toBe(404);
  });

  it('limits the size per type and per board, and says the numbers', async () => {
    const board = await createBoard(server.url);
    const big = makePng(600, 600, true);
    expect(big.length).toBeGreaterThan(300_000);
    const tooBig = await upload(board.boardId, board.facilitatorToken, big);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { message: string }).message).toMatch(/0\.3 MiB/);
    const longRecording = fakeWebm(new Uint8Array(120_000));
    expect((await upload(board.boardId, board.facilitatorToken, longRecording, 'audio/webm')).status).toBe(413);
    // 700 kB per board: three photos of ~260 kB do not fit.
    const photo = () => makePng(510, 510, true);
    expect((await upload(board.boardId, board.facilitatorToken, photo())).status).toBe(201);
    expect((await upload(board.boardId, board.facilitatorToken, photo())).status).toBe(201);
    const full = await upload(board.boardId, board.facilitatorToken, photo());
    expect(full.status).toBe(413);
    expect(((await full.json()) as { error: string }).error).toBe('board-assets-full');
  });

  it('draws a photo into the board picture, and leaves a hidden one out', async () => {
    const board = await createBoard(server.url);
    const png = makePng(12, 9);
    const { src } = (await (await upload(board.boardId, board.facilitatorToken, png)).json()) as { src: string };
    const client = connectClient(server.url, board.boardId, board.facilitatorToken);
    await waitForSync(client);
    const records = client.doc.getMap<unknown>(TL_RECORDS_MAP);
    records.set('asset:photo', {
      id: 'asset:photo',
      typeName: 'asset',
      type: 'image',
      props: { name: 'p.png', src, w: 12, h: 9, mimeType: 'image/png', isAnimated: false },
      meta: {},
    });
    records.set('shape:photo', {
      id: 'shape:photo',
      typeName: 'shape',
      type: 'image',
      parentId: 'page:page',
      index: 'a9',
      x: 0,
      y: 0,
      rotation: 0,
      isLocked: false,
      opacity: 1,
      meta: {},
      props: {
        w: 120,
        h: 90,
        assetId: 'asset:photo',
        crop: null,
        flipX: false,
        flipY: false,
        url: '',
        playing: true,
        altText: '',
      },
    });
    await server.rooms.settled();
    const svg = async () => {
      const response = await authedFetch(
        server.url,
        `/api/boards/${board.boardId}/export?format=svg`,
        board.facilitatorToken,
      );
      expect(response.status).toBe(200);
      return response.text();
    };
    const stored = (await server.storage.assets.get(board.boardId, src.split('/').pop()!))!;
    const inline = `data:image/png;base64,${Buffer.from(stored.data).toString('base64')}`;
    expect(await svg()).toContain(inline);
    const picture = await authedFetch(
      server.url,
      `/api/boards/${board.boardId}/export?format=png`,
      board.facilitatorToken,
    );
    expect(picture.status).toBe(200);
    const hide = await authedFetch(server.url, `/api/boards/${board.boardId}/session`, board.facilitatorToken, 'POST', {
      type: 'export.redact',
      shapeIds: ['shape:photo'],
      redacted: true,
    });
    expect(hide.status).toBe(200);
    expect(await svg()).not.toContain('data:image/png');
    client.destroy();
  });

  it('deletes a board’s assets when the board is deleted', async () => {
    const board = await createBoard(server.url);
    const { hash } = (await (await upload(board.boardId, board.facilitatorToken, makePng(7, 7))).json()) as {
      hash: string;
    };
    expect(await server.storage.assets.get(board.boardId, hash)).toBeDefined();
    const deleted = await authedFetch(server.url, `/api/boards/${board.boardId}`, board.facilitatorToken, 'DELETE');
    expect(deleted.status).toBe(204);
    expect(await server.storage.assets.get(board.boardId, hash)).toBeUndefined();
  });
});

describe('asset upload body limit', () => {
  const data = tempDataDir();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(data.dir);
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('refuses a body over 10 MiB before reading it, and takes a photo just under it', async () => {
    const board = await createBoard(server.url);
    const post = (body: Uint8Array) =>
      fetch(`${server.url}/api/boards/${board.boardId}/assets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.facilitatorToken}` },
        body: Buffer.from(body),
      });
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(fakeJpeg());
    expect((await post(huge)).status).toBe(413);
    const photo = makePng(3000, 3000, true);
    expect(photo.length).toBeGreaterThan(9_000_000);
    expect((await post(photo)).status).toBe(201);
  });
});
