import { describe, expect, it } from 'vitest';
import { worldCafeStep } from './world-cafe-frames.ts';

describe('worldCafeStep', () => {
  it('tells rounds and the harvest of each café apart', () => {
    expect(worldCafeStep('world-cafe.round-2')).toEqual({ instance: undefined, kind: 'round' });
    expect(worldCafeStep('world-cafe@2.harvest')).toEqual({ instance: '2', kind: 'harvest' });
    expect(worldCafeStep('world-cafe.welcome')).toEqual({ instance: undefined, kind: 'other' });
    expect(worldCafeStep('prioritisation.vote')).toBeNull();
    expect(worldCafeStep(null)).toBeNull();
  });
});
