/** The part of a Yjs provider (e.g. y-websocket's `WebsocketProvider`) that reports the first sync. */
export interface SyncingProvider {
  readonly synced: boolean;
  on(event: 'sync', handler: (isSynced: boolean) => void): unknown;
  off(event: 'sync', handler: (isSynced: boolean) => void): unknown;
}

/**
 * Resolves once the provider has exchanged state with the server, so the doc holds the whole
 * board. Bind only after this: binding an empty, not-yet-synced doc would seed records the
 * board already has. Rejects with the signal's reason if `signal` aborts first.
 */
export function waitForSync(provider: SyncingProvider, signal?: AbortSignal): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      cleanup();
      resolve();
    };
    const onAbort = () => {
      cleanup();
      reject(signal?.reason ?? new Error('aborted'));
    };
    const cleanup = () => {
      provider.off('sync', onSync);
      signal?.removeEventListener('abort', onAbort);
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    provider.on('sync', onSync);
    signal?.addEventListener('abort', onAbort);
  });
}
