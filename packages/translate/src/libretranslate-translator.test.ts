import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { libreTranslateTranslator } from './libretranslate-translator.ts';
import { RoutedTranslator } from './routed-translator.ts';
import { type LibreTranslateTestServer, startLibreTranslateTestServer } from './testing.ts';

describe('libreTranslateTranslator against a server with LibreTranslate’s API', () => {
  let server: LibreTranslateTestServer;
  beforeAll(async () => {
    server = await startLibreTranslateTestServer('secret');
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.behaviour = {};
    server.requests.length = 0;
  });
  const mt = (timeoutMs = 2000) => libreTranslateTranslator({ url: server.url, apiKey: 'secret', timeoutMs });

  it('reads /languages into direct pairs, without a language into itself', async () => {
    const pairs = await mt().pairs();
    expect([...(pairs.get('fi') ?? [])]).toEqual(['en']);
    expect(pairs.get('en')?.has('ar')).toBe(true);
  });

  it('sends a batch as one request with an array q and the key', async () => {
    const out = await mt().translate(['lisää puistoja', 'iltaisin'], 'fi', 'en');
    expect(out).toEqual(['more parks', 'in the evenings']);
    expect(server.requests).toEqual([{ q: ['lisää puistoja', 'iltaisin'], source: 'fi', target: 'en' }]);
  });

  it('goes through English where there is no direct pair', async () => {
    const routed = new RoutedTranslator(mt());
    expect(await routed.route('fi', 'ar')).toEqual(['fi', 'en', 'ar']);
    expect(await routed.translate(['lisää puistoja'], 'fi', 'ar')).toEqual(['المزيد حدائق']);
    expect(server.requests.map((r) => `${r.source}>${r.target}`)).toEqual(['fi>en', 'en>ar']);
  });

  it('maps LibreTranslate’s error shapes to reasons', async () => {
    const wrongKey = libreTranslateTranslator({ url: server.url, apiKey: 'wrong' });
    await expect(wrongKey.translate(['x'], 'fi', 'en')).rejects.toMatchObject({
      reason: 'refused',
      message: expect.stringContaining('Invalid API key'),
    });
    await expect(mt().translate(['x'], 'fi', 'ar')).rejects.toMatchObject({
      reason: 'refused',
      message: expect.stringContaining('ar is not supported'),
    });
    server.behaviour = { limit: 0 };
    await expect(mt().translate(['x'], 'fi', 'en')).rejects.toMatchObject({ reason: 'rate-limited' });
    server.behaviour = { fail: true };
    await expect(mt().translate(['x'], 'fi', 'en')).rejects.toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('Cannot translate text'),
    });
  });

  it('treats an answer that is not a translation as an error, never as text', async () => {
    server.behaviour = { garbage: true };
    await expect(mt().translate(['x'], 'fi', 'en')).rejects.toMatchObject({ reason: 'bad-response' });
  });

  it('takes an empty translation of a text for a failure', async () => {
    await expect(new RoutedTranslator(mt()).translate(['in the'], 'en', 'fi')).rejects.toMatchObject({
      reason: 'bad-response',
    });
  });

  it('gives up on a slow server after its time-out', async () => {
    server.behaviour = { delayMs: 500 };
    const started = Date.now();
    await expect(mt(100).translate(['x'], 'fi', 'en')).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(450);
  });

  it('refuses beyond its queue instead of piling requests onto the server', async () => {
    server.behaviour = { delayMs: 100 };
    const routed = new RoutedTranslator(mt(), { maxConcurrent: 1, maxQueued: 1 });
    await routed.pairs();
    const results = await Promise.allSettled([
      routed.translate(['a'], 'fi', 'en'),
      routed.translate(['b'], 'fi', 'en'),
      routed.translate(['c'], 'fi', 'en'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ reason: 'rate-limited' });
  });
});
