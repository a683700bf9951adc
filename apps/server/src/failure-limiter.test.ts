import { describe, expect, it } from 'vitest';
import { FailureLimiter, RateLimitedError } from './failure-limiter.ts';

class WrongCode extends Error {}
const isWrong = (error: unknown) => error instanceof WrongCode;
const succeed = () => Promise.resolve('ok');
const fail = () => Promise.reject(new WrongCode());

describe('FailureLimiter', () => {
  it('never counts successful attempts', async () => {
    const limiter = new FailureLimiter(2, 60_000);
    for (let i = 0; i < 50; i++) await expect(limiter.run('a', succeed, isWrong)).resolves.toBe('ok');
    expect(limiter.size).toBe(0);
  });

  it('refuses a key after max failures without running the attempt, until the window ends', async () => {
    let now = 1_000;
    const limiter = new FailureLimiter(2, 60_000, () => now);
    await expect(limiter.run('a', fail, isWrong)).rejects.toBeInstanceOf(WrongCode);
    now += 10_000;
    await expect(limiter.run('a', fail, isWrong)).rejects.toBeInstanceOf(WrongCode);
    let ran = false;
    const refused = limiter.run('a', () => ((ran = true), succeed()), isWrong);
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: 50_000 }); // the window began with the first failure;
    expect(ran).toBe(false);
    await expect(limiter.run('b', succeed, isWrong)).resolves.toBe('ok');
    now += 50_000;
    await expect(limiter.run('a', succeed, isWrong)).resolves.toBe('ok');
    expect(limiter.size).toBe(0);
  });

  it('does not count errors that are not failures', async () => {
    const limiter = new FailureLimiter(1, 60_000);
    for (let i = 0; i < 3; i++)
      await expect(limiter.run('a', () => Promise.reject(new Error('db')), isWrong)).rejects.toThrow('db');
    await expect(limiter.run('a', succeed, isWrong)).resolves.toBe('ok');
  });

  it('lets no more than max failures through when many attempts run at once', async () => {
    const limiter = new FailureLimiter(3, 60_000);
    let ran = 0;
    const slowFail = async () => {
      ran++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new WrongCode();
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => limiter.run('a', slowFail, isWrong)));
    expect(ran).toBe(3);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof RateLimitedError)).toHaveLength(17);
  });

  it('lets many successful attempts at once through, the ones over the limit after a short wait', async () => {
    const limiter = new FailureLimiter(3, 60_000);
    const slowSucceed = () => new Promise<string>((resolve) => setTimeout(() => resolve('ok'), 5));
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.run('a', slowSucceed, isWrong)));
    expect(results).toEqual(new Array(20).fill('ok'));
  });
});
