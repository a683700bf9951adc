import { describe, expect, it } from 'vitest';
import type { TLShape } from 'tldraw';
import { noteLanguageOf, withNoteLanguage } from './note-language.ts';

const note = (meta: object) => ({ type: 'note', meta }) as unknown as TLShape;

describe('note language', () => {
  it('reads the language a note records, else the board’s', () => {
    expect(noteLanguageOf(note({ talkoot: { language: 'ru' } }), 'en')).toBe('ru');
    expect(noteLanguageOf(note({}), 'fi')).toBe('fi');
    expect(noteLanguageOf(note({ talkoot: { language: 'klingon' } }), 'fi')).toBe('fi');
  });

  it('sets the language and keeps the rest of the note’s Talkoot data', () => {
    const meta = { other: 1, talkoot: { template: 'journey-map', part: 'x', language: 'en' } };
    expect(withNoteLanguage(meta, 'uk')).toEqual({
      other: 1,
      talkoot: { template: 'journey-map', part: 'x', language: 'uk' },
    });
    expect(withNoteLanguage({}, 'so')).toEqual({ talkoot: { language: 'so' } });
  });
});
