import { Worker } from 'node:worker_threads';
import type { Merged } from './merge-updates.ts';

type Reply = { id: number; merged: Uint8Array; leftOut: number[] } | { id: number; error: string };

/**
 * A worker thread that merges documents for compaction, so that applying and encoding a big
 * board (hundreds of milliseconds for 20 MB) does not stall every other board's edits. Started
 * on first use; it does not keep the process alive.
 */
export class MergeWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (merged: Merged) => void; reject: (error: Error) => void }>();

  /** Merges `updates` in the worker. */
  merge(updates: readonly Uint8Array[]): Promise<Merged> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Merged>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      // Copied, not moved: a buffer may be shared with other data of this thread.
      worker.postMessage({ id, updates });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./compaction-worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (!waiting) return;
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve({ merged: reply.merged, leftOut: reply.leftOut });
    });
    const fail = (error: Error) => {
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the compaction worker exited with ${code}`)));
    this.worker = worker;
    return worker;
  }

  stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    return worker ? worker.terminate().then(() => undefined) : Promise.resolve();
  }
}
