import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage, encodeSyncStep1, encodeUpdate, MalformedMessageError } from './messages.ts';

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
