import { describe, expect, it } from 'vitest';
import { initialSessionState } from '@talkoot/protocol';
import { ApiError, actionErrorKey, createApiClient, errorMessageKey } from './api-client.ts';

const respond =
  (status: number, body: unknown) =>
  async (input: string, init?: RequestInit): Promise<Response> => {
    calls.push({ input, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
let calls: Array<{ input: string; init: RequestInit | undefined }> = [];

describe('createApiClient', () => {
  it('posts joins as JSON and parses the answer', async () => {
    calls = [];
    const api = createApiClient(respond(200, { boardId: 'board1234', token: 'tok', role: 'participant' }));
    await expect(api.join({ code: 'K7M-4QX', displayName: 'Amina' })).resolves.toEqual({
      boardId: 'board1234',
      token: 'tok',
      role: 'participant',
    });
    expect(calls[0]!.input).toBe('/api/join');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ code: 'K7M-4QX', displayName: 'Amina' });
  });

  it('sends the token as a bearer header when reading a board', async () => {
    calls = [];
    const api = createApiClient(respond(401, { error: 'unauthorized', message: 'no' }));
    await expect(api.getBoard('board1234', 'secret')).rejects.toMatchObject({ status: 401, reason: 'unauthorized' });
    expect(new Headers(calls[0]!.init?.headers).get('Authorization')).toBe('Bearer secret');
  });

  it('turns error bodies, bad answers and network failures into ApiErrors', async () => {
    const unknownCode = createApiClient(respond(404, { error: 'unknown-join-code', message: 'Unknown code' }));
    const error = await unknownCode.join({ code: 'XXX', displayName: 'A' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(errorMessageKey(error)).toBe('errors.unknown-join-code');

    const nonsense = createApiClient(respond(200, { hello: 'world' }));
    await expect(nonsense.getConfig()).rejects.toMatchObject({ reason: 'bad-response' });

    const offline = createApiClient(() => Promise.reject(new TypeError('Failed to fetch')));
    const networkError = await offline.getConfig().catch((e: unknown) => e);
    expect(errorMessageKey(networkError)).toBe('errors.network');
    expect(errorMessageKey(new Error('boom'))).toBe('errors.generic');
  });

  it('posts facilitator commands with the bearer token and returns the new state', async () => {
    calls = [];
    const state = { ...initialSessionState(5), locked: true };
    const api = createApiClient(respond(200, { state }));
    await expect(api.sendSessionCommand('board1234', 'tok', { type: 'lock.set', locked: true })).resolves.toEqual(
      state,
    );
    expect(calls[0]!.input).toBe('/api/boards/board1234/session');
    expect(new Headers(calls[0]!.init?.headers).get('Authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ type: 'lock.set', locked: true });
  });

  it('translates a refused facilitator command into the forbidden message', async () => {
    const api = createApiClient(respond(403, { error: 'forbidden', message: 'Facilitators only' }));
    const error = await api.sendSessionCommand('board1234', 'tok', { type: 'timer.start' }).catch((e: unknown) => e);
    expect(actionErrorKey(error)).toBe('errors.forbidden');
    expect(actionErrorKey(new ApiError(0, 'network', 'down'))).toBe('errors.network');
  });

  it('posts a co-facilitator link rotation with the bearer token and parses the new link', async () => {
    calls = [];
    const api = createApiClient(respond(200, { coFacilitatorUrl: 'http://127.0.0.1:8787/join/F4CT7K9M' }));
    await expect(api.rotateFacilitatorLink('board1234', 'tok')).resolves.toEqual({
      coFacilitatorUrl: 'http://127.0.0.1:8787/join/F4CT7K9M',
    });
    expect(calls[0]!.input).toBe('/api/boards/board1234/facilitator-link/rotate');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(new Headers(calls[0]!.init?.headers).get('Authorization')).toBe('Bearer tok');

    const nonsense = createApiClient(respond(200, { joinUrl: 'http://127.0.0.1:8787/join/K7M-4QX' }));
    await expect(nonsense.rotateFacilitatorLink('board1234', 'tok')).rejects.toMatchObject({ reason: 'bad-response' });
  });

  it('sends the observer role when joining only to watch', async () => {
    calls = [];
    const api = createApiClient(respond(200, { boardId: 'board1234', token: 'tok', role: 'observer' }));
    await expect(api.join({ code: 'K7M-4QX', displayName: 'Amina', role: 'observer' })).resolves.toMatchObject({
      role: 'observer',
    });
    expect(JSON.parse(String(calls[0]!.init?.body))).toMatchObject({ role: 'observer' });
  });

  it('patches the retention period with the bearer token and returns the new deletion time', async () => {
    calls = [];
    const answer = { retentionDays: 7, expiresAt: '2030-01-08T00:00:00.000Z' };
    const api = createApiClient(respond(200, answer));
    await expect(api.updateBoard('board1234', 'tok', { retentionDays: 7 })).resolves.toEqual(answer);
    expect(calls[0]!.input).toBe('/api/boards/board1234');
    expect(calls[0]!.init?.method).toBe('PATCH');
    expect(new Headers(calls[0]!.init?.headers).get('Authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ retentionDays: 7 });
  });

  it('rejects a retention answer without a deletion time', async () => {
    const api = createApiClient(respond(200, { retentionDays: 7 }));
    await expect(api.updateBoard('board1234', 'tok', { retentionDays: 7 })).rejects.toMatchObject({
      reason: 'bad-response',
    });
  });

  it('deletes a board with DELETE and accepts the empty 204', async () => {
    calls = [];
    const api = createApiClient(async (input, init) => {
      calls.push({ input, init });
      return new Response(null, { status: 204 });
    });
    await expect(api.deleteBoard('board1234', 'tok')).resolves.toBeUndefined();
    expect(calls[0]!.input).toBe('/api/boards/board1234');
    expect(calls[0]!.init?.method).toBe('DELETE');
    expect(new Headers(calls[0]!.init?.headers).get('Authorization')).toBe('Bearer tok');
  });

  it('reports a refused board deletion as forbidden', async () => {
    const api = createApiClient(respond(403, { error: 'forbidden', message: 'Facilitators only' }));
    const error = await api.deleteBoard('board1234', 'tok').catch((e: unknown) => e);
    expect(actionErrorKey(error)).toBe('errors.forbidden');
  });

  it('accepts the empty 204 of removing a member', async () => {
    const api = createApiClient(async () => new Response(null, { status: 204 }));
    await expect(api.removeMember('board1234', 'tok', 'm1')).resolves.toBeUndefined();
  });

  it('casts and takes back dots with the bearer token, and reports a spent budget by its reason', async () => {
    calls = [];
    const ballot = { status: 'open', budget: 3, used: 1, mine: { 'shape:a': 1 } };
    const api = createApiClient(respond(200, ballot));
    await expect(api.castVote('board1234', 'tok', 'shape:a')).resolves.toEqual(ballot);
    expect(calls[0]!.input).toBe('/api/boards/board1234/votes');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(new Headers(calls[0]!.init?.headers).get('Authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ shapeId: 'shape:a' });
    await api.retractVote('board1234', 'tok', 'shape:a');
    expect(calls[1]!.input).toBe('/api/boards/board1234/votes/shape%3Aa');
    expect(calls[1]!.init?.method).toBe('DELETE');

    const spent = createApiClient(respond(409, { error: 'budget-exhausted', message: 'No votes left' }));
    await expect(spent.castVote('board1234', 'tok', 'shape:b')).rejects.toMatchObject({
      status: 409,
      reason: 'budget-exhausted',
    });
  });
});

describe('errorMessageKey', () => {
  it.each([
    [429, 'rate-limited', 'errors.rate-limited'],
    [413, 'body-too-large', 'errors.body-too-large'],
    [403, 'forbidden-origin', 'errors.forbidden-origin'],
    [403, 'cannot-remove-creator', 'errors.cannot-remove-creator'],
    [400, 'invalid-body', 'errors.invalid-body'],
    [404, 'unknown-join-code', 'errors.unknown-join-code'],
  ])('gives a %i %s its own message', (status, reason, key) => {
    expect(errorMessageKey(new ApiError(status, reason, 'English text'))).toBe(key);
  });

  it('falls back to the generic message for reasons it does not know, even inherited names', () => {
    expect(errorMessageKey(new ApiError(500, 'internal', 'boom'))).toBe('errors.generic');
    expect(errorMessageKey(new ApiError(500, 'constructor', 'boom'))).toBe('errors.generic');
  });
});

describe('actionErrorKey', () => {
  it('says why a 403 was refused when the server names a reason of its own', () => {
    expect(actionErrorKey(new ApiError(403, 'cannot-remove-creator', 'no'))).toBe('errors.cannot-remove-creator');
    expect(actionErrorKey(new ApiError(403, 'forbidden-origin', 'no'))).toBe('errors.forbidden-origin');
    expect(actionErrorKey(new ApiError(403, 'forbidden', 'no'))).toBe('errors.forbidden');
  });

  it('maps too many requests and too large bodies to their messages', () => {
    expect(actionErrorKey(new ApiError(429, 'rate-limited', 'slow down'))).toBe('errors.rate-limited');
    expect(actionErrorKey(new ApiError(413, 'body-too-large', 'too big'))).toBe('errors.body-too-large');
  });

  it('keeps the status-based messages for other failures', () => {
    expect(actionErrorKey(new ApiError(404, 'not-found', 'gone'))).toBe('errors.not-found');
    expect(actionErrorKey(new ApiError(401, 'unauthorized', 'no'))).toBe('errors.forbidden');
    expect(actionErrorKey(new ApiError(500, 'http-500', 'boom'))).toBe('errors.generic');
    expect(actionErrorKey(new Error('boom'))).toBe('errors.generic');
  });
});
