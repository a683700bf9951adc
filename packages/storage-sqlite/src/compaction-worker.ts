import { parentPort } from 'node:worker_threads';
import { mergeStored } from './merge-updates.ts';

/** Merges documents for compaction off the main thread (see `MergeWorker`). */
parentPort?.on('message', ({ id, updates }: { id: number; updates: Uint8Array[] }) => {
  try {
    const { merged, leftOut } = mergeStored(updates);
    parentPort?.postMessage({ id, merged, leftOut }, [merged.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
