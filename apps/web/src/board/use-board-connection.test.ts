import { describe, expect, it } from 'vitest';
import { connectionStateOf, syncServerUrl } from './use-board-connection.ts';

describe('syncServerUrl', () => {
  it('uses the page host with ws or wss', () => {
    expect(syncServerUrl({ protocol: 'http:', host: '192.168.1.20:8787' })).toBe('ws://192.168.1.20:8787/sync');
    expect(syncServerUrl({ protocol: 'https:', host: 'talkoot.example.org' })).toBe('wss://talkoot.example.org/sync');
  });
});

describe('connectionStateOf', () => {
  const flags = (wsconnected: boolean, wsconnecting: boolean, synced: boolean) => ({
    wsconnected,
    wsconnecting,
    synced,
  });

  it('is online only once the connection has synced', () => {
    expect(connectionStateOf(flags(true, false, true), true)).toBe('online');
    expect(connectionStateOf(flags(true, false, false), true)).toBe('connecting');
  });

  it('is offline between attempts, and while attempting without a network', () => {
    expect(connectionStateOf(flags(false, false, false), true)).toBe('offline');
    expect(connectionStateOf(flags(false, true, false), true)).toBe('connecting');
    expect(connectionStateOf(flags(false, true, false), false)).toBe('offline');
  });
});
