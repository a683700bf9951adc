import { describe, expect, it } from 'vitest';
import { syncServerUrl } from './use-board-connection.ts';

describe('syncServerUrl', () => {
  it('uses the page host with ws or wss', () => {
    expect(syncServerUrl({ protocol: 'http:', host: '192.168.1.20:8787' })).toBe('ws://192.168.1.20:8787/sync');
    expect(syncServerUrl({ protocol: 'https:', host: 'talkoot.example.org' })).toBe('wss://talkoot.example.org/sync');
  });
});
