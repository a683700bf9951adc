import { describe, expect, it } from 'vitest';
import { boardPath, parseRoute, projectorPath } from './navigation.ts';

describe('parseRoute', () => {
  it('maps the start page', () => {
    expect(parseRoute('/')).toEqual({ screen: 'home' });
  });

  it('maps join pages with and without a code', () => {
    expect(parseRoute('/join')).toEqual({ screen: 'join', code: '' });
    expect(parseRoute('/join/K7M-4QX')).toEqual({ screen: 'join', code: 'K7M-4QX' });
    expect(parseRoute('/join/K7M%204QX/')).toEqual({ screen: 'join', code: 'K7M 4QX' });
  });

  it('maps board pages and round-trips boardPath', () => {
    expect(parseRoute('/b/abcDEF12_-')).toEqual({ screen: 'board', boardId: 'abcDEF12_-' });
    expect(parseRoute(boardPath('abcDEF12'))).toEqual({ screen: 'board', boardId: 'abcDEF12' });
  });

  it('maps projector pages and round-trips projectorPath', () => {
    expect(parseRoute(projectorPath('abcDEF12'))).toEqual({ screen: 'projector', boardId: 'abcDEF12' });
  });

  it('does not crash on malformed escapes or unknown paths', () => {
    expect(parseRoute('/join/%E0%A4%A')).toEqual({ screen: 'join', code: '%E0%A4%A' });
    expect(parseRoute('/b/x/y')).toEqual({ screen: 'not-found' });
    expect(parseRoute('/admin')).toEqual({ screen: 'not-found' });
  });
});
