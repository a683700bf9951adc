import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { hostileFrames } from './fuzz-frames.ts';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeUpdate,
  MalformedMessageError,
  MAX_NESTING_DEPTH,
} from './messages.ts';

describe('decodeClientMessage', () => {
  it('decodes sync step 1 and updates', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 1);
    expect(decodeClientMessage(encodeSyncStep1(doc)).kind).toBe('sync-step-1');
    const update = Y.encodeStateAsUpdate(doc);
    const message = decodeClientMessage(encodeUpdate(update));
    expect(message).toEqual({ kind: 'update', update });
  });

  it('refuses every truncation of a valid update', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello world');
    const frame = encodeUpdate(Y.encodeStateAsUpdate(doc));
    for (let length = 0; length < frame.length; length++) {
      expect(() => decodeClientMessage(frame.slice(0, length))).toThrow(MalformedMessageError);
    }
  });

  it('accepts query-awareness', () => {
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ kind: 'query-awareness' });
  });
});

describe('decodeClientMessage on hostile input', () => {
  const frameOf = (how: string) => hostileFrames().find((f) => f.how === how)!.frame;

  it.each([
    'two empty strings in a map',
    'zero-length deleted content',
    'zero-length GC structs',
    'item whose origin is itself',
    'item whose right origin is itself',
    'item whose parent is itself',
    'any content nested 1000 deep',
    'embed JSON nested 3000 deep',
    'awareness JSON nested 400000 deep',
    'awareness state that is not JSON',
    'awareness with trailing bytes',
    'awareness string running past its payload',
  ])('refuses %s', (how) => {
    expect(() => decodeClientMessage(frameOf(how))).toThrow(MalformedMessageError);
  });

  it('accepts content and awareness nested exactly to the limit, and refuses one level more', () => {
    const nested = (depth: number): unknown => (depth === 1 ? [] : [nested(depth - 1)]);
    const at = (depth: number) => {
      const doc = new Y.Doc();
      let update: Uint8Array = new Uint8Array();
      doc.on('update', (u: Uint8Array) => (update = u));
      doc.getMap('m').set('k', nested(depth));
      return encodeUpdate(update);
    };
    expect(decodeClientMessage(at(MAX_NESTING_DEPTH)).kind).toBe('update');
    expect(() => decodeClientMessage(at(MAX_NESTING_DEPTH + 1))).toThrow('content nested too deep');

    const awareness = (depth: number) => {
      const doc = new Y.Doc();
      const state = new Awareness(doc);
      state.setLocalState({ deep: nested(depth - 1) });
      return encodeAwareness(state, [doc.clientID]);
    };
    expect(decodeClientMessage(awareness(MAX_NESTING_DEPTH)).kind).toBe('awareness');
    expect(() => decodeClientMessage(awareness(MAX_NESTING_DEPTH + 1))).toThrow('awareness state nested too deep');
  });

  it('lets through only updates that apply cleanly and can be sent on to another client', () => {
    for (const { how, frame } of hostileFrames()) {
      let message;
      try {
        message = decodeClientMessage(frame);
      } catch (error) {
        expect(error, how).toBeInstanceOf(MalformedMessageError);
        continue;
      }
      if (message.kind !== 'update' && message.kind !== 'sync-step-2') continue;
      const doc = new Y.Doc();
      let emitted = 0;
      doc.on('update', () => emitted++);
      Y.applyUpdate(doc, message.update);
      doc.getMap('after').set('k', 1);
      // Still emitting: the transaction clean-up ran to the end.
      expect(emitted, how).toBeGreaterThan(0);
      expect(doc._transactionCleanups, how).toHaveLength(0);
      Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc));
    }
  });
});
