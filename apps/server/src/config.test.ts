import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('keeps SQLite alone when no database or Redis is given', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('takes PostgreSQL and Redis for several instances', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://talkoot@db:5432/talkoot',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config).toMatchObject({ databaseUrl: 'postgres://talkoot@db:5432/talkoot', redisUrl: 'redis://cache:6379' });
  });

  it('reads the idle unload time and the compaction threshold, with defaults', () => {
    expect(loadConfig({})).toMatchObject({ roomIdleUnloadMs: 30_000, compactAfter: 500 });
    expect(loadConfig({ ROOM_IDLE_UNLOAD_MS: '250', COMPACT_AFTER: '20' })).toMatchObject({
      roomIdleUnloadMs: 250,
      compactAfter: 20,
    });
    expect(() => loadConfig({ ROOM_IDLE_UNLOAD_MS: '0' })).toThrow(/ROOM_IDLE_UNLOAD_MS/);
    expect(() => loadConfig({ COMPACT_AFTER: 'often' })).toThrow(/COMPACT_AFTER/);
  });

  it('refuses Redis without a shared database, and URLs of the wrong kind', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/REDIS_URL.*DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/talkoot' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/t', REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
  });

  it('reads the board creation limit and the cap of slow connections per address, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      boardCreationsPerMinute: 10,
      maxPendingConnectionsPerAddress: 256,
      maxConnectionsPerAddress: 256,
    });
    expect(loadConfig({ BOARD_CREATIONS_PER_MINUTE: '3', MAX_PENDING_CONNECTIONS_PER_ADDRESS: '16' })).toMatchObject({
      boardCreationsPerMinute: 3,
      maxPendingConnectionsPerAddress: 16,
    });
    expect(() => loadConfig({ BOARD_CREATIONS_PER_MINUTE: '0' })).toThrow(/BOARD_CREATIONS_PER_MINUTE/);
    expect(() => loadConfig({ MAX_PENDING_CONNECTIONS_PER_ADDRESS: 'many' })).toThrow(
      /MAX_PENDING_CONNECTIONS_PER_ADDRESS/,
    );
  });

  it('reads the machine-translation server, off without one, and refuses half a configuration', () => {
    expect(loadConfig({}).translate).toBeUndefined();
    expect(loadConfig({ TRANSLATE_URL: 'http://127.0.0.1:5000', TRANSLATE_API: 'libretranslate' }).translate).toEqual({
      api: 'libretranslate',
      url: 'http://127.0.0.1:5000',
      apiKey: undefined,
      timeoutMs: 10_000,
    });
    expect(() => loadConfig({ TRANSLATE_URL: 'http://127.0.0.1:2737' })).toThrow(/TRANSLATE_API/);
    expect(() => loadConfig({ TRANSLATE_URL: 'http://x', TRANSLATE_API: 'google' })).toThrow(/TRANSLATE_API/);
  });
});
