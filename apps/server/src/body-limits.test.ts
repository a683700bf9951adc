import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT } from './body-limits.ts';
import type { RunningServer } from './server.ts';
import { authedFetch, createBoard, joinBoard, startTestServer, tempDataDir } from './testing.ts';

/** What became of a streamed upload: the answer, and how many bytes the client got to send. */
interface Upload {
  status: number;
  body: string;
  sent: number;
}

/**
 * Sends `total` bytes of body in 64 KiB chunks, as fast as the server takes them, declared
 * with a Content-Length or chunked; stops sending as soon as the server answers.
 */
function streamBody(url: string, method: string, token: string, total: number, withLength: boolean): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method,
      agent: false,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        // Node sends DELETE bodies unframed unless told: say chunked outright.
        ...(withLength ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }),
      },
    });
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.once('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, body, sent });
        req.destroy();
      });
    });
    // Writing into a connection the server has closed after answering is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    pump();
  });
}

describe('API body limit', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let board: Awaited<ReturnType<typeof createBoard>>;
  let memberId: string;
  const total = 128 * 1024 * 1024;

  beforeAll(async () => {
    server = await startTestServer(data.dir);
    board = await createBoard(server.url);
    memberId = (await joinBoard(server.url, board.joinCode, 'Amina')).token;
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  /** Every API call that takes a body (and the ones that take none, which must not get one either). */
  const routes = (): [string, string][] => {
    const b = `/api/boards/${board.boardId}`;
    return [
      ['POST', '/api/boards'],
      ['POST', '/api/join'],
      ['POST', `${b}/session`],
      ['PATCH', b],
      ['DELETE', b],
      ['PATCH', `${b}/members/${memberId}`],
      ['DELETE', `${b}/members/${memberId}`],
      ['POST', `${b}/join-code`],
      ['POST', `${b}/facilitator-link/rotate`],
      ['POST', `${b}/templates`],
      ['POST', `${b}/world-cafe/harvest`],
      ['POST', `${b}/promote`],
      ['POST', `${b}/votes`],
      ['DELETE', `${b}/votes/shape:x`],
      ['POST', `${b}/action-plan/seed`],
    ];
  };

  for (const withLength of [true, false]) {
    it(`refuses a 128 MiB body ${withLength ? 'with' : 'without'} Content-Length on every route with 413, reading little of it`, async () => {
      for (const [method, path] of routes()) {
        const upload = await streamBody(`${server.url}${path}`, method, board.facilitatorToken, total, withLength);
        expect({ route: `${method} ${path}`, status: upload.status }).toEqual({
          route: `${method} ${path}`,
          status: 413,
        });
        expect(JSON.parse(upload.body)).toMatchObject({
          error: 'body-too-large',
          message: expect.stringMatching(/KiB/),
        });
        // Socket buffers on both ends hold a few MiB; the server stopped reading long before the end.
        expect(upload.sent).toBeLessThan(total / 8);
      }
      // The DELETE of the board with a huge body did nothing.
      expect((await authedFetch(server.url, `/api/boards/${board.boardId}`, board.facilitatorToken)).status).toBe(200);
    });
  }

  it('lets a session command (a whole agenda) carry more than the default limit', async () => {
    const step = (i: number) => ({ id: `s${i}`, title: `Step ${i}`, instructions: 'ä'.repeat(2000) });
    const agenda = Array.from({ length: 50 }, (_, i) => step(i));
    expect(JSON.stringify(agenda).length).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    const response = await authedFetch(
      server.url,
      `/api/boards/${board.boardId}/session`,
      board.facilitatorToken,
      'POST',
      {
        type: 'agenda.set',
        agenda,
      },
    );
    expect(response.status).toBe(200);
  });

  it('answers an observer’s /promote with 403 without parsing its body, and 413 when it is too large', async () => {
    const watcher = await joinBoard(server.url, board.joinCode, 'Watcher', 'observer');
    const notJson = await fetch(`${server.url}/api/boards/${board.boardId}/promote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${watcher.token}`, 'content-type': 'application/json' },
      body: '{"shapeId": ',
    });
    expect(notJson.status).toBe(403);
    for (const withLength of [true, false]) {
      const path = `${server.url}/api/boards/${board.boardId}/promote`;
      expect((await streamBody(path, 'POST', watcher.token, total, withLength)).status).toBe(413);
    }
  });
});
