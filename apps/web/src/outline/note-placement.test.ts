import { describe, expect, it } from 'vitest';
import { freeSpotInFrame, NOTE_SIDE } from './note-placement.ts';

describe('freeSpotInFrame', () => {
  it('uses the first cell in an empty frame', () => {
    expect(freeSpotInFrame({ w: 600, h: 400 }, [])).toEqual({ x: 20, y: 20, frameHeight: 400 });
  });

  it('skips taken cells in reading order', () => {
    const taken = [{ x: 20, y: 20, w: NOTE_SIDE, h: NOTE_SIDE }];
    expect(freeSpotInFrame({ w: 600, h: 400 }, taken)).toEqual({ x: 240, y: 20, frameHeight: 400 });
  });

  it('starts from the right edge in right-to-left languages', () => {
    expect(freeSpotInFrame({ w: 600, h: 400 }, [], true)).toEqual({ x: 380, y: 20, frameHeight: 400 });
  });

  it('adds a row below the content and grows the frame when it is full', () => {
    const full = [{ x: 0, y: 0, w: 600, h: 400 }];
    expect(freeSpotInFrame({ w: 600, h: 400 }, full)).toEqual({ x: 20, y: 420, frameHeight: 640 });
  });
});
