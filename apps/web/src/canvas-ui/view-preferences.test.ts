import { describe, expect, it } from 'vitest';
import { parseViewPreferences } from './view-preferences.ts';

describe('parseViewPreferences', () => {
  it('reads both switches', () => {
    expect(parseViewPreferences('{"calm":true,"contrast":true}')).toEqual({ calm: true, contrast: true });
  });
  it('counts anything but true as off', () => {
    expect(parseViewPreferences('{"calm":"yes","contrast":1}')).toEqual({ calm: false, contrast: false });
  });
  it('falls back to the defaults for missing or broken data', () => {
    expect(parseViewPreferences(null)).toEqual({ calm: false, contrast: false });
    expect(parseViewPreferences('{not json')).toEqual({ calm: false, contrast: false });
  });
});
