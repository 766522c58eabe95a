import { Worker } from 'node:worker_threads';

export interface Checkpoints {
  /** Stops the worker after it has closed its connection. */
  stop(): Promise<void>;
}

/**
 * Checkpoints on a worker thread with its own connection (`checkpoint-worker.ts`). SQLite's
 * automatic checkpoint runs inside a commit, on the event loop: under load, a few milliseconds
 * every few dozen batches, while every request waits. `stopped` is told if the worker dies, so
 * that the caller can hand checkpoints back to SQLite.
 */
export function startCheckpoints(
  script: URL,
  path: string,
  walSizeLimit: number,
  stopped: (error: Error) => void,
): Checkpoints {
  // It holds a connection and a timer: a small heap is plenty.
  const worker = new Worker(script, {
    workerData: { path, walSizeLimit },
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 },
  });
  worker.unref();
  let stopping = false;
  let told = false;
  const tell = (error: Error) => {
    if (stopping || told) return;
    told = true;
    stopped(error);
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', tell);
  worker.once('exit', (code) => tell(new Error(`the checkpoint worker stopped (${code})`)));
  return {
    stop: () => {
      if (!stopping) {
        stopping = true;
        worker.postMessage('stop');
      }
      return exited;
    },
  };
}
