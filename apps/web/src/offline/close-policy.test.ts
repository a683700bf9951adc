import { CloseCode } from '@talkoot/protocol';
import { describe, expect, it } from 'vitest';
import { closeActionOf, endsConnection } from './close-policy.ts';

describe('closeActionOf', () => {
  it('resets the doc after a refused update or a full board', () => {
    expect(closeActionOf(CloseCode.UPDATE_REFUSED)).toBe('reset');
    expect(closeActionOf(CloseCode.BOARD_FULL)).toBe('reset');
  });

  it('gives up when the token no longer works or the board is gone', () => {
    expect(closeActionOf(CloseCode.UNAUTHORIZED)).toBe('fatal');
    expect(closeActionOf(CloseCode.FORBIDDEN)).toBe('fatal');
    expect(closeActionOf(CloseCode.BOARD_NOT_FOUND)).toBe('fatal');
  });

  it('retries after a restart, a dropped network or a rate limit', () => {
    expect(closeActionOf(CloseCode.SERVICE_RESTART)).toBe('retry');
    expect(closeActionOf(1006)).toBe('retry');
    expect(closeActionOf(CloseCode.RATE_LIMITED)).toBe('retry');
  });
});

describe('endsConnection', () => {
  it('is true for reset and fatal codes, so the old doc never reconnects', () => {
    expect(endsConnection(CloseCode.UPDATE_REFUSED)).toBe(true);
    expect(endsConnection(CloseCode.FORBIDDEN)).toBe(true);
    expect(endsConnection(CloseCode.SERVICE_RESTART)).toBe(false);
  });
});
