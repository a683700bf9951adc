import { describe, expect, it } from 'vitest';
import { waitForSync, type SyncingProvider } from './wait-for-sync.ts';

/** A stand-in for a provider: emits 'sync' when told to. */
function fakeProvider(synced = false) {
  const handlers = new Set<(isSynced: boolean) => void>();
  const provider = {
    synced,
    on: (_event: 'sync', handler: (isSynced: boolean) => void) => handlers.add(handler),
    off: (_event: 'sync', handler: (isSynced: boolean) => void) => handlers.delete(handler),
    emit(isSynced: boolean) {
      provider.synced = isSynced;
      for (const handler of [...handlers]) handler(isSynced);
    },
    handlers,
  } satisfies SyncingProvider & Record<string, unknown>;
  return provider;
}

describe('waitForSync', () => {
  it('resolves at once when the provider has synced', async () => {
    await expect(waitForSync(fakeProvider(true))).resolves.toBeUndefined();
  });

  it('resolves on the first successful sync and stops listening', async () => {
    const provider = fakeProvider();
    let done = false;
    const waiting = waitForSync(provider).then(() => (done = true));
    provider.emit(false);
    await Promise.resolve();
    expect(done).toBe(false);
    provider.emit(true);
    await waiting;
    expect(provider.handlers.size).toBe(0);
  });

  it('rejects when aborted', async () => {
    const provider = fakeProvider();
    const controller = new AbortController();
    const waiting = waitForSync(provider, controller.signal);
    controller.abort(new Error('left the board'));
    await expect(waiting).rejects.toThrow('left the board');
    expect(provider.handlers.size).toBe(0);
  });
});
