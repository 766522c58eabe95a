// The checkpoint worker (see startCheckpoints in checkpoints.ts): copies the write-ahead log into
// the database with a connection of its own, so the event loop never waits for it.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { belowTheEventLoop } from './thread-priority.js';

// A checkpoint can wait; the requests the event loop answers cannot.
belowTheEventLoop();

const { path, walSizeLimit } = workerData as { path: string; walSizeLimit: number };
const db = new Database(path, { fileMustExist: true });
// As the main connection's: should this connection be the one to start the log again, or the last to close it.
db.pragma(`journal_size_limit = ${Math.trunc(walSizeLimit)}`);
// A checkpoint reads the log and writes the database: it needs no page cache of its own.
db.pragma('cache_size = -64');
// NORMAL: a checkpoint fsyncs the log before it copies frames (so what is copied is on disk in
// the log first), and the database before it marks them copied (so the log is reused only then).
db.pragma('synchronous = NORMAL');

// PASSIVE only, never RESTART or TRUNCATE, even with the log over its limit. PASSIVE does not
// starve here: the server's one connection reads synchronously, so no read of its own outlives a
// turn of the event loop; only a reader from outside (a backup) pins the log, and RESTART would
// wait for it too. Meanwhile RESTART and TRUNCATE hold off writers, and the server's commits
// wait for them on the event loop (busy_timeout): measured on a 21 MB log, a commit waited
// 90-110 ms behind either, against under 2 ms behind PASSIVE. The log is cut back to its limit
// by journal_size_limit instead, when the next commit starts it again.
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
