import { RECORDS_MAP_NAME, waitForSync, type SyncingProvider } from '@talkoot/tldraw-yjs';
import type * as Y from 'yjs';

/** Where the doc's content came from when the board became ready to bind. */
export type ReadySource = 'server' | 'device';

/** Options of {@link whenBoardReady}. */
export interface WhenBoardReadyOptions {
  doc: Y.Doc;
  provider: SyncingProvider;
  /** Resolves once the device's copy of the board has been loaded into `doc`; omit if there is none. */
  localLoaded?: Promise<void> | null;
  signal?: AbortSignal;
}

/**
 * Resolves once the doc can be bound to a tldraw store: when the provider has synced with the
 * server, or earlier when the device's copy has loaded and holds records (so a board opens on
 * bad Wi-Fi, or with the server down, from what this device saw last).
 *
 * An empty device copy is never enough: binding seeds an empty doc, and a doc not yet synced may
 * only look empty. Records in a device copy were either synced from the server or written by a
 * binding that itself waited for this, so binding early never seeds a board that already exists.
 * Rejects with the signal's reason on abort.
 */
export function whenBoardReady({ doc, provider, localLoaded, signal }: WhenBoardReadyOptions): Promise<ReadySource> {
  const fromServer = waitForSync(provider, signal).then((): ReadySource => 'server');
  if (!localLoaded) return fromServer;
  const fromDevice = new Promise<ReadySource>((resolve) => {
    localLoaded.then(
      () => {
        if (!signal?.aborted && doc.getMap(RECORDS_MAP_NAME).size > 0) resolve('device');
      },
      () => {
        // No usable device copy: wait for the server.
      },
    );
  });
  return Promise.race([fromServer, fromDevice]);
}
