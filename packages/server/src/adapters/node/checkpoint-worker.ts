// The checkpoint worker (see startCheckpoints in checkpoints.ts): copies the write-ahead log into
// the database with a connection of its own, so the event loop never waits for it.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { belowTheEventLoop } from './thread-priority.js';

// A checkpoint can wait; the requests the event loop answers cannot.
belowTheEventLoop();

const { path } = workerData as { path: string };
const db = new Database(path, { fileMustExist: true });
// A checkpoint reads the log and writes the database: it needs no page cache of its own.
db.pragma('cache_size = -64');
// NORMAL: a checkpoint fsyncs the log before it copies frames (so what is copied is on disk in
// the log first), and the database before it marks them copied (so the log is reused only then).
db.pragma('synchronous = NORMAL');

// Every few milliseconds while there is something to copy; less often, up to once a second,
// while there is not.
const busiest = 20;
let every = busiest;
let timer: NodeJS.Timeout;
const checkpoint = () => {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
  every = result && result.checkpointed > 0 ? busiest : Math.min(1000, every * 2);
  timer = setTimeout(checkpoint, every);
};
timer = setTimeout(checkpoint, every);

parentPort!.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort!.close();
});
