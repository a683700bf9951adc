import type { BoardMeta } from '@talkoot/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.ts';
import { authedFetch, createBoard, joinBoard, startTestServer, tempDataDir } from './testing.ts';

describe('co-facilitator link', () => {
  const data = tempDataDir();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer(data.dir);
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  const meta = async (boardId: string, token: string) =>
    (await (await authedFetch(server.url, `/api/boards/${boardId}`, token)).json()) as BoardMeta & {
      coFacilitatorUrl: string;
    };
  const codeOf = (url: string) => url.split('/join/')[1]!;
  const tryJoin = (code: string) =>
    fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, displayName: 'Someone' }),
    });

  it('is replaced by a facilitator on request: the old link stops working at once, the new one makes facilitators', async () => {
    const board = await createBoard(server.url);
    const old = (await meta(board.boardId, board.facilitatorToken)).coFacilitatorUrl;
    const participant = await joinBoard(server.url, board.joinCode, 'Amina');
    const rotate = (token: string) =>
      authedFetch(server.url, `/api/boards/${board.boardId}/facilitator-link/rotate`, token, 'POST');

    expect((await rotate(participant.token)).status).toBe(403);
    const response = await rotate(board.facilitatorToken);
    expect(response.status).toBe(200);
    const { coFacilitatorUrl } = (await response.json()) as { coFacilitatorUrl: string };
    expect(coFacilitatorUrl).toMatch(new RegExp(`^${server.url}/join/[34679ACDEFGHJKMNPQRTWXY]{16}$`));
    expect(coFacilitatorUrl).not.toBe(old);
    expect((await meta(board.boardId, board.facilitatorToken)).coFacilitatorUrl).toBe(coFacilitatorUrl);

    const stale = await tryJoin(codeOf(old));
    expect(stale.status).toBe(404);
    expect(((await stale.json()) as { error: string }).error).toBe('unknown-join-code');
    expect((await joinBoard(server.url, codeOf(coFacilitatorUrl), 'Magdalena')).role).toBe('facilitator');
    expect((await joinBoard(server.url, board.joinCode, 'Olga')).role).toBe('participant');
  });

  it('keeps the creator in: a co-facilitator cannot remove them; removing a co-facilitator replaces the link', async () => {
    const board = await createBoard(server.url);
    const link = (await meta(board.boardId, board.facilitatorToken)).coFacilitatorUrl;
    const cofac = await joinBoard(server.url, codeOf(link), 'Co');
    const other = await joinBoard(server.url, codeOf(link), 'Other');
    const creatorId = (await meta(board.boardId, board.facilitatorToken)).you.memberId;
    const cofacId = (await meta(board.boardId, cofac.token)).you.memberId;
    const otherId = (await meta(board.boardId, other.token)).you.memberId;
    const remove = (token: string, memberId: string) =>
      authedFetch(server.url, `/api/boards/${board.boardId}/members/${memberId}`, token, 'DELETE');

    const refused = await remove(cofac.token, creatorId);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'cannot-remove-creator', message: expect.any(String) });
    expect((await authedFetch(server.url, `/api/boards/${board.boardId}`, board.facilitatorToken)).status).toBe(200);
    expect((await remove(board.facilitatorToken, creatorId)).status).toBe(409); // nobody removes themselves

    // A co-facilitator removing another: the removed one cannot come back through the link they had.
    expect((await remove(cofac.token, otherId)).status).toBe(204);
    expect((await authedFetch(server.url, `/api/boards/${board.boardId}`, other.token)).status).toBe(401);
    expect((await tryJoin(codeOf(link))).status).toBe(404);
    const second = (await meta(board.boardId, board.facilitatorToken)).coFacilitatorUrl;
    expect(second).not.toBe(link);

    // The creator removes the co-facilitator: the link changes again.
    expect((await remove(board.facilitatorToken, cofacId)).status).toBe(204);
    expect((await tryJoin(codeOf(second))).status).toBe(404);
    expect((await meta(board.boardId, board.facilitatorToken)).coFacilitatorUrl).not.toBe(second);
  });

  it('stays the same when a participant is removed', async () => {
    const board = await createBoard(server.url);
    const link = (await meta(board.boardId, board.facilitatorToken)).coFacilitatorUrl;
    const amina = await joinBoard(server.url, board.joinCode, 'Amina');
    const aminaId = (await meta(board.boardId, amina.token)).you.memberId;
    const removed = await authedFetch(
      server.url,
      `/api/boards/${board.boardId}/members/${aminaId}`,
      board.facilitatorToken,
      'DELETE',
    );
    expect(removed.status).toBe(204);
    expect((await meta(board.boardId, board.facilitatorToken)).coFacilitatorUrl).toBe(link);
  });
});
