import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the calling thread's priority (nice 5): what a worker thread does can wait a moment for
 * the event loop, which answers every request. Linux names each thread's id in /proc; elsewhere
 * the thread keeps the process's priority.
 */
export function belowTheEventLoop(): void {
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (tid > 0) setPriority(tid, 5);
  } catch {
    // not Linux
  }
}
